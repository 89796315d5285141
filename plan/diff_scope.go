package plan

import (
	"slices"
	"sort"
	"strings"
)

// The diff of what the spec's scopes cover: a source is never ready when
// its publication would replicate nothing.

// scopeSchemas groups the desired schemas by the spec scope including
// them, scopes in name order.
func (b *builder) scopeSchemas() (names []string, schemas map[string][]string) {
	schemas = map[string][]string{}
	for _, ds := range b.d.Schemas {
		for _, sc := range ds.Scopes {
			if _, seen := schemas[sc]; !seen {
				names = append(names, sc)
			}
			schemas[sc] = append(schemas[sc], ds.Name)
		}
	}
	sort.Strings(names)
	return names, schemas
}

// emptyScopes is a blocker for each scope none of whose schemas exists,
// with a "did you mean" when a schema differs from one only in case.
func (b *builder) emptyScopes() {
	if b.d.AllTables {
		return // the scopes only grant: the publication is every table's
	}
	names, schemas := b.scopeSchemas()
	for _, sc := range names {
		if slices.ContainsFunc(schemas[sc], func(s string) bool { _, ok := b.schemas[s]; return ok }) {
			continue
		}
		b.found(FindingEmptyScope, sc, SeverityBlocker, EmptyScope{Scope: sc, Schemas: schemas[sc], Database: b.o.Database, OtherCase: b.otherCase(schemas[sc])})
	}
}

// otherCase lists the existing schemas whose names differ only in case
// from one of names.
func (b *builder) otherCase(names []string) []string {
	var hits []string
	for _, have := range b.o.SchemasOtherCase {
		for _, want := range names {
			if strings.EqualFold(have, want) && !slices.Contains(hits, have) {
				hits = append(hits, have)
			}
		}
	}
	return hits
}

// publishesNothing reports that the publication the spec wants would hold
// no table: no scoped schema exists, or none holds a table, and no observed
// table is to be published. (All-tables publications are left to the
// engine.)
func (b *builder) publishesNothing() bool {
	if b.d.AllTables {
		return false
	}
	return (len(b.o.Schemas) == 0 || b.o.NoTablesInScope) && !slices.ContainsFunc(b.tables, b.toPublish)
}

// nothingToPublish is the blocker of a publication that would replicate
// nothing; the empty-scope blockers already say it when no schema exists.
// The publication is still made over existing schemas (their tables are
// published as they come), but the source is not ready before then.
func (b *builder) nothingToPublish() {
	if len(b.o.Schemas) == 0 {
		return
	}
	names, _ := b.scopeSchemas()
	b.found(FindingNothingToPublish, strings.Join(names, ","), SeverityBlocker,
		NothingToPublish{Publication: b.d.Publication, Schemas: b.d.SchemaNames(), Scopes: names})
}
