package plan

import (
	"fmt"
	"sort"
	"strings"
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
		b.finding(FindingServerVersion, SeverityBlocker,
			fmt.Sprintf("PostgreSQL %s is not supported: ClickPipes needs PostgreSQL 12 or later", VersionString(o.ServerVersionNum)),
			"upgrade the server to PostgreSQL 12 or later")
		return b.sp
	}
	if o.InRecovery {
		b.finding(FindingStandby, SeverityBlocker,
			"the server is a standby (pg_is_in_recovery() is true): publications, grants and slots are made on the primary, and ClickPipes needs the primary",
			"connect to the primary (on Aurora the cluster's writer endpoint)")
		return b.sp
	}
	if b.o.AWS != nil && b.d.Aurora != nil {
		b.awsParameters()
	}
	b.settings()
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
	b.partitionsOutOfScope()
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

func (b *builder) finding(code FindingCode, sev Severity, msg, fix string) {
	b.findingOn(code, "", sev, msg, fix)
}

// findingOn is a finding about one subject (a schema, a slot, an action).
func (b *builder) findingOn(code FindingCode, subject string, sev Severity, msg, fix string) {
	b.sp.Findings = append(b.sp.Findings, Finding{Code: code, Subject: subject, Severity: sev, Message: msg, Fix: fix})
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
		b.finding(FindingWalLevel, SeverityBlocker,
			fmt.Sprintf("wal_level is %s, want logical: logical replication cannot start", s.WalLevel),
			"run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (auroracfg does not restart servers it does not manage)")
	}
	if s.MaxWalSenders < 2 {
		b.finding(FindingMaxWalSenders, SeverityBlocker,
			fmt.Sprintf("max_wal_senders is %d, want at least 2", s.MaxWalSenders),
			"run ALTER SYSTEM SET max_wal_senders = 10; then restart PostgreSQL")
	}
	for _, ds := range b.d.Schemas {
		if _, ok := b.schemas[ds.Name]; !ok {
			b.findingOn(FindingMissingSchema, ds.Name, SeverityWarning,
				fmt.Sprintf("schema %s (scope %s) does not exist in database %s: nothing in it is granted or published until it does",
					QuoteIdent(ds.Name), strings.Join(ds.Scopes, ", "), QuoteIdent(b.o.Database)), "")
		}
	}
	for _, owner := range b.d.Owners() {
		if !b.roles[owner] {
			b.findingOn(FindingMissingOwner, owner, SeverityWarning,
				fmt.Sprintf("role %s (futureTablesOwnedBy) does not exist: no default privileges are set for it", QuoteIdent(owner)), "")
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

// replicaIdentity guards the application's writes: a published table without
// a replica identity makes PostgreSQL reject its UPDATE and DELETE.
func (b *builder) replicaIdentity() {
	var failingNow, wouldFail []TableName
	for _, t := range b.tables {
		if !b.toPublish(t) || t.HasReplicaIdentity() || b.generatedBlocked[t.TableName] {
			continue
		}
		already := b.published(t)
		if !b.fixesNoKey(t) {
			if already {
				b.unfixed[t.TableName] = string(FindingReplicaIdentityFailing)
				failingNow = append(failingNow, t.TableName)
			} else {
				b.unfixed[t.TableName] = string(FindingReplicaIdentity)
				wouldFail = append(wouldFail, t.TableName)
			}
			continue
		}
		reason := fmt.Sprintf("%s has no primary key or replica identity: publishing it would make PostgreSQL reject its UPDATE and DELETE", t)
		if already {
			reason = fmt.Sprintf("%s is published without a replica identity: its UPDATE and DELETE are failing now", t)
		}
		id := "replica-identity/" + t.Schema + "." + t.Name
		b.identityIDs = append(b.identityIDs, id)
		if _, ok := b.identityIndex[t.TableName]; ok {
			b.add(b.identityIndexAction(t, id, reason))
			continue
		}
		b.add(Action{
			ID: id, Op: OpUpdate, Risk: RiskDisruptive, Change: ReplicaIdentityFull{Table: t.TableName},
			Summary: fmt.Sprintf("alter table %s replica identity full", t),
			Reason:  reason + " (FULL logs whole old rows: more WAL on UPDATE and DELETE)",
		})
	}
	fix := "add a primary key (or REPLICA IDENTITY USING INDEX) to each, or set withoutPrimaryKey: full on the scope to have auroracfg set REPLICA IDENTITY FULL"
	if len(failingNow) > 0 {
		b.finding(FindingReplicaIdentityFailing, SeverityBlocker,
			fmt.Sprintf("UPDATE and DELETE are failing now on published tables without a replica identity: %s%s", ListTables(failingNow), b.identityNotes(failingNow)), fix)
	}
	if len(wouldFail) > 0 {
		b.finding(FindingReplicaIdentity, SeverityBlocker,
			fmt.Sprintf("publishing tables without a replica identity would make PostgreSQL reject their UPDATE and DELETE: %s%s", ListTables(wouldFail), b.identityNotes(wouldFail)), fix)
	}
	// Findings about failing writes come first: the application is broken.
	sort.SliceStable(b.sp.Findings, func(i, j int) bool {
		return b.sp.Findings[i].Code.aboutIdentity() && !b.sp.Findings[j].Code.aboutIdentity()
	})
}

// fixesNoKey reports whether the spec has auroracfg give t, a table without
// a replica identity, REPLICA IDENTITY FULL (withoutPrimaryKey: full).
func (b *builder) fixesNoKey(t Table) bool {
	if ds, ok := b.scopeOf(t); ok {
		return ds.FixNoKey
	}
	return b.d.FixNoKeyElsewhere
}

// identityNotes explains tables whose identity was set explicitly to
// something unusable, where "add a primary key" alone would not help:
// NOTHING, or USING INDEX on an index since dropped (PostgreSQL itself only
// accepts unique, non-partial indexes on NOT NULL columns, and refuses to
// make such a column nullable later, so a dropped index is the way there).
func (b *builder) identityNotes(names []TableName) string {
	byName := map[TableName]Table{}
	for _, t := range b.tables {
		byName[t.TableName] = t
	}
	var notes []string
	for _, n := range names {
		switch byName[n].ReplicaIdentity {
		case 'n':
			notes = append(notes, n.String()+": REPLICA IDENTITY NOTHING")
		case 'i':
			notes = append(notes, n.String()+": its replica identity index was dropped")
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}

// wantAttributes are the user's role attributes: on Aurora (and RDS) the
// replication privilege is membership in rds_replication, never the
// REPLICATION attribute (which only a superuser could grant there).
func (b *builder) wantAttributes() []string {
	if b.d.IsAurora() {
		return []string{"LOGIN"}
	}
	return []string{"LOGIN", "REPLICATION"}
}

// RDSReplicationRole is the role that carries the replication privilege on
// RDS and Aurora.
const RDSReplicationRole = "rds_replication"

func (b *builder) replicationRole() {
	if !b.d.IsAurora() || (b.o.User != nil && contains(b.o.User.MemberOf, RDSReplicationRole)) {
		return
	}
	b.add(Action{
		ID: "role/" + b.d.User + "/" + RDSReplicationRole, Op: OpCreate, Change: GrantRole{Role: b.d.User, Granted: RDSReplicationRole},
		DependsOn: b.afterRole(),
		Summary:   fmt.Sprintf("grant %s to %s", RDSReplicationRole, QuoteIdent(b.d.User)),
		Reason:    fmt.Sprintf("%s is not a member of %s, which carries the replication privilege on Aurora", QuoteIdent(b.d.User), RDSReplicationRole),
	})
}

func (b *builder) role() {
	user, id := b.d.User, "role/"+b.d.User
	u := b.o.User
	if u == nil {
		b.roleAction = id
		b.add(Action{
			ID: id, Op: OpCreate, Change: CreateRole{Role: user, Attributes: b.wantAttributes()},
			Summary: fmt.Sprintf("create role %s with %s and the spec's password", QuoteIdent(user), strings.Join(b.wantAttributes(), ", ")),
			Reason:  fmt.Sprintf("role %s does not exist", QuoteIdent(user)),
		})
		b.replicationRole()
		return
	}
	defer b.replicationRole()
	var missing []string
	if !u.CanLogin {
		missing = append(missing, "LOGIN")
	}
	if !u.Replication && !b.d.IsAurora() {
		missing = append(missing, "REPLICATION")
	}
	if len(missing) > 0 {
		b.add(Action{
			ID: id + "/attributes", Op: OpUpdate, Change: AlterRole{Role: user, Attributes: missing},
			Summary: fmt.Sprintf("alter role %s with %s", QuoteIdent(user), strings.Join(missing, ", ")),
			Reason:  fmt.Sprintf("role %s lacks %s", QuoteIdent(user), strings.Join(missing, " and ")),
		})
	}
	if b.o.Login == LoginBadPassword {
		b.add(Action{
			ID: id + "/password", Op: OpUpdate, Risk: RiskDisruptive, Change: SetPassword{Role: user},
			Summary: fmt.Sprintf("alter role %s password (from the spec's secret)", QuoteIdent(user)),
			Reason: fmt.Sprintf("the spec's password does not log in as %s (it was changed outside the spec); "+
				"a pipe still using the old password will fail to reconnect", QuoteIdent(user)),
		})
	}
}

func (b *builder) usage() {
	for _, ds := range b.d.Schemas {
		s, ok := b.schemas[ds.Name]
		if !ok || s.UserUsage {
			continue
		}
		b.add(Action{
			ID: "usage/" + ds.Name, Op: OpCreate, Change: GrantUsage{Role: b.d.User, Schemas: []string{ds.Name}},
			DependsOn: b.afterRole(),
			Summary:   fmt.Sprintf("grant usage on schema %s to %s", QuoteIdent(ds.Name), QuoteIdent(b.d.User)),
			Reason:    fmt.Sprintf("%s lacks USAGE on schema %s", QuoteIdent(b.d.User), QuoteIdent(ds.Name)),
		})
	}
}

func (b *builder) selects() {
	missing := map[string][]TableName{}
	for _, t := range b.tables {
		if _, ok := b.scopeOf(t); ok && !t.UserSelect {
			missing[t.Schema] = append(missing[t.Schema], t.TableName)
		}
	}
	for _, ds := range b.d.Schemas {
		tables := missing[ds.Name]
		if len(tables) == 0 {
			continue
		}
		b.add(Action{
			ID: "select/" + ds.Name, Op: OpCreate, Change: GrantSelect{Role: b.d.User, Schema: ds.Name, Tables: tables},
			DependsOn: b.afterRole(),
			Summary:   fmt.Sprintf("grant select on %s to %s", countTables(len(tables), ds.Name), QuoteIdent(b.d.User)),
			Reason:    fmt.Sprintf("%s lacks SELECT on %s", QuoteIdent(b.d.User), ListTables(tables)),
		})
	}
}

func (b *builder) defaultPrivileges() {
	for _, ds := range b.d.Schemas {
		if _, ok := b.schemas[ds.Name]; !ok {
			continue
		}
		for _, owner := range b.creatorOwners(ds) {
			if !b.roles[owner] || b.defaults[DefaultGrant{owner, ds.Name}] || b.defaults[DefaultGrant{owner, ""}] {
				continue
			}
			b.add(Action{
				ID: "default-privileges/" + owner + "/" + ds.Name, Op: OpCreate,
				Change: DefaultPrivileges{Owner: owner, Schema: ds.Name, Role: b.d.User}, DependsOn: b.afterRole(),
				Summary: fmt.Sprintf("alter default privileges for role %s in schema %s grant select on tables to %s",
					QuoteIdent(owner), QuoteIdent(ds.Name), QuoteIdent(b.d.User)),
				Reason: fmt.Sprintf("tables %s creates in schema %s would not be readable by %s (no default privilege)",
					QuoteIdent(owner), QuoteIdent(ds.Name), QuoteIdent(b.d.User)),
			})
		}
	}
}

// publication creates the publication or widens it to the spec. It never
// narrows or recreates one: that would break running pipes.
func (b *builder) publication() {
	name := b.d.Publication
	viaRoot := b.o.ServerVersionNum >= 130000
	p := b.o.Publication
	if p == nil {
		c := CreatePublication{Name: name, AllTables: b.d.AllTables, ViaRoot: viaRoot}
		a := Action{ID: "publication/" + name, Op: OpCreate, DependsOn: b.publicationDeps(),
			Reason: fmt.Sprintf("publication %s does not exist", QuoteIdent(name))}
		var covers []TableName
		switch {
		case b.d.AllTables:
			a.Summary = fmt.Sprintf("create publication %s for all tables", QuoteIdent(name))
			covers = b.names(func(Table) bool { return true })
		case b.schemaForm():
			c.Schemas = b.existingSchemas()
			a.Summary = fmt.Sprintf("create publication %s for tables in schema %s", QuoteIdent(name), QuoteAll(c.Schemas))
			covers = b.names(func(t Table) bool { return contains(c.Schemas, t.Schema) })
		default:
			c.Tables = b.listForm(func(Table) bool { return true })
			a.Summary = fmt.Sprintf("create publication %s for %s", QuoteIdent(name), countTables(len(c.Tables), ""))
			covers = b.names(func(t Table) bool { return b.toPublish(t) })
		}
		var options []string
		if viaRoot {
			options = append(options, "publish_via_partition_root = true")
		}
		if len(b.needStored) > 0 {
			c.GeneratedStored = true
			options = append(options, "publish_generated_columns = stored")
			a.Reason += "; publish_generated_columns = stored: " + b.generatedStoredReason()
		}
		if len(options) > 0 {
			a.Summary += " with (" + strings.Join(options, ", ") + ")"
		}
		a.Change = c
		b.block(&a, covers)
		b.add(a)
		return
	}
	if p.AllTables != b.d.AllTables {
		have, want := "a list of tables or schemas", "all tables"
		if p.AllTables {
			have, want = "all tables", "the scoped schemas only"
		}
		b.finding(FindingPublicationForm, SeverityBlocker,
			fmt.Sprintf("publication %s publishes %s, the spec wants %s", QuoteIdent(name), have, want),
			"change the spec's publication.tables, or drop the publication and apply again (a recreated publication forces every pipe on it to resync)")
		return
	}
	b.generatedStoredOption(p)
	if !b.d.AllTables {
		b.widenPublication(p)
	}
	if viaRoot && !p.ViaRoot {
		// Disruptive: a subscriber already on the publication receives a
		// partition's rows under the root's name from then on, so a pipe
		// that maps the partitions stops getting their rows.
		b.add(Action{
			ID: "publication/" + name + "/options", Op: OpUpdate, Risk: RiskDisruptive,
			Change:  PublicationOptions{Name: name, ViaRoot: true},
			Summary: fmt.Sprintf("alter publication %s set (publish_via_partition_root = true)", QuoteIdent(name)),
			Reason: "partitioned tables must be published through their root so that ClickPipes sees one table " +
				"(pipes already on this publication then receive partitions' rows under their root's name and stop getting them for the partitions: resync those pipes)",
		})
	}
}

func (b *builder) widenPublication(p *Publication) {
	name := b.d.Publication
	c := PublicationAdd{Name: name}
	a := Action{ID: "publication/" + name + "/add", Op: OpUpdate, DependsOn: b.publicationDeps()}
	var covers []TableName
	if b.schemaForm() && (len(p.Schemas) > 0 || len(p.Tables) == 0) {
		for _, s := range b.existingSchemas() {
			if !contains(p.Schemas, s) {
				c.Schemas = append(c.Schemas, s)
			}
		}
		if len(c.Schemas) == 0 {
			return
		}
		a.Summary = fmt.Sprintf("alter publication %s add tables in schema %s", QuoteIdent(name), QuoteAll(c.Schemas))
		a.Reason = fmt.Sprintf("publication %s does not publish schema %s", QuoteIdent(name), QuoteAll(c.Schemas))
		covers = b.names(func(t Table) bool { return contains(c.Schemas, t.Schema) })
	} else {
		c.Tables = b.listForm(func(t Table) bool { return !b.published(t) })
		if len(c.Tables) == 0 {
			return
		}
		a.Summary = fmt.Sprintf("alter publication %s add %s", QuoteIdent(name), countTables(len(c.Tables), ""))
		a.Reason = fmt.Sprintf("publication %s does not publish %s", QuoteIdent(name), ListTables(c.Tables))
		covers = b.names(func(t Table) bool { return b.toPublish(t) && !b.published(t) })
	}
	a.Change = c
	b.block(&a, covers)
	b.add(a)
}

// publicationDeps: the publication waits for replica identities, and on
// Aurora for the reboot that turns logical replication on.
func (b *builder) publicationDeps() []string {
	deps := append([]string(nil), b.identityIDs...)
	if b.genOptionAction != "" {
		deps = append(deps, b.genOptionAction)
	}
	if b.rebootAction != "" {
		deps = append(deps, b.rebootAction)
	}
	return deps
}

// schemaForm reports whether the publication lists schemas (PostgreSQL 15+)
// rather than tables.
func (b *builder) schemaForm() bool { return b.o.ServerVersionNum >= 150000 }

func (b *builder) existingSchemas() []string {
	var out []string
	for _, ds := range b.d.Schemas {
		if _, ok := b.schemas[ds.Name]; ok {
			out = append(out, ds.Name)
		}
	}
	return out
}

// listForm lists the tables an explicit-list publication needs: partitioned
// tables through their root on 13+, leaf partitions on 12 (which cannot
// publish a partitioned table).
func (b *builder) listForm(keep func(Table) bool) []TableName {
	var out []TableName
	for _, t := range b.tables {
		if !b.toPublish(t) || !keep(t) {
			continue
		}
		viaRoot := b.o.ServerVersionNum >= 130000
		if (viaRoot && t.IsPartition()) || (!viaRoot && t.Partitioned) {
			continue
		}
		out = append(out, t.TableName)
	}
	return out
}

func (b *builder) names(keep func(Table) bool) []TableName {
	var out []TableName
	for _, t := range b.tables {
		if keep(t) {
			out = append(out, t.TableName)
		}
	}
	return out
}

// block marks a publication action blocked when it would publish a table
// that keeps no replica identity.
func (b *builder) block(a *Action, covers []TableName) {
	for _, t := range covers {
		if id, ok := b.unfixed[t]; ok {
			a.BlockedBy = []string{id}
			return
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// VersionString renders server_version_num for people ("15.4").
func VersionString(num int) string {
	if num >= 100000 {
		return fmt.Sprintf("%d.%d", num/10000, num%10000)
	}
	return fmt.Sprintf("%d.%d.%d", num/10000, num/100%100, num%100)
}
