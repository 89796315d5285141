package plan

import (
	"fmt"
	"slices"
	"strings"
)

// The tables in scope that the pipe would not replicate, or whose initial
// load would fail: rows it cannot see, tables PostgreSQL cannot publish,
// partitions outside the scope, and tables outside it a FOR ALL TABLES
// publication would publish.

// notReplicable warns about published tables the pipe would replicate
// wrongly, each naming the tables and the fix: row-level security (the
// initial load reads only the rows the user's policies allow, silently),
// and names holding "." (ClickPipes cannot replicate them).
func (b *builder) notReplicable() {
	var rls, dotted, generatedKey []TableName
	for _, t := range b.tables {
		if !b.toPublish(t) {
			continue
		}
		if t.RowSecurity && !b.userBypassesRLS() {
			rls = append(rls, t.TableName)
		}
		if t.GeneratedKey && b.o.ServerVersionNum < 180000 { // 18: generated.go publishes stored ones
			generatedKey = append(generatedKey, t.TableName)
		}
		if strings.Contains(t.Schema, ".") || strings.Contains(t.Name, ".") {
			dotted = append(dotted, t.TableName)
		}
	}
	if len(rls) > 0 {
		b.finding(FindingRowSecurity, SeverityWarning,
			"row-level security is on for these tables: the pipe's initial load reads only the rows the user's policies allow, and says nothing of the rest: "+ListTables(rls),
			fmt.Sprintf("add a policy that lets %s read every row, or ALTER ROLE %s BYPASSRLS, or leave the tables out", QuoteIdent(b.d.User), QuoteIdent(b.d.User)))
	}
	if len(generatedKey) > 0 {
		b.finding(FindingGeneratedKey, SeverityWarning,
			"a generated column is in the primary key of these tables, and logical replication before PostgreSQL 18 does not carry generated columns: changes would arrive without their key: "+ListTables(generatedKey),
			"make the primary key of columns that are not generated (PostgreSQL 18 can publish stored generated columns, and auroracfg then does)")
	}
	if len(dotted) > 0 {
		b.finding(FindingDottedNames, SeverityWarning,
			"ClickPipes cannot replicate tables whose schema or table name contains \".\": "+ListTables(dotted),
			"rename them (ALTER TABLE … RENAME, ALTER SCHEMA … RENAME), or leave them out")
	}
}

// userBypassesRLS: a superuser or BYPASSRLS user reads every row.
func (b *builder) userBypassesRLS() bool {
	u := b.o.User
	return u != nil && (slices.Contains(u.Powers, "BYPASSRLS") || slices.Contains(u.Powers, "SUPERUSER"))
}

// unpublishable warns about tables in scope that PostgreSQL cannot publish
// (unlogged ones write no WAL): auroracfg leaves them out of the
// publication (a list naming one is refused, and every apply would fail)
// and says so, since the pipe will not replicate them.
func (b *builder) unpublishable() {
	var unlogged []TableName
	for _, t := range b.tables {
		if !t.Unlogged {
			continue
		}
		if _, inScope := b.scopeOf(t); inScope || b.d.AllTables {
			unlogged = append(unlogged, t.TableName)
		}
	}
	if len(unlogged) == 0 {
		return
	}
	b.finding(FindingUnpublishable, SeverityWarning,
		"unlogged tables write no WAL, so no publication can carry them and the pipe will not replicate them: "+ListTables(unlogged),
		"ALTER TABLE … SET LOGGED for each one the pipe needs (a rewrite of the table), or leave them out")
}

// partitionsOutOfScope reports, on PostgreSQL 12, partitions of tables in
// scope that live in schemas out of scope. 12 cannot publish a partitioned
// table, only its partitions, and auroracfg publishes only what is in scope,
// so rows routed to these partitions would never reach the pipe. From 13 the
// root is published (publish_via_partition_root) and carries every
// partition's rows, wherever it lives; sources observe these only on 12.
func (b *builder) partitionsOutOfScope() {
	if len(b.o.PartitionsOutOfScope) == 0 || b.d.AllTables {
		return
	}
	var list string
	for i, t := range b.o.PartitionsOutOfScope {
		if i > 0 {
			list += ", "
		}
		list += fmt.Sprintf("%s (of %s)", t.TableName, t.Root)
	}
	b.finding(FindingPartitionsOutOfScope, SeverityBlocker,
		"on PostgreSQL 12 a publication lists partitions, not partitioned tables, and these partitions of tables in scope are in schemas out of scope: rows written to them would never reach the pipe: "+list,
		"add their schemas to the scope's include list, or move the partitions into a scoped schema (ALTER TABLE … SET SCHEMA)")
}

// unreadableElsewhere blocks a tables: all publication that publishes
// tables outside the scope which the user cannot read: the pipe's initial
// load of them fails. auroracfg grants SELECT in the scoped schemas only
// (nothing outside the spec is touched), so the fix is the spec's.
func (b *builder) unreadableElsewhere() {
	if !b.d.AllTables {
		return
	}
	var unreadable []TableName
	for _, t := range b.tables {
		if _, inScope := b.scopeOf(t); !inScope && !t.Unlogged && !t.UserSelect {
			unreadable = append(unreadable, t.TableName)
		}
	}
	if len(unreadable) == 0 {
		return
	}
	b.finding(FindingUnreadableElsewhere, SeverityBlocker,
		"the publication publishes every table (tables: all), and the user cannot read these outside the scope, so the pipe's initial load of them fails: "+ListTables(unreadable),
		"add their schemas to the scope (auroracfg then grants SELECT on them), or publish the scoped schemas only (publication.tables: schemas)")
}
