package plan

// The facts behind PostgreSQL actions (Reason); plan/render words them.

// RoleMissing: the replication user does not exist.
type RoleMissing struct {
	Role string `json:"role"`
}

// RoleLacks: the user lacks role attributes (LOGIN, REPLICATION).
type RoleLacks struct {
	Role       string   `json:"role"`
	Attributes []string `json:"attributes"`
}

// NotReplicationMember: on Aurora and RDS the user is not a member of
// rds_replication, which carries the replication privilege there.
type NotReplicationMember struct {
	Role string `json:"role"`
}

// PasswordStale: the spec's password does not log in as the user.
type PasswordStale struct {
	Role string `json:"role"`
}

// LacksUsage: the user lacks USAGE on a schema in scope.
type LacksUsage struct {
	Role   string `json:"role"`
	Schema string `json:"schema"`
}

// LacksSelect: the user lacks SELECT on tables in scope.
type LacksSelect struct {
	Role   string      `json:"role"`
	Tables []TableName `json:"tables"`
}

// NoDefaultPrivilege: tables an owner creates in a schema later would not
// be readable by the user.
type NoDefaultPrivilege struct {
	Role   string `json:"role"`
	Owner  string `json:"owner"`
	Schema string `json:"schema"`
}

// NoReplicaIdentity: a table to publish has no replica identity; Published
// when it is published already (its writes fail now). With Index, the
// identity auroracfg gives it is that index, because a FULL identity would
// hold the generated columns GeneratedColumns.
type NoReplicaIdentity struct {
	Table            TableName `json:"table"`
	Published        bool      `json:"published,omitempty"`
	Index            string    `json:"index,omitempty"`
	GeneratedColumns []string  `json:"generated_columns,omitempty"`
}

// PublicationMissing: the publication does not exist.
type PublicationMissing struct {
	Publication string `json:"publication"`
}

// GeneratedTable is a table whose replica identity holds stored generated
// columns.
type GeneratedTable struct {
	Table   TableName `json:"table"`
	Columns []string  `json:"columns"`
}

// GeneratedStoredOnCreate: the publication being created must publish
// stored generated columns, which these tables' identities hold.
type GeneratedStoredOnCreate struct {
	Tables []GeneratedTable `json:"tables"`
}

// GeneratedStoredNeeded: the existing publication must publish stored
// generated columns; FailingNow when one of the tables is published (its
// UPDATE and DELETE fail now).
type GeneratedStoredNeeded struct {
	Tables     []GeneratedTable `json:"tables"`
	FailingNow bool             `json:"failing_now,omitempty"`
}

// ViaRootNeeded: partitioned tables must be published through their root.
type ViaRootNeeded struct{}

// SchemasNotPublished: the publication does not publish schemas in scope.
type SchemasNotPublished struct {
	Publication string   `json:"publication"`
	Schemas     []string `json:"schemas"`
}

// TablesNotPublished: the publication does not publish tables in scope.
type TablesNotPublished struct {
	Publication string      `json:"publication"`
	Tables      []TableName `json:"tables"`
}

// SlotDropAsked: --drop-slot names an inactive slot, which retains
// RetainedBytes of WAL.
type SlotDropAsked struct {
	Slot          string `json:"slot"`
	Type          string `json:"type"`
	Plugin        string `json:"plugin,omitempty"`
	Database      string `json:"database,omitempty"`
	RetainedBytes int64  `json:"retained_bytes"`
}

func (RoleMissing) reasonCode() ReasonCode             { return "role-missing" }
func (RoleLacks) reasonCode() ReasonCode               { return "role-lacks-attributes" }
func (NotReplicationMember) reasonCode() ReasonCode    { return "not-replication-member" }
func (PasswordStale) reasonCode() ReasonCode           { return "password-does-not-log-in" }
func (LacksUsage) reasonCode() ReasonCode              { return "lacks-usage" }
func (LacksSelect) reasonCode() ReasonCode             { return "lacks-select" }
func (NoDefaultPrivilege) reasonCode() ReasonCode      { return "no-default-privilege" }
func (NoReplicaIdentity) reasonCode() ReasonCode       { return "no-replica-identity" }
func (PublicationMissing) reasonCode() ReasonCode      { return "publication-missing" }
func (GeneratedStoredOnCreate) reasonCode() ReasonCode { return "generated-stored-on-create" }
func (GeneratedStoredNeeded) reasonCode() ReasonCode   { return "generated-stored-needed" }
func (ViaRootNeeded) reasonCode() ReasonCode           { return "via-root-needed" }
func (SchemasNotPublished) reasonCode() ReasonCode     { return "schemas-not-published" }
func (TablesNotPublished) reasonCode() ReasonCode      { return "tables-not-published" }
func (SlotDropAsked) reasonCode() ReasonCode           { return "slot-drop-asked" }

func init() {
	registerReasons(RoleMissing{}, RoleLacks{}, NotReplicationMember{}, PasswordStale{}, LacksUsage{}, LacksSelect{},
		NoDefaultPrivilege{}, NoReplicaIdentity{}, PublicationMissing{}, GeneratedStoredOnCreate{}, GeneratedStoredNeeded{},
		ViaRootNeeded{}, SchemasNotPublished{}, TablesNotPublished{}, SlotDropAsked{})
}
