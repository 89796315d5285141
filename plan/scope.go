package plan

// Scope is what an edge looks at when it observes a source: the names of
// the objects, never what they must become (as Atlas's inspector receives
// InspectOptions, not the desired schema). Desired.Scope makes it; an
// edge that receives it cannot decide anything the diff decides.
type Scope struct {
	// Source is the spec name of the source, the key of its apply lock.
	Source string
	// User and Publication are the names auroracfg manages.
	User        string
	Publication string
	// AllTables is a FOR ALL TABLES publication: every table is in scope.
	AllTables bool
	// Schemas are the PostgreSQL schemas in scope, sorted.
	Schemas []string
	// Owners are the roles whose future tables are read (default
	// privileges); AllCreators adds every role that can create tables in
	// a schema in scope.
	Owners      []string
	AllCreators bool
	// Aurora names the AWS side (cluster, groups, network) of an
	// aurora-postgresql source; nil for any other type.
	Aurora *DesiredAurora
}

// Scope is what observing the source must look at.
func (d Desired) Scope() Scope {
	return Scope{Source: d.Source, User: d.User, Publication: d.Publication, AllTables: d.AllTables,
		Schemas: d.SchemaNames(), Owners: d.Owners(), AllCreators: d.AnyAllCreators(), Aurora: d.Aurora}
}
