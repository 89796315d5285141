package plan

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
