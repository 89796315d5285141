package plan

import (
	"fmt"
	"slices"
	"strings"
)

// adminPrivileges predicts, from what was observed of the admin auroracfg
// connects as, each PostgreSQL action the server would refuse, so that plan
// says so up front with the fix and apply does not fail midway: the action
// is blocked by a finding "privilege/<action id>" and what depends on it is
// skipped. The rules are community PostgreSQL's, by major (verified on
// 12-18 by privileges.txtar and leastpriv.txtar); a superuser passes them
// all, and a member of rds_superuser (Aurora, RDS), whose rights differ, is
// left to the server.
func (b *builder) adminPrivileges() {
	a := b.o.Admin
	if a == nil || a.Superuser || a.RDSSuperuser {
		return
	}
	tables := map[TableName]Table{}
	for _, t := range b.tables {
		tables[t.TableName] = t
	}
	for i := range b.sp.Actions {
		act := &b.sp.Actions[i]
		if act.OnAWS() || act.Unmanaged {
			continue
		}
		why, fix := b.refusal(act.Change, tables)
		if why == "" {
			continue
		}
		b.findingOn(FindingPrivilege, act.ID, SeverityBlocker, fmt.Sprintf("the admin %s cannot %s: %s", QuoteIdent(a.Name), act.Summary, why), fix)
		act.BlockedBy = append(act.BlockedBy, b.sp.Findings[len(b.sp.Findings)-1].ID())
	}
}

// Fixes for the usual refusals.
const (
	fixRunAsSuperuser = "run this once as a superuser (or have a DBA run it); auroracfg keeps the rest converged without one"
	fixOwnerMember    = "make auroracfg's admin a member of the owning role (GRANT owner TO admin; on PostgreSQL 16+ WITH INHERIT TRUE), or run apply as the owner"
)

// refusal says why the server would refuse change from this admin, and the
// fix; "" when it would not.
func (b *builder) refusal(change Change, tables map[TableName]Table) (why, fix string) {
	a, major := b.o.Admin, b.o.ServerVersionNum/10000
	switch c := change.(type) {
	case CreateRole:
		return b.roleRefusal(c.Role, c.Attributes, true)
	case AlterRole:
		return b.roleRefusal(c.Role, c.Attributes, false)
	case SetPassword:
		return b.roleRefusal(c.Role, nil, false)
	case GrantUsage:
		var denied []string
		for _, s := range c.Schemas {
			if st, ok := b.schemas[s]; ok && !st.AdminCanGrant {
				denied = append(denied, QuoteIdent(s))
			}
		}
		if len(denied) > 0 {
			return fmt.Sprintf("it neither has the privileges of the owner of schema %s nor holds USAGE WITH GRANT OPTION there", strings.Join(denied, ", ")), fixOwnerMember
		}
	case GrantSelect:
		if denied := deniedTables(c.Tables, tables, func(t Table) bool { return t.AdminCanGrant }); denied != "" {
			return "it neither has the privileges of the owner of " + denied + " nor holds SELECT WITH GRANT OPTION", fixOwnerMember
		}
	case DefaultPrivileges:
		if major >= 16 && !slices.Contains(a.Inherits, c.Owner) {
			return fmt.Sprintf("on PostgreSQL 16+ ALTER DEFAULT PRIVILEGES FOR ROLE %s needs the privileges of %s (membership WITH INHERIT TRUE)", QuoteIdent(c.Owner), QuoteIdent(c.Owner)),
				fmt.Sprintf("GRANT %s TO %s WITH INHERIT TRUE, or run apply as %s", QuoteIdent(c.Owner), QuoteIdent(a.Name), QuoteIdent(c.Owner))
		}
		if major < 16 && !slices.Contains(a.MemberOf, c.Owner) {
			return fmt.Sprintf("ALTER DEFAULT PRIVILEGES FOR ROLE %s needs membership in %s", QuoteIdent(c.Owner), QuoteIdent(c.Owner)),
				fmt.Sprintf("GRANT %s TO %s, or run apply as %s", QuoteIdent(c.Owner), QuoteIdent(a.Name), QuoteIdent(c.Owner))
		}
	case ReplicaIdentityFull:
		return tableOwnerRefusal(c.Table, tables)
	case ReplicaIdentityIndex:
		return tableOwnerRefusal(c.Table, tables)
	case CreatePublication:
		switch {
		case c.AllTables:
			return "a FOR ALL TABLES publication needs a superuser", fixRunAsSuperuser
		case len(c.Schemas) > 0:
			return schemaPublicationRefusal()
		case !a.CreateOnDatabase:
			return "CREATE PUBLICATION needs CREATE on the database", fmt.Sprintf("GRANT CREATE ON DATABASE %s TO %s", QuoteIdent(b.o.Database), QuoteIdent(a.Name))
		}
		return listedTablesRefusal(c.Tables, tables)
	case PublicationAdd:
		switch {
		case len(c.Schemas) > 0:
			return schemaPublicationRefusal()
		case !b.o.Publication.AdminOwns:
			return publicationOwnerRefusal()
		}
		return listedTablesRefusal(c.Tables, tables)
	case PublicationOptions, RecordWriter: // ALTER PUBLICATION, COMMENT ON PUBLICATION
		if p := b.o.Publication; p != nil && !p.AdminOwns {
			return publicationOwnerRefusal()
		}
	case DropSlot:
		if !a.Replication {
			return "dropping a replication slot needs a superuser or the REPLICATION attribute", fixRunAsSuperuser
		}
	}
	return "", ""
}

