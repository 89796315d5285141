package plan

import (
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
		b.found(FindingRowSecurity, "", SeverityWarning, RowSecurity{User: b.d.User, Tables: rls})
	}
	if len(generatedKey) > 0 {
		b.found(FindingGeneratedKey, "", SeverityWarning, GeneratedKey{Tables: generatedKey})
	}
	if len(dotted) > 0 {
		b.found(FindingDottedNames, "", SeverityWarning, DottedNames{Tables: dotted})
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
	b.found(FindingUnpublishable, "", SeverityWarning, UnloggedTables{Tables: unlogged})
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
	var parts []PartitionOutOfScope
	for _, t := range b.o.PartitionsOutOfScope {
		parts = append(parts, PartitionOutOfScope{Table: t.TableName, Root: t.Root})
	}
	b.found(FindingPartitionsOutOfScope, "", SeverityBlocker, PartitionsOutOfScope{Partitions: parts})
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
	b.found(FindingUnreadableElsewhere, "", SeverityBlocker, UnreadableElsewhere{Tables: unreadable})
}
