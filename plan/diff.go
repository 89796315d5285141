package plan

import (
	"fmt"
	"sort"
)

// MinServerVersion is the oldest PostgreSQL ClickPipes supports (12).
const MinServerVersion = 120000

// Build diffs a source's desired state against what was observed. It is
// pure: the same inputs always give the same plan, in the same order.
func Build(d Desired, o *Observed) SourcePlan {
	sp := build(d, o)
	sp.Actions = inDependencyOrder(sp.Actions)
	return sp
}

func build(d Desired, o *Observed) SourcePlan {
	b := &builder{d: d, o: o, sp: SourcePlan{Source: d.Source, Type: d.Type, Findings: []Finding{}, Actions: []Action{}, ObservedDigest: Digest(o)}}
	b.indexObserved()
	if o.ServerVersionNum < MinServerVersion {
		b.found(FindingServerVersion, "", SeverityBlocker, ServerTooOld{Version: o.ServerVersionNum})
		return b.sp
	}
	if o.InRecovery {
		b.found(FindingStandby, "", SeverityBlocker, IsStandby{})
		return b.sp
	}
	if h := o.BeingApplied; h != nil {
		// Its half-done state is no drift: say what is going on instead.
		b.found(FindingBeingApplied, "", SeverityBlocker, BeingApplied{Source: d.Source, PID: h.PID, Application: h.Application, Since: h.Since})
		return b.sp
	}
	if a := o.Admin; a != nil && a.Name == d.User {
		b.found(FindingAdminIsUser, "", SeverityBlocker, AdminIsUser{Admin: a.Name})
		return b.sp
	}
	if b.o.AWS != nil && b.d.Aurora != nil {
		b.global()
		b.awsParameters()
	}
	b.settings()
	b.emptyScopes()
	b.replicationConnection()
	b.walSafety()
	b.generatedColumns()
	b.replicaIdentity()
	b.wideFullIdentity()
	b.role()
	b.usage()
	b.selects()
	b.defaultPrivileges()
	b.futureTables()
	b.publication()
	b.globalRecord()
	b.partitionsOutOfScope()
	b.unpublishable()
	b.unreadableElsewhere()
	b.notReplicable()
	if b.o.AWS != nil && b.d.Aurora != nil {
		b.network()
	}
	b.adminPrivileges()
	return b.sp
}

type builder struct {
	d  Desired
	o  *Observed
	sp SourcePlan

	tables       []Table // sorted
	schemas      map[string]SchemaState
	scopes       map[string]DesiredSchema // desired schemas by name
	pubSchemas   map[string]bool          // schemas the publication lists
	pubTables    map[TableName]bool       // tables the publication lists
	roles        map[string]bool
	defaults     map[DefaultGrant]bool
	roleAction   string               // id of the action creating the user, if any
	rebootAction string               // id of the reboot action, if any
	unfixed      map[TableName]string // tables to publish that keep no usable replica identity: the blocking finding
	identityIDs  []string
	// PostgreSQL 18 generated columns (generated.go).
	identityIndex    map[TableName]string // key-less tables made USING INDEX instead of FULL
	generatedBlocked map[TableName]bool   // tables whose identity would hold a virtual generated column
	needStored       []generatedTable     // tables that need publish_generated_columns = stored
	genOptionAction  string               // id of the action setting it on the existing publication
	globalRecordInDB *Action              // the Global Database writer's record in the publication (global.go)
}

func (b *builder) indexObserved() {
	b.tables = append([]Table(nil), b.o.Tables...)
	sort.Slice(b.tables, func(i, j int) bool { return b.tables[i].less(b.tables[j].TableName) })
	b.schemas = map[string]SchemaState{}
	for _, s := range b.o.Schemas {
		b.schemas[s.Name] = s
	}
	b.roles = map[string]bool{}
	for _, r := range b.o.Roles {
		b.roles[r] = true
	}
	for _, c := range b.o.Creators {
		b.roles[c.Role] = true
	}
	b.defaults = map[DefaultGrant]bool{}
	for _, g := range b.o.DefaultGrants {
		b.defaults[g] = true
	}
	b.unfixed = map[TableName]string{}
	b.generatedBlocked = map[TableName]bool{}
	b.scopes = map[string]DesiredSchema{}
	for _, ds := range b.d.Schemas {
		b.scopes[ds.Name] = ds
	}
	b.pubSchemas, b.pubTables = map[string]bool{}, map[TableName]bool{}
	if p := b.o.Publication; p != nil {
		for _, s := range p.Schemas {
			b.pubSchemas[s] = true
		}
		for _, t := range p.Tables {
			b.pubTables[t] = true
		}
	}
}

// found records a finding: its code, its subject when a source can have
// several of its code (a schema, a slot, an action), and its fact, which
// plan/render words.
func (b *builder) found(code FindingCode, subject string, sev Severity, fact Reason) {
	b.sp.Findings = append(b.sp.Findings, Finding{Code: code, Subject: subject, Severity: sev, Fact: fact})
}

func (b *builder) add(a Action) {
	a.Source = b.d.Source
	if a.Risk == "" {
		a.Risk = RiskSafe
	}
	if a.DependsOn == nil {
		a.DependsOn = []string{}
	}
	sort.Strings(a.DependsOn)
	b.sp.Actions = append(b.sp.Actions, a)
}

// afterRole is the dependency list of an action that needs the user to exist.
func (b *builder) afterRole() []string {
	if b.roleAction == "" {
		return nil
	}
	return []string{b.roleAction}
}

func (b *builder) settings() {
	s := b.o.Settings
	if s.WalLevel != "logical" && !b.d.IsAurora() {
		b.found(FindingWalLevel, "", SeverityBlocker, WalLevelNotLogical{WalLevel: s.WalLevel})
	}
	if s.MaxWalSenders < 2 {
		b.found(FindingMaxWalSenders, "", SeverityBlocker, TooFewWalSenders{MaxWalSenders: s.MaxWalSenders})
	}
	for _, ds := range b.d.Schemas {
		if _, ok := b.schemas[ds.Name]; !ok {
			b.found(FindingMissingSchema, ds.Name, SeverityWarning, SchemaMissing{Schema: ds.Name, Scopes: ds.Scopes, Database: b.o.Database})
		}
	}
	for _, owner := range b.d.Owners() {
		if !b.roles[owner] {
			b.found(FindingMissingOwner, owner, SeverityWarning, OwnerMissing{Owner: owner})
		}
	}
}

// scopeOf returns the desired schema a table is in, if any.
func (b *builder) scopeOf(t Table) (DesiredSchema, bool) {
	ds, ok := b.scopes[t.Schema]
	return ds, ok
}

// toPublish reports whether the spec wants the table published.
func (b *builder) toPublish(t Table) bool {
	if t.Unlogged {
		return false // never publishable (unpublishable warns)
	}
	if b.d.AllTables {
		return true
	}
	_, ok := b.scopeOf(t)
	return ok
}

// published reports whether the existing publication already publishes t.
func (b *builder) published(t Table) bool {
	p := b.o.Publication
	if p == nil {
		return false
	}
	return p.AllTables || b.pubSchemas[t.Schema] || b.pubTables[t.TableName] || (t.IsPartition() && b.pubTables[t.Root])
}

// VersionString renders server_version_num for people ("15.4").
func VersionString(num int) string {
	if num >= 100000 {
		return fmt.Sprintf("%d.%d", num/10000, num%10000)
	}
	return fmt.Sprintf("%d.%d.%d", num/10000, num/100%100, num%100)
}
