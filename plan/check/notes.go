package check

// The notes of a check's lines that no finding or action gives: what
// passed, why a check could not be tried, which finding stopped the
// checks. Each is a type of its own; plan/render words them (and the
// checks' titles), so that this package decides and never words.

// Note is one such line's fact.
type Note interface{ checkNote() }

// NotChecked: the checks stopped at a blocker (its finding's id).
type NotChecked struct{ Blocker string }

// ServerVersionOK: the server's version (server_version_num).
type ServerVersionOK struct{ Version int }

// IsPrimary: pg_is_in_recovery() is false.
type IsPrimary struct{}

// NoApplyUnderWay: no other session holds the source's apply lock.
type NoApplyUnderWay struct{}

// NoPooler: the session runs on the backend the server announced.
type NoPooler struct{}

// LogicalReplicationOK: the settings that turn logical replication on.
type LogicalReplicationOK struct {
	Aurora                          bool
	RDSLogicalReplication, WalLevel string
}

// WalSendersOK: max_wal_senders.
type WalSendersOK struct{ MaxWalSenders int }

// SlotsFree: slots in use of max_replication_slots.
type SlotsFree struct{ Used, Max int }

// LoggedIn: the user logged in.
type LoggedIn struct{ User string }

// MayReplicate: the user has REPLICATION (Attribute) or is a member of
// rds_replication.
type MayReplicate struct {
	User      string
	Attribute bool
}

// ReplicationConnectionOK: a replication connection ran IDENTIFY_SYSTEM.
type ReplicationConnectionOK struct{}

// ReplicationRefusedForNow: the replication connection was refused while
// actions or checks before it are still to do.
type ReplicationRefusedForNow struct{ Error string }

// ReplicationNotTried: no replication connection was tried yet, because
// the user cannot log in (CannotLogIn) or cannot replicate yet.
type ReplicationNotTried struct{ CannotLogIn bool }

// PublicationOK: the publication.
type PublicationOK struct{ Publication string }

// IdentitiesOK: every published table has a usable replica identity.
type IdentitiesOK struct{}

// TablesReadable: the user reads every schema and table in scope.
type TablesReadable struct{}

// FutureTablesOK: default privileges cover every creator in scope.
type FutureTablesOK struct{ Creators int }

// WalRetentionOK: max_slot_wal_keep_size (nil: the server has none), and
// no inactive slot.
type WalRetentionOK struct{ KeepMB *int64 }

// NoNetwork: the spec names no network.
type NoNetwork struct{}

// AllowListOK: ClickPipes' addresses of a region may reach the port.
type AllowListOK struct{ Region string }

// PrivatePathOK: the private path is in place; Service or Configuration
// says which, when observed.
type PrivatePathOK struct {
	Service, Writer   string
	WriterIPs         []string
	Configuration     string
	Cluster, ShareARN string
}

func (NotChecked) checkNote()               {}
func (ServerVersionOK) checkNote()          {}
func (IsPrimary) checkNote()                {}
func (NoApplyUnderWay) checkNote()          {}
func (NoPooler) checkNote()                 {}
func (LogicalReplicationOK) checkNote()     {}
func (WalSendersOK) checkNote()             {}
func (SlotsFree) checkNote()                {}
func (LoggedIn) checkNote()                 {}
func (MayReplicate) checkNote()             {}
func (ReplicationConnectionOK) checkNote()  {}
func (ReplicationRefusedForNow) checkNote() {}
func (ReplicationNotTried) checkNote()      {}
func (PublicationOK) checkNote()            {}
func (IdentitiesOK) checkNote()             {}
func (TablesReadable) checkNote()           {}
func (FutureTablesOK) checkNote()           {}
func (WalRetentionOK) checkNote()           {}
func (NoNetwork) checkNote()                {}
func (AllowListOK) checkNote()              {}
func (PrivatePathOK) checkNote()            {}
