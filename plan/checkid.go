package plan

// Readiness check ids, as check prints them (plan/check evaluates the
// checks); a change names the ones it serves (Change.Serves).
const (
	CheckServerVersion         = "server-version"
	CheckPrimary               = "primary"
	CheckNoApplyUnderWay       = "no-apply-under-way"
	CheckPooler                = "pooler"
	CheckLogicalReplication    = "logical-replication"
	CheckMaxWalSenders         = "max-wal-senders"
	CheckReplicationSlots      = "replication-slots"
	CheckLogin                 = "login"
	CheckReplicationPrivilege  = "replication-privilege"
	CheckReplicationConnection = "replication-connection"
	CheckPublication           = "publication"
	CheckReplicaIdentity       = "replica-identity"
	CheckTablesSelectable      = "tables-selectable"
	CheckFutureTables          = "future-tables"
	CheckWalRetention          = "wal-retention"
	CheckNetwork               = "network"
)
