package plan

import "github.com/auroracfg/auroracfg/schema"

// sourceKind is what the plan layer knows of a source type (registered in
// the spec layer, schema.SourceTypes): the ClickPipes source type of its
// hand-off and what its desired state holds beyond the database's.
type sourceKind struct {
	clickPipesType string
	desired        func(spec *schema.Spec, src *schema.Source, run RunOptions, d *Desired)
}

// sourceKinds has one entry per registered source type (a test checks).
var sourceKinds = map[schema.SourceType]sourceKind{
	schema.TypePostgreSQL: {clickPipesType: "postgres"},
	schema.TypeAurora: {clickPipesType: "aurorapostgres", desired: func(spec *schema.Spec, src *schema.Source, run RunOptions, d *Desired) {
		d.Aurora = desiredAurora(spec, src)
		d.Aurora.RebootAllowed = d.Aurora.RebootAllowed || run.AllowReboot
		d.Aurora.Prune = run.Prune
	}},
}

// ClickPipesType is the ClickPipes source type of a source of type t
// (clickhouse_clickpipe's source.postgres.type): postgres for a plain
// PostgreSQL server, aurorapostgres for Aurora.
func ClickPipesType(t schema.SourceType) string {
	return sourceKinds[t].clickPipesType
}
