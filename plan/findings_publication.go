package plan

// The facts of the findings about the publication and the replica
// identities of the tables it publishes (a finding's Fact); plan/render
// words them.

// PublicationForm: the publication is of the other form than the spec's
// (HasAllTables: it publishes all tables, the spec wants schemas).
type PublicationForm struct {
	Publication  string `json:"publication"`
	HasAllTables bool   `json:"all_tables,omitempty"`
}

// ViaRootAdvice: an all-tables publication publishes partitions under
// their own names.
type ViaRootAdvice struct {
	Publication string `json:"publication"`
}

// PublishedInPart: the publication leaves out operations, rows or columns.
type PublishedInPart struct {
	Publication  string      `json:"publication"`
	Unpublished  []string    `json:"unpublished,omitempty"`
	RowFiltered  []TableName `json:"row_filtered,omitempty"`
	ColumnListed []TableName `json:"column_listed,omitempty"`
}

// IdentityNote says why a table's explicit replica identity is unusable.
type IdentityNote string

// Notes on unusable replica identities.
const (
	IdentityNothing      IdentityNote = "nothing"       // REPLICA IDENTITY NOTHING
	IdentityIndexDropped IdentityNote = "index-dropped" // USING INDEX on an index since dropped
)

// IdentitylessTable is a table without a usable replica identity.
type IdentitylessTable struct {
	Table TableName    `json:"table"`
	Note  IdentityNote `json:"note,omitempty"`
}

// NoIdentity: tables to publish have no replica identity (FailingNow: they
// are published, their writes fail now); OutOfScope: one of them is out of
// the scope, where auroracfg changes nothing.
type NoIdentity struct {
	Tables     []IdentitylessTable `json:"tables"`
	FailingNow bool                `json:"failing_now,omitempty"`
	OutOfScope bool                `json:"out_of_scope,omitempty"`
}

// VirtualInIdentity: on PostgreSQL 18 the replica identity of tables holds
// a virtual generated column, which no publication can publish.
type VirtualInIdentity struct {
	Tables     []GeneratedTable `json:"tables"`
	FailingNow bool             `json:"failing_now,omitempty"`
}

func (PublicationForm) reasonCode() ReasonCode   { return "publication-form" }
func (ViaRootAdvice) reasonCode() ReasonCode     { return "via-root-advice" }
func (PublishedInPart) reasonCode() ReasonCode   { return "published-in-part" }
func (NoIdentity) reasonCode() ReasonCode        { return "no-identity" }
func (VirtualInIdentity) reasonCode() ReasonCode { return "virtual-in-identity" }

func init() {
	registerReasons(PublicationForm{}, ViaRootAdvice{}, PublishedInPart{}, NoIdentity{}, VirtualInIdentity{})
}
