package plan

// Changes to the publication.

// Publication kinds.
const (
	KindCreatePublication Kind = "create-publication"
	KindPublicationAdd    Kind = "publication-add"
	KindPublicationOption Kind = "publication-options"
)

// CreatePublication creates the publication in one of three forms: all
// tables, tables in schemas, or a list of tables.
type CreatePublication struct {
	Name      string
	AllTables bool
	Schemas   []string
	Tables    []TableName
	ViaRoot   bool // publish_via_partition_root = true (13+)
	// GeneratedStored is publish_generated_columns = stored (18+).
	GeneratedStored bool
}

// PublicationAdd widens the publication by schemas or by tables.
type PublicationAdd struct {
	Name    string
	Schemas []string
	Tables  []TableName
}

// PublicationOptions turns options on for an existing publication.
type PublicationOptions struct {
	Name            string
	ViaRoot         bool
	GeneratedStored bool
}

func init() {
	registerKind(KindCreatePublication, func(f Fields) Change {
		return CreatePublication{Name: f.Publication, AllTables: f.AllTables, Schemas: f.Schemas, Tables: f.Tables,
			ViaRoot: f.ViaRoot, GeneratedStored: f.GeneratedStored}
	})
	registerKind(KindPublicationAdd, func(f Fields) Change {
		return PublicationAdd{Name: f.Publication, Schemas: f.Schemas, Tables: f.Tables}
	})
	registerKind(KindPublicationOption, func(f Fields) Change {
		return PublicationOptions{Name: f.Publication, ViaRoot: f.ViaRoot, GeneratedStored: f.GeneratedStored}
	})
}

func (CreatePublication) Kind() Kind       { return KindCreatePublication }
func (CreatePublication) sealed()          {}
func (CreatePublication) Edge() Edge       { return EdgePostgres }
func (CreatePublication) Serves() []string { return []string{CheckPublication} }
func (c CreatePublication) Fields() Fields {
	return Fields{Publication: c.Name, AllTables: c.AllTables, Schemas: c.Schemas, Tables: c.Tables,
		ViaRoot: c.ViaRoot, GeneratedStored: c.GeneratedStored}
}

func (PublicationAdd) Kind() Kind       { return KindPublicationAdd }
func (PublicationAdd) sealed()          {}
func (PublicationAdd) Edge() Edge       { return EdgePostgres }
func (PublicationAdd) Serves() []string { return []string{CheckPublication} }
func (c PublicationAdd) Fields() Fields {
	return Fields{Publication: c.Name, Schemas: c.Schemas, Tables: c.Tables}
}

func (PublicationOptions) Kind() Kind       { return KindPublicationOption }
func (PublicationOptions) sealed()          {}
func (PublicationOptions) Edge() Edge       { return EdgePostgres }
func (PublicationOptions) Serves() []string { return []string{CheckPublication} }
func (c PublicationOptions) Fields() Fields {
	return Fields{Publication: c.Name, ViaRoot: c.ViaRoot, GeneratedStored: c.GeneratedStored}
}
