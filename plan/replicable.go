package plan

import (
	"fmt"
	"slices"
	"strings"
)

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
