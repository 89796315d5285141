package plan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/auroracfg/auroracfg/schema"
)

func desired(noKey string, tables string) Desired {
	spec := &schema.Spec{
		Schemas: []schema.Scope{{Name: "shop", Include: []string{"app", "Sales"}, FutureTablesOwnedBy: []string{"app_owner"}, WithoutPrimaryKey: noKey}},
	}
	src := &schema.Source{
		Name: "shop-dev", Type: "postgresql", Schemas: []string{"shop"},
		User:        schema.User{Name: "clickpipes_user"},
		Publication: schema.Publication{Name: "clickpipes_publication", Tables: tables},
	}
	return DesiredFor(spec, src, RunOptions{})
}

func tbl(schemaName, name string, pk bool) Table {
	return Table{TableName: TableName{schemaName, name}, ReplicaIdentity: 'd', HasPrimaryKey: pk}
}

// fresh is a PostgreSQL 15 database with nothing prepared yet.
func fresh() *Observed {
	return &Observed{
		ServerVersionNum: 150004,
		Settings:         Settings{WalLevel: "logical", MaxWalSenders: 10, MaxReplicationSlots: 10},
		Database:         "shop",
		Schemas:          []SchemaState{{Name: "app"}, {Name: "Sales"}},
		Tables:           []Table{tbl("app", "orders", true), tbl("Sales", "Quotes", true), tbl("other", "secret", true)},
		Roles:            []string{"app_owner"},
	}
}

// converged is fresh after a successful apply.
func converged() *Observed {
	o := fresh()
	o.User = &Role{Name: "clickpipes_user", CanLogin: true, Replication: true}
	o.Login = LoginOK
	for i := range o.Schemas {
		o.Schemas[i].UserUsage = true
	}
	for i := range o.Tables {
		o.Tables[i].UserSelect = o.Tables[i].Schema != "other"
	}
	o.DefaultGrants = []DefaultGrant{{"app_owner", "app"}, {"app_owner", "Sales"}}
	o.Publication = &Publication{Name: "clickpipes_publication", ViaRoot: true, Schemas: []string{"Sales", "app"}}
	return o
}

// brief is the part of an action the ordering and dependency tests compare.
type brief struct {
	ID        string
	Op        Op
	Risk      Risk
	DependsOn []string
	BlockedBy []string
	Schemas   []string
	Tables    []TableName
}

func briefs(sp SourcePlan) []brief {
	var out []brief
	for _, a := range sp.Actions {
		f := payloadScope(a.Change)
		out = append(out, brief{a.ID, a.Op, a.Risk, a.DependsOn, a.BlockedBy, f.Schemas, f.Tables})
	}
	return out
}

// payloadScope is the schemas and tables a change's payload names, read
// from its JSON payload as a consumer would.
func payloadScope(c Change) (f struct {
	Schemas []string    `json:"schemas"`
	Tables  []TableName `json:"tables"`
}) {
	data, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(data, &f); err != nil {
		panic(err)
	}
	return f
}

func findingIDs(sp SourcePlan) []string {
	var out []string
	for _, f := range sp.Findings {
		out = append(out, string(f.Severity)+":"+f.ID())
	}
	return out
}

