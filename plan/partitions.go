package plan

import "fmt"

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
