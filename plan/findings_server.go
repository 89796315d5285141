package plan

// The facts of the findings about the server and the scope's names (a
// finding's Fact); plan/render words their messages and fixes.

// ServerTooOld: the server's version (server_version_num) is below
// ClickPipes' floor.
type ServerTooOld struct {
	Version int `json:"server_version_num"`
}

// IsStandby: the server is in recovery.
type IsStandby struct{}

// BeingApplied: another process holds the source's apply lock.
type BeingApplied struct {
	Source      string `json:"source"`
	PID         int    `json:"pid"`
	Application string `json:"application,omitempty"`
	Since       string `json:"since,omitempty"`
}

// AdminIsUser: auroracfg connects as the replication user itself.
type AdminIsUser struct {
	Admin string `json:"admin"`
}

// WalLevelNotLogical: wal_level is not logical.
type WalLevelNotLogical struct {
	WalLevel string `json:"wal_level"`
}

// TooFewWalSenders: max_wal_senders is below 2.
type TooFewWalSenders struct {
	MaxWalSenders int `json:"max_wal_senders"`
}

// SchemaMissing: a schema in scope does not exist in the database.
type SchemaMissing struct {
	Schema   string   `json:"schema"`
	Scopes   []string `json:"scopes"`
	Database string   `json:"database"`
}

// OwnerMissing: a futureTablesOwnedBy role does not exist.
type OwnerMissing struct {
	Owner string `json:"owner"`
}

func (ServerTooOld) reasonCode() ReasonCode       { return "server-too-old" }
func (IsStandby) reasonCode() ReasonCode          { return "standby" }
func (BeingApplied) reasonCode() ReasonCode       { return "being-applied" }
func (AdminIsUser) reasonCode() ReasonCode        { return "admin-is-user" }
func (WalLevelNotLogical) reasonCode() ReasonCode { return "wal-level-not-logical" }
func (TooFewWalSenders) reasonCode() ReasonCode   { return "too-few-wal-senders" }
func (SchemaMissing) reasonCode() ReasonCode      { return "schema-missing" }
func (OwnerMissing) reasonCode() ReasonCode       { return "owner-missing" }

func init() {
	registerReasons(ServerTooOld{}, IsStandby{}, BeingApplied{}, AdminIsUser{}, WalLevelNotLogical{}, TooFewWalSenders{},
		SchemaMissing{}, OwnerMissing{})
}
