package plan

// CheckID names a readiness check, as check prints it (plan/check
// evaluates the checks); a change names the ones it serves (Change.Serves).
type CheckID string

// Readiness check ids.
const (
	CheckServerVersion         CheckID = "server-version"
	CheckPrimary               CheckID = "primary"
	CheckNoApplyUnderWay       CheckID = "no-apply-under-way"
	CheckPooler                CheckID = "pooler"
	CheckLogicalReplication    CheckID = "logical-replication"
	CheckMaxWalSenders         CheckID = "max-wal-senders"
	CheckReplicationSlots      CheckID = "replication-slots"
	CheckLogin                 CheckID = "login"
	CheckReplicationPrivilege  CheckID = "replication-privilege"
	CheckReplicationConnection CheckID = "replication-connection"
	CheckPublication           CheckID = "publication"
	CheckReplicaIdentity       CheckID = "replica-identity"
	CheckTablesSelectable      CheckID = "tables-selectable"
	CheckFutureTables          CheckID = "future-tables"
	CheckWalRetention          CheckID = "wal-retention"
	CheckNetwork               CheckID = "network"
)
