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
	Name      string      `json:"publication,omitempty"`
	AllTables bool        `json:"all_tables,omitempty"`
	Schemas   []string    `json:"schemas,omitempty"`
	Tables    []TableName `json:"tables,omitempty"`
	ViaRoot   bool        `json:"publish_via_partition_root,omitempty"` // = true (13+)
	// GeneratedStored is publish_generated_columns = stored (18+).
	GeneratedStored bool `json:"publish_generated_columns_stored,omitempty"`
}

// PublicationAdd widens the publication by schemas or by tables.
type PublicationAdd struct {
	Name    string      `json:"publication,omitempty"`
	Schemas []string    `json:"schemas,omitempty"`
	Tables  []TableName `json:"tables,omitempty"`
}

// PublicationOptions turns options on for an existing publication.
type PublicationOptions struct {
	Name            string `json:"publication,omitempty"`
	ViaRoot         bool   `json:"publish_via_partition_root,omitempty"`
	GeneratedStored bool   `json:"publish_generated_columns_stored,omitempty"`
}

func init() {
	registerKind[CreatePublication](KindCreatePublication)
	registerKind[PublicationAdd](KindPublicationAdd)
	registerKind[PublicationOptions](KindPublicationOption)
}

func (CreatePublication) Kind() Kind        { return KindCreatePublication }
func (CreatePublication) sealed()           {}
func (CreatePublication) Edge() Edge        { return EdgePostgres }
func (CreatePublication) Serves() []CheckID { return []CheckID{CheckPublication} }

func (PublicationAdd) Kind() Kind        { return KindPublicationAdd }
func (PublicationAdd) sealed()           {}
func (PublicationAdd) Edge() Edge        { return EdgePostgres }
func (PublicationAdd) Serves() []CheckID { return []CheckID{CheckPublication} }

func (PublicationOptions) Kind() Kind        { return KindPublicationOption }
func (PublicationOptions) sealed()           {}
func (PublicationOptions) Edge() Edge        { return EdgePostgres }
func (PublicationOptions) Serves() []CheckID { return []CheckID{CheckPublication} }
