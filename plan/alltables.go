package plan

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
