package plan

// The facts of the pre-flight findings: the replication connection, slots
// and the WAL they keep, future tables (a finding's Fact); plan/render
// words them. Aurora says the fix is made in the cluster parameter group.

// PoolerInTheWay: the connection reached PostgreSQL through a pooler.
type PoolerInTheWay struct{}

// SendersBusy: every WAL sender was taken when the probe tried.
type SendersBusy struct {
	User  string `json:"user"`
	Error string `json:"error"`
}

// RefusalCause is why the server refused the replication connection, read
// from its error.
type RefusalCause string

// Causes of a refused replication connection.
const (
	RefusedPrivilege RefusalCause = "privilege" // SQLSTATE 42501
	RefusedByHBA     RefusalCause = "pg-hba"    // SQLSTATE 28000, or pg_hba.conf named
	RefusedOther     RefusalCause = "other"
)

// ReplicationRefused: a replication connection as the user failed.
type ReplicationRefused struct {
	User   string       `json:"user"`
	Error  string       `json:"error"`
	Cause  RefusalCause `json:"cause"`
	Aurora bool         `json:"aurora,omitempty"`
}

// LoginDenied: logging in as the user was refused.
type LoginDenied struct {
	User string `json:"user"`
}

// SlotsFull: every replication slot is in use.
type SlotsFull struct {
	MaxReplicationSlots int  `json:"max_replication_slots"`
	Aurora              bool `json:"aurora,omitempty"`
}

// SlotInactive: a slot no consumer reads, which retains WAL (or lost it).
type SlotInactive struct {
	Slot          string `json:"slot"`
	Type          string `json:"type"`
	Plugin        string `json:"plugin,omitempty"`
	Database      string `json:"database,omitempty"`
	RetainedBytes int64  `json:"retained_bytes"`
	Lost          bool   `json:"lost,omitempty"`
}

// SlotWalUnbounded: max_slot_wal_keep_size is -1.
type SlotWalUnbounded struct {
	Aurora bool `json:"aurora,omitempty"`
}

// SlotWalLow: max_slot_wal_keep_size is below the guide's 100 GB.
type SlotWalLow struct {
	KeepMB int64 `json:"max_slot_wal_keep_size_mb"`
	Aurora bool  `json:"aurora,omitempty"`
}

// IdleSlotTimeoutShort: idle_replication_slot_timeout is under a day.
type IdleSlotTimeoutShort struct {
	Seconds int64 `json:"seconds"`
	Aurora  bool  `json:"aurora,omitempty"`
}

// DropSlotMissing: --drop-slot names a slot that does not exist.
type DropSlotMissing struct {
	Slot string `json:"slot"`
}

// DropSlotActive: --drop-slot names a slot a consumer reads.
type DropSlotActive struct {
	Slot string `json:"slot"`
}

// WideTable is a published table with a wide FULL identity.
type WideTable struct {
	Table    TableName `json:"table"`
	Columns  int       `json:"columns"`
	RowBytes int64     `json:"row_bytes,omitempty"`
}

// WideFullIdentity: published tables whose FULL identity logs wide rows.
type WideFullIdentity struct {
	Tables []WideTable `json:"tables"`
}

// PublicCanCreate: PUBLIC can create tables in scoped schemas.
type PublicCanCreate struct {
	Schemas []string `json:"schemas"`
	User    string   `json:"user"`
}

// CreatorNotOwner: a role can create tables in scoped schemas but is not
// in futureTablesOwnedBy.
type CreatorNotOwner struct {
	Role    string   `json:"role"`
	Schemas []string `json:"schemas"`
	User    string   `json:"user"`
}

func (PoolerInTheWay) reasonCode() ReasonCode       { return "pooler" }
func (SendersBusy) reasonCode() ReasonCode          { return "senders-busy" }
func (ReplicationRefused) reasonCode() ReasonCode   { return "replication-refused" }
func (LoginDenied) reasonCode() ReasonCode          { return "login-refused" }
func (SlotsFull) reasonCode() ReasonCode            { return "slots-full" }
func (SlotInactive) reasonCode() ReasonCode         { return "slot-inactive" }
func (SlotWalUnbounded) reasonCode() ReasonCode     { return "slot-wal-unbounded" }
func (SlotWalLow) reasonCode() ReasonCode           { return "slot-wal-low" }
func (IdleSlotTimeoutShort) reasonCode() ReasonCode { return "idle-slot-timeout-short" }
func (DropSlotMissing) reasonCode() ReasonCode      { return "drop-slot-missing" }
func (DropSlotActive) reasonCode() ReasonCode       { return "drop-slot-active" }
func (WideFullIdentity) reasonCode() ReasonCode     { return "wide-full-identity" }
func (PublicCanCreate) reasonCode() ReasonCode      { return "public-can-create" }
func (CreatorNotOwner) reasonCode() ReasonCode      { return "creator-not-owner" }

func init() {
	registerReasons(PoolerInTheWay{}, SendersBusy{}, ReplicationRefused{}, LoginDenied{}, SlotsFull{}, SlotInactive{},
		SlotWalUnbounded{}, SlotWalLow{}, IdleSlotTimeoutShort{}, DropSlotMissing{}, DropSlotActive{}, WideFullIdentity{},
		PublicCanCreate{}, CreatorNotOwner{})
}
