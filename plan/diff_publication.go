package plan

import (
	"slices"
)

// The diff of the publication.

// publication creates the publication or widens it to the spec. It never
// narrows or recreates one: that would break running pipes.
func (b *builder) publication() {
	name := b.d.Publication
	viaRoot := b.o.ServerVersionNum >= 130000
	p := b.o.Publication
	if b.publishesNothing() {
		b.nothingToPublish()
		if p == nil && len(b.o.Schemas) == 0 {
			return // a publication of no schema at all would be an empty one
		}
	}
	if p == nil {
		c := CreatePublication{Name: name, AllTables: b.d.AllTables, ViaRoot: viaRoot}
		a := Action{ID: "publication/" + name, Op: OpCreate, DependsOn: b.publicationDeps(),
			Why: []Reason{PublicationMissing{Publication: name}}}
		var covers []TableName
		switch {
		case b.d.AllTables:
			covers = b.names(func(Table) bool { return true })
		case b.schemaForm():
			c.Schemas = b.existingSchemas()
			covers = b.names(func(t Table) bool { return slices.Contains(c.Schemas, t.Schema) })
		default:
			c.Tables = b.listForm(func(Table) bool { return true })
			covers = b.names(func(t Table) bool { return b.toPublish(t) })
		}
		if len(b.needStored) > 0 {
			c.GeneratedStored = true
			a.Why = append(a.Why, GeneratedStoredOnCreate{Tables: b.generatedStored()})
		}
		a.Change = c
		b.block(&a, covers)
		b.add(a)
		return
	}
	if p.AllTables != b.d.AllTables {
		b.found(FindingPublicationForm, "", SeverityBlocker, PublicationForm{Publication: name, HasAllTables: p.AllTables})
		return
	}
	b.publishedInPart(p)
	b.generatedStoredOption(p)
	if !b.d.AllTables {
		b.widenPublication(p)
	}
	if viaRoot && !p.ViaRoot && p.AllTables {
		// The engine validates, snapshots and streams an all-tables
		// publication either way; through roots is advice there (the
		// option matters for the schema and list forms).
		b.found(FindingViaRootAdvice, "", SeverityWarning, ViaRootAdvice{Publication: name})
		return
	}
	if viaRoot && !p.ViaRoot {
		// Disruptive: a subscriber already on the publication receives a
		// partition's rows under the root's name from then on, so a pipe
		// that maps the partitions stops getting their rows.
		b.add(Action{
			ID: "publication/" + name + "/options", Op: OpUpdate, Risk: RiskDisruptive,
			Change: PublicationOptions{Name: name, ViaRoot: true},
			Why:    []Reason{ViaRootNeeded{}},
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
			if !slices.Contains(p.Schemas, s) {
				c.Schemas = append(c.Schemas, s)
			}
		}
		if len(c.Schemas) == 0 {
			return
		}
		a.Why = []Reason{SchemasNotPublished{Publication: name, Schemas: c.Schemas}}
		covers = b.names(func(t Table) bool { return slices.Contains(c.Schemas, t.Schema) })
	} else {
		c.Tables = b.listForm(func(t Table) bool { return !b.published(t) })
		if len(c.Tables) == 0 {
			return
		}
		a.Why = []Reason{TablesNotPublished{Publication: name, Tables: c.Tables}}
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

// publishedInPart blocks a publication that leaves out operations, rows or
// columns: the pipe would start and silently lose them. auroracfg does not
// undo such a choice itself (someone made it on purpose, maybe for another
// subscriber); the fix says how.
func (b *builder) publishedInPart(p *Publication) {
	if len(p.Unpublished)+len(p.RowFiltered)+len(p.ColumnListed) == 0 {
		return
	}
	b.found(FindingPublishedInPart, "", SeverityBlocker,
		PublishedInPart{Publication: p.Name, Unpublished: p.Unpublished, RowFiltered: p.RowFiltered, ColumnListed: p.ColumnListed})
}
