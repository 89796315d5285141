package plan

// The facts of the findings about the scope, its tables and the user's
// role (a finding's Fact); plan/render words them.

// EmptyScope: none of a scope's schemas exists; OtherCase are existing
// schemas whose names differ from them only in case.
type EmptyScope struct {
	Scope     string   `json:"scope"`
	Schemas   []string `json:"schemas"`
	Database  string   `json:"database"`
	OtherCase []string `json:"other_case,omitempty"`
}

// NothingToPublish: the scoped schemas hold no table.
type NothingToPublish struct {
	Publication string   `json:"publication"`
	Schemas     []string `json:"schemas"`
	Scopes      []string `json:"scopes"`
}

// RowSecurity: row-level security hides rows of published tables from
// the user.
type RowSecurity struct {
	User   string      `json:"user"`
	Tables []TableName `json:"tables"`
}

// GeneratedKey: a generated column is in the primary key (before 18).
type GeneratedKey struct {
	Tables []TableName `json:"tables"`
}

// DottedNames: schema or table names hold ".".
type DottedNames struct {
	Tables []TableName `json:"tables"`
}

// UnloggedTables: tables in scope write no WAL.
type UnloggedTables struct {
	Tables []TableName `json:"tables"`
}

// PartitionOutOfScope is a partition out of scope of a root in scope.
type PartitionOutOfScope struct {
	Table TableName `json:"table"`
	Root  TableName `json:"root"`
}

// PartitionsOutOfScope: on PostgreSQL 12, partitions of tables in scope
// live in schemas out of scope.
type PartitionsOutOfScope struct {
	Partitions []PartitionOutOfScope `json:"partitions"`
}

// UnreadableElsewhere: a tables: all publication publishes tables out of
// scope the user cannot read.
type UnreadableElsewhere struct {
	Tables []TableName `json:"tables"`
}

// PasswordExpired: the user's password expired (VALID UNTIL).
type PasswordExpired struct {
	User       string `json:"user"`
	ValidUntil string `json:"valid_until"`
}

// UserPowers: the user holds more than a pipe needs.
type UserPowers struct {
	User   string   `json:"user"`
	Powers []string `json:"powers"`
}

func (EmptyScope) reasonCode() ReasonCode           { return "empty-scope" }
func (NothingToPublish) reasonCode() ReasonCode     { return "nothing-to-publish" }
func (RowSecurity) reasonCode() ReasonCode          { return "row-security" }
func (GeneratedKey) reasonCode() ReasonCode         { return "generated-key" }
func (DottedNames) reasonCode() ReasonCode          { return "dotted-names" }
func (UnloggedTables) reasonCode() ReasonCode       { return "unlogged-tables" }
func (PartitionsOutOfScope) reasonCode() ReasonCode { return "partitions-out-of-scope" }
func (UnreadableElsewhere) reasonCode() ReasonCode  { return "unreadable-elsewhere" }
func (PasswordExpired) reasonCode() ReasonCode      { return "password-expired" }
func (UserPowers) reasonCode() ReasonCode           { return "user-powers" }

func init() {
	registerReasons(EmptyScope{}, NothingToPublish{}, RowSecurity{}, GeneratedKey{}, DottedNames{}, UnloggedTables{},
		PartitionsOutOfScope{}, UnreadableElsewhere{}, PasswordExpired{}, UserPowers{})
}
