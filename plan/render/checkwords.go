package render

import (
	"fmt"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
)

// The words of the readiness checks: their titles, and the notes of the
// lines no finding or action gives.

var checkTitles = map[plan.CheckID]string{
	plan.CheckServerVersion:         "PostgreSQL 12 or later",
	plan.CheckPrimary:               "connected to the primary, not a standby",
	plan.CheckNoApplyUnderWay:       "no apply under way (what is observed is settled)",
	plan.CheckPooler:                "no pooler or proxy in between",
	plan.CheckLogicalReplication:    "logical replication on (wal_level = logical; rds.logical_replication on Aurora)",
	plan.CheckMaxWalSenders:         "max_wal_senders at least 2",
	plan.CheckReplicationSlots:      "a free replication slot for the pipe",
	plan.CheckLogin:                 "the user logs in with the spec's password",
	plan.CheckReplicationPrivilege:  "the user may replicate (REPLICATION, or rds_replication on Aurora)",
	plan.CheckReplicationConnection: "a replication connection as the user runs IDENTIFY_SYSTEM",
	plan.CheckPublication:           "the publication exists and publishes every table in scope",
	plan.CheckReplicaIdentity:       "every published table has a usable replica identity",
	plan.CheckTablesSelectable:      "the user can read every table in scope",
	plan.CheckFutureTables:          "tables created later are readable too",
	plan.CheckWalRetention:          "WAL kept by slots is bounded and no slot is abandoned",
	plan.CheckNetwork:               "ClickPipes can reach the writer (its addresses or a private path)",
}

// checkTitle is a check's title; its id when it has none.
func checkTitle(id plan.CheckID) string {
	if t, ok := checkTitles[id]; ok {
		return t
	}
	return string(id)
}

// noteWords words a check's note.
func noteWords(n check.Note) string {
	q := plan.QuoteIdent
	switch n := n.(type) {
	case check.NotChecked:
		return "not checked: " + n.Blocker + " must be fixed first"
	case check.ServerVersionOK:
		return "PostgreSQL " + plan.VersionString(n.Version)
	case check.IsPrimary:
		return "pg_is_in_recovery() is false"
	case check.NoApplyUnderWay:
		return "no other session holds the source's apply lock"
	case check.NoPooler:
		return "the session runs on the backend the server announced"
	case check.LogicalReplicationOK:
		if n.Aurora {
			return "rds.logical_replication = " + n.RDSLogicalReplication + ", wal_level = " + n.WalLevel
		}
		return "wal_level = " + n.WalLevel
	case check.WalSendersOK:
		return fmt.Sprintf("max_wal_senders = %d", n.MaxWalSenders)
	case check.SlotsFree:
		return fmt.Sprintf("%d of %d slots (max_replication_slots) in use", n.Used, n.Max)
	case check.LoggedIn:
		return q(n.User) + " logged in"
	case check.MayReplicate:
		if n.Attribute {
			return q(n.User) + " has REPLICATION"
		}
		return q(n.User) + " is a member of " + plan.RDSReplicationRole
	case check.ReplicationConnectionOK:
		return "replication=database connection accepted, IDENTIFY_SYSTEM answered"
	case check.ReplicationRefusedForNow:
		return "refused: " + n.Error + " (it succeeds once the actions and checks above are done)"
	case check.ReplicationNotTried:
		if n.CannotLogIn {
			return "not tried: the user cannot log in yet"
		}
		return "not tried: the user cannot replicate yet"
	case check.PublicationOK:
		return "publication " + q(n.Publication)
	case check.IdentitiesOK:
		return "primary keys, or FULL / a unique NOT NULL index"
	case check.TablesReadable:
		return "USAGE on every schema, SELECT on every table"
	case check.FutureTablesOK:
		return fmt.Sprintf("default privileges for every role that can create tables in scope (%d)", n.Creators)
	case check.WalRetentionOK:
		if n.KeepMB != nil {
			return "max_slot_wal_keep_size = " + plan.FormatBytes(*n.KeepMB<<20) + ", no inactive slot"
		}
		return "no inactive slot"
	case check.NoNetwork:
		return "no network in the spec: reachability is yours to ensure"
	case check.AllowListOK:
		return fmt.Sprintf("ClickPipes %s addresses allowed on the cluster's port", n.Region)
	case check.PrivatePathOK:
		switch {
		case n.Service != "":
			return fmt.Sprintf("endpoint service %s: ClickPipes' account only, acceptance required, load balancer on the writer %s (%s)",
				n.Service, n.Writer, strings.Join(n.WriterIPs, ", "))
		case n.Configuration != "":
			return fmt.Sprintf("resource configuration %s of cluster %s, shared with ClickPipes' account in %s", n.Configuration, n.Cluster, n.ShareARN)
		}
		return "private path in place"
	}
	return fmt.Sprintf("%T", n) // TestEveryNoteIsWorded fails on a note without words
}