// roleRefusal covers creating and altering the replication user: what a
// non-superuser may do changed in PostgreSQL 16 (CREATEROLE then needs ADMIN
// OPTION on the role it alters, and REPLICATION to give REPLICATION).
func (b *builder) roleRefusal(role string, attributes []string, create bool) (why, fix string) {
	a, major := b.o.Admin, b.o.ServerVersionNum/10000
	replication := slices.Contains(attributes, "REPLICATION") || (b.o.User != nil && b.o.User.Replication)
	switch {
	case !a.CreateRole:
		return "creating or altering roles needs CREATEROLE", fixRunAsSuperuser
	case major < 16 && replication && create:
		return fmt.Sprintf("on PostgreSQL %d creating a role with REPLICATION needs a superuser", major), fixRunAsSuperuser
	case major < 16 && replication:
		return fmt.Sprintf("on PostgreSQL %d altering a role with REPLICATION needs a superuser", major), fixRunAsSuperuser
	case major >= 16 && replication && slices.Contains(attributes, "REPLICATION") && !a.Replication:
		return "on PostgreSQL 16+ only a role with REPLICATION may give REPLICATION", fixRunAsSuperuser
	case major >= 16 && !create && !a.AdminOptionOnUser:
		return fmt.Sprintf("on PostgreSQL 16+ altering %s needs CREATEROLE and ADMIN OPTION on it", QuoteIdent(role)),
			fmt.Sprintf("GRANT %s TO %s WITH ADMIN OPTION as a superuser (a role the admin created has it already), or run this once as a superuser", QuoteIdent(role), QuoteIdent(a.Name))
	}
	return "", ""
}

// The publication's refusals: a publication of schemas (or of all tables)
// needs a superuser; a table list needs CREATE on the database (to create
// it) and the owner's privileges on every table listed; changing one needs
// its owner's privileges.
func schemaPublicationRefusal() (why, fix string) {
	return "publishing whole schemas (FOR TABLES IN SCHEMA) needs a superuser", fixRunAsSuperuser
}

func publicationOwnerRefusal() (why, fix string) {
	return "ALTER PUBLICATION needs the privileges of the publication's owner",
		"have the publication's owner or a superuser run it, or ALTER PUBLICATION … OWNER TO the admin"
}

func listedTablesRefusal(list []TableName, tables map[TableName]Table) (why, fix string) {
	if denied := deniedTables(list, tables, func(t Table) bool { return t.AdminOwns }); denied != "" {
		return "publishing a table in a list needs the privileges of its owner, which it lacks for " + denied, fixOwnerMember
	}
	return "", ""
}

// tableOwnerRefusal: ALTER TABLE needs the owner's privileges.
func tableOwnerRefusal(t TableName, tables map[TableName]Table) (why, fix string) {
	if denied := deniedTables([]TableName{t}, tables, func(t Table) bool { return t.AdminOwns }); denied != "" {
		return "ALTER TABLE needs the privileges of the owner of " + denied, fixOwnerMember
	}
	return "", ""
}

// deniedTables names the tables of list (found in tables) that fail ok.
func deniedTables(list []TableName, tables map[TableName]Table, ok func(Table) bool) string {
	var denied []TableName
	for _, n := range list {
		if t, found := tables[n]; found && !ok(t) {
			denied = append(denied, n)
		}
	}
	return ListTables(denied)
}
