package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// genTables are key-less and keyed tables with generated columns, as
// observed on PostgreSQL 18 (Generated is only observed there).
func genTables() []Table {
	stored := []GeneratedColumn{{Name: "total", Virtual: false}}
	return []Table{
		// no key, a stored generated column: FULL would hold it
		{TableName: TableName{"app", "stored"}, ReplicaIdentity: 'd', Generated: stored},
		// no key, but a unique NOT NULL index without generated columns
		{TableName: TableName{"app", "indexed"}, ReplicaIdentity: 'd', Generated: []GeneratedColumn{{Name: "v", Virtual: true}}, IdentityCandidate: "indexed_code_key"},
		// no key, a virtual generated column, no usable index
		{TableName: TableName{"app", "virtual"}, ReplicaIdentity: 'd', Generated: []GeneratedColumn{{Name: "v", Virtual: true}}},
		// a primary key on a stored generated column
		{TableName: TableName{"app", "keyed"}, ReplicaIdentity: 'd', HasPrimaryKey: true, Generated: []GeneratedColumn{{Name: "k", InIdentity: true}}},
		// a generated column outside the primary key: nothing to do
		{TableName: TableName{"app", "plain"}, ReplicaIdentity: 'd', HasPrimaryKey: true, Generated: []GeneratedColumn{{Name: "g"}}},
	}
}

func TestGeneratedColumnsOn18(t *testing.T) {
	o := fresh()
	o.ServerVersionNum = 180004
	o.Tables = genTables()
	d := desired("full", "schemas")
	sp := Build(d, o)

	wantActions := []brief{
		{ID: "replica-identity/app.indexed", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}, Tables: []TableName{{"app", "indexed"}}},
		{ID: "replica-identity/app.stored", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{}, Tables: []TableName{{"app", "stored"}}},
	}
	var got []brief
	for _, b := range briefs(sp) {
		if strings.HasPrefix(b.ID, "replica-identity/") {
			got = append(got, b)
		}
	}
	if diff := cmp.Diff(wantActions, got); diff != "" {
		t.Errorf("identity actions (-want +got):\n%s", diff)
	}
	byID := map[string]Action{}
	for _, a := range sp.Actions {
		byID[a.ID] = a
	}
	if a := byID["replica-identity/app.indexed"]; a.Change != (ReplicaIdentityIndex{Table: TableName{"app", "indexed"}, Index: "indexed_code_key"}) {
		t.Errorf("app.indexed: %+v, want REPLICA IDENTITY USING INDEX indexed_code_key", a)
	}
	pub := byID["publication/clickpipes_publication"]
	if c := pub.Change.(CreatePublication); !c.GeneratedStored || !c.ViaRoot {
		t.Errorf("publication: %+v; want publish_via_partition_root and publish_generated_columns = stored", c)
	}
	wantWhy := []Reason{PublicationMissing{Publication: "clickpipes_publication"}, GeneratedStoredOnCreate{Tables: []GeneratedTable{
		{Table: TableName{"app", "keyed"}, Columns: []string{"k"}}, {Table: TableName{"app", "stored"}, Columns: []string{"total"}}}}}
	if diff := cmp.Diff(wantWhy, pub.Why); diff != "" {
		t.Errorf("publication's why (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"replica-identity-generated"}, pub.BlockedBy); diff != "" {
		t.Errorf("publication blocked by (-want +got):\n%s", diff)
	}
	want := VirtualInIdentity{Tables: []GeneratedTable{{Table: TableName{"app", "virtual"}, Columns: []string{"v"}}}}
	if diff := cmp.Diff(want, findingFact(sp, "replica-identity-generated")); diff != "" {
		t.Errorf("findings %v: want a blocker naming app.virtual (v) (-want +got):\n%s", findingIDs(sp), diff)
	}
	if failing := FailingChecks(d, o, sp); !slices.Contains(failing, CheckReplicaIdentity) {
		t.Errorf("failing checks %v, want replica-identity among them", failing)
	}
}

// An existing publication: writes on a published table whose key is a
// stored generated column are failing now; setting the option is the fix,
// disruptive for pipes already on it, and adding tables waits for it.
func TestGeneratedColumnsExistingPublication(t *testing.T) {
	o := converged()
	o.ServerVersionNum = 180004
	o.Tables = append(o.Tables, Table{TableName: TableName{"app", "keyed"}, ReplicaIdentity: 'd', HasPrimaryKey: true, UserSelect: true,
		Generated: []GeneratedColumn{{Name: "k", InIdentity: true}}})
	sp := Build(desired("full", "schemas"), o)
	if diff := cmp.Diff([]brief{{ID: "publication/clickpipes_publication/generated-columns", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{}}}, briefs(sp)); diff != "" {
		t.Fatalf("actions (-want +got):\n%s", diff)
	}
	if a := sp.Actions[0]; a.Change != (PublicationOptions{Name: "clickpipes_publication", GeneratedStored: true}) || !a.Why[0].(GeneratedStoredNeeded).FailingNow {
		t.Errorf("option action %+v", a)
	}
	o.Publication.GeneratedStored = true
	if sp := Build(desired("full", "schemas"), o); !sp.Ready() {
		t.Errorf("with publish_generated_columns = stored: %v %v, want ready", briefs(sp), findingIDs(sp))
	}
}

// Before 18 nothing about generated columns changes the plan (and sources
// do not observe them): the same tables plan as they always did.
func TestGeneratedColumnsBefore18(t *testing.T) {
	o := fresh()
	o.ServerVersionNum = 170006
	o.Tables = genTables()
	sp := Build(desired("full", "schemas"), o)
	for _, a := range sp.Actions {
		if a.Kind() == KindReplicaIdentityIndex || publishesGenerated(a.Change) {
			t.Errorf("action %s on 17: %+v", a.ID, a)
		}
	}
	if got := findingIDs(sp); len(got) != 0 {
		t.Errorf("findings on 17: %v", got)
	}
}

// findingFact is the fact of the finding id, nil when there is none.
func findingFact(sp SourcePlan, id string) Reason {
	for _, f := range sp.Findings {
		if f.ID() == id {
			return f.Fact
		}
	}
	return nil
}

// publishesGenerated reports whether a change turns on
// publish_generated_columns.
func publishesGenerated(c Change) bool {
	switch c := c.(type) {
	case CreatePublication:
		return c.GeneratedStored
	case PublicationOptions:
		return c.GeneratedStored
	}
	return false
}
