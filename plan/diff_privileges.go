package plan

import (
	"slices"
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
		refusal, ok := b.refusal(act.Change, tables)
		if !ok {
			continue
		}
		refusal.Admin, refusal.Action = a.Name, act.ID
		b.found(FindingPrivilege, act.ID, SeverityBlocker, refusal)
		act.BlockedBy = append(act.BlockedBy, b.sp.Findings[len(b.sp.Findings)-1].ID())
	}
}

// refusal says why the server would refuse change from this admin; ok is
// false when it would not.
func (b *builder) refusal(change Change, tables map[TableName]Table) (AdminCannot, bool) {
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
				denied = append(denied, s)
			}
		}
		if len(denied) > 0 {
			return AdminCannot{Refusal: RefusedSchemaGrant, Schemas: denied}, true
		}
	case GrantSelect:
		if denied := deniedTables(c.Tables, tables, func(t Table) bool { return t.AdminCanGrant }); len(denied) > 0 {
			return AdminCannot{Refusal: RefusedTableGrant, Tables: denied}, true
		}
	case DefaultPrivileges:
		if major >= 16 && !slices.Contains(a.Inherits, c.Owner) {
			return AdminCannot{Refusal: RefusedDefaultsNeedInherit, Owner: c.Owner}, true
		}
		if major < 16 && !slices.Contains(a.MemberOf, c.Owner) {
			return AdminCannot{Refusal: RefusedDefaultsNeedMembership, Owner: c.Owner}, true
		}
	case ReplicaIdentityFull:
		return tableOwnerRefusal(RefusedTableOwner, []TableName{c.Table}, tables)
	case ReplicaIdentityIndex:
		return tableOwnerRefusal(RefusedTableOwner, []TableName{c.Table}, tables)
	case CreatePublication:
		switch {
		case c.AllTables:
			return AdminCannot{Refusal: RefusedAllTablesPublication}, true
		case len(c.Schemas) > 0:
			return AdminCannot{Refusal: RefusedSchemaPublication}, true
		case !a.CreateOnDatabase:
			return AdminCannot{Refusal: RefusedCreateOnDatabase, Database: b.o.Database}, true
		}
		return tableOwnerRefusal(RefusedListedTablesOwner, c.Tables, tables)
	case PublicationAdd:
		switch {
		case len(c.Schemas) > 0:
			return AdminCannot{Refusal: RefusedSchemaPublication}, true
		case !b.o.Publication.AdminOwns:
			return AdminCannot{Refusal: RefusedPublicationOwner}, true
		}
		return tableOwnerRefusal(RefusedListedTablesOwner, c.Tables, tables)
	case PublicationOptions, RecordWriter: // ALTER PUBLICATION, COMMENT ON PUBLICATION
		if p := b.o.Publication; p != nil && !p.AdminOwns {
			return AdminCannot{Refusal: RefusedPublicationOwner}, true
		}
	case DropSlot:
		if !a.Replication {
			return AdminCannot{Refusal: RefusedDropSlotNeedReplication}, true
		}
	}
	return AdminCannot{}, false
}

// roleRefusal covers creating and altering the replication user: what a
// non-superuser may do changed in PostgreSQL 16 (CREATEROLE then needs ADMIN
// OPTION on the role it alters, and REPLICATION to give REPLICATION).
func (b *builder) roleRefusal(role string, attributes []string, create bool) (AdminCannot, bool) {
	a, major := b.o.Admin, b.o.ServerVersionNum/10000
	replication := slices.Contains(attributes, "REPLICATION") || (b.o.User != nil && b.o.User.Replication)
	switch {
	case !a.CreateRole:
		return AdminCannot{Refusal: RefusedNeedsCreateRole}, true
	case major < 16 && replication && create:
		return AdminCannot{Refusal: RefusedReplicationOnCreate, Major: major}, true
	case major < 16 && replication:
		return AdminCannot{Refusal: RefusedReplicationOnAlter, Major: major}, true
	case major >= 16 && replication && slices.Contains(attributes, "REPLICATION") && !a.Replication:
		return AdminCannot{Refusal: RefusedReplicationNeedsOwn}, true
	case major >= 16 && !create && !a.AdminOptionOnUser:
		return AdminCannot{Refusal: RefusedAlterNeedsAdminOption, Role: role}, true
	}
	return AdminCannot{}, false
}

// tableOwnerRefusal: ALTER TABLE, and publishing a table in a list, need
// the privileges of the table's owner.
func tableOwnerRefusal(refusal AdminRefusal, list []TableName, tables map[TableName]Table) (AdminCannot, bool) {
	if denied := deniedTables(list, tables, func(t Table) bool { return t.AdminOwns }); len(denied) > 0 {
		return AdminCannot{Refusal: refusal, Tables: denied}, true
	}
	return AdminCannot{}, false
}

// deniedTables are the tables of list (found in tables) that fail ok.
func deniedTables(list []TableName, tables map[TableName]Table, ok func(Table) bool) []TableName {
	var denied []TableName
	for _, n := range list {
		if t, found := tables[n]; found && !ok(t) {
			denied = append(denied, n)
		}
	}
	return denied
}