func TestBuild(t *testing.T) {
	role := []string{"role/clickpipes_user"}
	tests := []buildCase{
		{
			name: "fresh database gets everything in dependency order", desired: desired("fail", "schemas"), observed: fresh,
			want: []brief{
				{ID: "role/clickpipes_user", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "usage/Sales", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"Sales"}},
				{ID: "usage/app", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"app"}},
				{ID: "select/Sales", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"Sales"}, Tables: []TableName{{"Sales", "Quotes"}}},
				{ID: "select/app", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"app"}, Tables: []TableName{{"app", "orders"}}},
				{ID: "default-privileges/app_owner/Sales", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"Sales"}},
				{ID: "default-privileges/app_owner/app", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"app"}},
				{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"Sales", "app"}},
			},
		},
		{name: "converged database needs nothing", desired: desired("fail", "schemas"), observed: converged},
		{
			name: "drift: revoked grant, dropped usage, missing default privilege, changed password", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Tables[1].UserSelect = false
				o.Schemas[0].UserUsage = false
				o.DefaultGrants = o.DefaultGrants[1:]
				o.Login = LoginBadPassword
				return o
			},
			want: []brief{
				{ID: "role/clickpipes_user/password", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{}},
				{ID: "usage/app", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"app"}},
				{ID: "select/Sales", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"Sales"}, Tables: []TableName{{"Sales", "Quotes"}}},
				{ID: "default-privileges/app_owner/app", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"app"}},
			},
		},
		{
			name: "table without a key blocks the publication by default", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Publication = nil
				o.Tables[0].HasPrimaryKey = false
				return o
			},
			want: []brief{
				{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, BlockedBy: []string{"replica-identity"}, Schemas: []string{"Sales", "app"}},
			},
			findings: []string{"blocker:replica-identity"},
		},
		{
			name: "withoutPrimaryKey full sets the identity before publishing", desired: desired("full", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Publication = nil
				o.Tables[0].HasPrimaryKey = false
				return o
			},
			want: []brief{
				{ID: "replica-identity/app.orders", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{}, Tables: []TableName{{"app", "orders"}}},
				{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"replica-identity/app.orders"}, Schemas: []string{"Sales", "app"}},
			},
		},
		{
			name: "a published table without a key is reported first", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Settings.WalLevel = "replica"
				o.Tables = append(o.Tables, tbl("app", "later", false))
				return o
			},
			want:     []brief{{ID: "select/app", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"app"}, Tables: []TableName{{"app", "later"}}}},
			findings: []string{"blocker:replica-identity-failing", "blocker:wal-level"},
		},
		{
			name: "tables outside the scope are neither granted nor checked", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Tables = append(o.Tables, tbl("other", "nokey", false))
				return o
			},
		},
		{
			name: "for all tables checks every table's identity", desired: desired("fail", "all"),
			observed: func() *Observed {
				o := converged()
				o.Publication = nil
				o.Tables = append(o.Tables, tbl("other", "nokey", false))
				return o
			},
			want: []brief{{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, BlockedBy: []string{"replica-identity"}}},
			// other.* are published and unreadable: the initial load would fail
			findings: []string{"blocker:replica-identity", "blocker:unreadable-out-of-scope"},
		},
		{
			// withoutPrimaryKey: full speaks for the scope: a table outside
			// it, published by tables: all, is never changed (it blocks)
			name: "for all tables changes nothing outside the scope", desired: desired("full", "all"),
			observed: func() *Observed {
				o := converged()
				o.Publication = nil
				o.Tables = append(o.Tables, tbl("other", "nokey", false))
				for i := range o.Tables {
					o.Tables[i].UserSelect = true
				}
				return o
			},
			want:     []brief{{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, BlockedBy: []string{"replica-identity"}}},
			findings: []string{"blocker:replica-identity"},
		},
		{
			name: "PostgreSQL 14 lists tables, partitions through their root", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.ServerVersionNum = 140010
				o.Publication = nil
				root := TableName{"app", "events"}
				o.Tables = append(o.Tables,
					Table{TableName: root, Partitioned: true, ReplicaIdentity: 'd', HasPrimaryKey: true, UserSelect: true},
					Table{TableName: TableName{"app", "events_2026"}, Root: root, ReplicaIdentity: 'd', HasPrimaryKey: true, UserSelect: true})
				return o
			},
			want: []brief{{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{},
				Tables: []TableName{{"Sales", "Quotes"}, {"app", "events"}, {"app", "orders"}}}},
		},
		{
			name: "a table dropped from an explicit publication list is added back", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Publication = &Publication{Name: "clickpipes_publication", ViaRoot: false, Tables: []TableName{{"app", "orders"}}}
				return o
			},
			want: []brief{
				{ID: "publication/clickpipes_publication/add", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}, Tables: []TableName{{"Sales", "Quotes"}}},
				{ID: "publication/clickpipes_publication/options", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{}},
			},
		},
		{
			name: "an all-tables publication is never recreated", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Publication.AllTables, o.Publication.Schemas = true, nil
				return o
			},
			findings: []string{"blocker:publication-form"},
		},
		{
			name: "a missing schema and owner are warnings", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Schemas = o.Schemas[:1]
				o.Tables = o.Tables[:1]
				o.Roles = nil
				o.Publication.Schemas = []string{"app"}
				return o
			},
			findings: []string{"warning:missing-schema/Sales", "warning:missing-owner/app_owner"},
		},
		{
			name: "a role without its attributes is altered", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.User.Replication = false
				return o
			},
			want: []brief{{ID: "role/clickpipes_user/attributes", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBuild(t, tt.desired, tt.observed(), tt.want, tt.findings) })
	}
}

// buildCase is one table-driven Build test.
type buildCase struct {
	name     string
	desired  Desired
	observed func() *Observed
	want     []brief
	findings []string
}

// checkBuild compares what Build plans with the expected actions and findings.
func checkBuild(t *testing.T, d Desired, o *Observed, want []brief, findings []string) {
	t.Helper()
	sp := Build(d, o)
	respectsDependencies(t, "plan", sp)
	if diff := cmp.Diff(want, briefs(sp), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(findings, findingIDs(sp), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func TestBuildReasons(t *testing.T) {
	o := converged()
	o.Tables[1].UserSelect = false
	sp := Build(desired("fail", "schemas"), o)
	want := [][]Reason{{LacksSelect{Role: "clickpipes_user", Tables: []TableName{{"Sales", "Quotes"}}}}}
	var got [][]Reason
	for _, a := range sp.Actions {
		got = append(got, a.Why)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

func TestBuildOldServer(t *testing.T) {
	o := fresh()
	o.ServerVersionNum = 110022
	sp := Build(desired("fail", "schemas"), o)
	if diff := cmp.Diff([]string{"blocker:server-version"}, findingIDs(sp)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(sp.Actions) != 0 {
		t.Errorf("got %d actions on an unsupported server, want none", len(sp.Actions))
	}
}

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{
		"clickpipes_user": "clickpipes_user", "Sales": `"Sales"`, `odd"name`: `"odd""name"`,
		"user": `"user"`, "a b": `"a b"`, "1abc": `"1abc"`, "t1": "t1", "": `""`,
		// control characters shown, never printed: a name cannot start a
		// line of its own in a plan
		"x\nNo changes.": `"x\nNo changes."`, "tab\there": `"tab\there"`, "bell\a": `"bell\u0007"`,
	} {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
}
