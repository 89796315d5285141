package plan

import (
	"fmt"
)

// CheckStatus is the outcome of one readiness check.
type CheckStatus string

// Check outcomes.
const (
	CheckPass CheckStatus = "pass"
	CheckWarn CheckStatus = "warn" // the pipe starts, but something will hurt later
	CheckFail CheckStatus = "fail" // the pipe will not start (or not keep running)
)

// Check is one pre-flight check of a source, as the ClickPipes engine (or
// a pipe running for weeks) would find it.
type Check struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Status CheckStatus `json:"status"`
	// Detail is what was observed: the value that passed, or why it failed.
	Detail []string `json:"detail"`
	// Fix says what makes it pass when apply cannot.
	Fix []string `json:"fix,omitempty"`
	// Actions are the plan's actions that make it pass.
	Actions []string `json:"actions,omitempty"`
}

// Readiness check ids, as check prints them; a change names the ones it
// serves (Change.Serves).
const (
	CheckServerVersion         = "server-version"
	CheckPrimary               = "primary"
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

// checkDef ties a check to the findings of a plan that concern it (the
// actions that concern it say so themselves, Change.Serves), so that check
// and plan can never disagree.
type checkDef struct {
	id, title string
	findings  []FindingCode
	aurora    bool // only for Aurora sources
	// first checks are made before Build can stop early (server version,
	// standby), so they are never "not checked".
	first bool
	pass  func(d Desired, o *Observed) string
	// pending explains a failure that no finding or action names (the
	// check could not be tried yet).
	pending func(d Desired, o *Observed) string
}

var checkDefs = []checkDef{
	{id: CheckServerVersion, title: "PostgreSQL 12 or later", findings: []FindingCode{FindingServerVersion, FindingEngineVersion, FindingEngine}, first: true,
		pass: func(_ Desired, o *Observed) string { return "PostgreSQL " + versionString(o.ServerVersionNum) }},
	{id: CheckPrimary, title: "connected to the primary, not a standby", findings: []FindingCode{FindingStandby}, first: true,
		pass: func(Desired, *Observed) string { return "pg_is_in_recovery() is false" }},
	{id: CheckPooler, title: "no pooler or proxy in between", findings: []FindingCode{FindingPooler},
		pass: func(Desired, *Observed) string { return "the session runs on the backend the server announced" }},
	{id: CheckLogicalReplication, title: "logical replication on (wal_level = logical; rds.logical_replication on Aurora)",
		findings: []FindingCode{FindingWalLevel, FindingParameterGroup},
		pass: func(d Desired, o *Observed) string {
			if d.IsAurora() {
				return "rds.logical_replication = " + o.Settings.RDSLogicalReplication + ", wal_level = " + o.Settings.WalLevel
			}
			return "wal_level = " + o.Settings.WalLevel
		}},
	{id: CheckMaxWalSenders, title: "max_wal_senders at least 2", findings: []FindingCode{FindingMaxWalSenders},
		pass: func(_ Desired, o *Observed) string {
			return fmt.Sprintf("max_wal_senders = %d", o.Settings.MaxWalSenders)
		}},
	{id: CheckReplicationSlots, title: "a free replication slot for the pipe", findings: []FindingCode{FindingReplicationSlots, FindingDropSlot},
		pass: func(_ Desired, o *Observed) string {
			return fmt.Sprintf("%d of %d slots (max_replication_slots) in use", o.Settings.SlotsUsed, o.Settings.MaxReplicationSlots)
		}},
	{id: CheckLogin, title: "the user logs in with the spec's password", findings: []FindingCode{FindingLoginRefused},
		pass: func(d Desired, _ *Observed) string { return QuoteIdent(d.User) + " logged in" }},
	{id: CheckReplicationPrivilege, title: "the user may replicate (REPLICATION, or rds_replication on Aurora)",
		pass: func(d Desired, o *Observed) string {
			if o.User != nil && o.User.Replication {
				return QuoteIdent(d.User) + " has REPLICATION"
			}
			return QuoteIdent(d.User) + " is a member of " + RDSReplicationRole
		}},
	{id: CheckReplicationConnection, title: "a replication connection as the user runs IDENTIFY_SYSTEM", findings: []FindingCode{FindingReplicationConnection},
		pass: func(Desired, *Observed) string {
			return "replication=database connection accepted, IDENTIFY_SYSTEM answered"
		},
		pending: func(d Desired, o *Observed) string {
			switch {
			case o.Replication.OK:
				return ""
			case o.Replication.Tried:
				return "refused: " + o.Replication.Error + " (it succeeds once the actions and checks above are done)"
			case o.User == nil || !o.User.CanLogin:
				return "not tried: the user cannot log in yet"
			}
			return "not tried: the user cannot replicate yet"
		}},
	{id: CheckPublication, title: "the publication exists and publishes every table in scope", findings: []FindingCode{FindingPublicationForm, FindingPartitionsOutOfScope},
		pass: func(d Desired, _ *Observed) string { return "publication " + QuoteIdent(d.Publication) }},
	{id: CheckReplicaIdentity, title: "every published table has a usable replica identity",
		findings: []FindingCode{FindingReplicaIdentity, FindingReplicaIdentityFailing, FindingReplicaIdentityGenerated, FindingReplicaIdentityGeneratedFailing, FindingWideFullIdentity},
		pass:     func(Desired, *Observed) string { return "primary keys, or FULL / a unique NOT NULL index" }},
	{id: CheckTablesSelectable, title: "the user can read every table in scope", findings: []FindingCode{FindingMissingSchema},
		pass: func(Desired, *Observed) string { return "USAGE on every schema, SELECT on every table" }},
	{id: CheckFutureTables, title: "tables created later are readable too", findings: []FindingCode{FindingFutureTables, FindingFutureTablesPublic, FindingMissingOwner},
		pass: func(d Desired, o *Observed) string {
			return fmt.Sprintf("default privileges for every role that can create tables in scope (%d)", len(o.Creators))
		}},
	{id: CheckWalRetention, title: "WAL kept by slots is bounded and no slot is abandoned",
		findings: []FindingCode{FindingMaxSlotWalKeepSize, FindingIdleSlotTimeout, FindingInactiveSlot},
		pass: func(_ Desired, o *Observed) string {
			if k := o.Settings.MaxSlotWalKeepSizeMB; k != nil {
				return "max_slot_wal_keep_size = " + FormatBytes(*k<<20) + ", no inactive slot"
			}
			return "no inactive slot"
		}},
	{id: CheckNetwork, title: "ClickPipes' addresses can reach the writer", aurora: true, findings: []FindingCode{FindingSecurityGroup, FindingStaleIngress},
		pass: func(d Desired, _ *Observed) string {
			if d.Aurora == nil || d.Aurora.Network == nil {
				return "no network in the spec: reachability is yours to ensure"
			}
			return fmt.Sprintf("ClickPipes %s addresses allowed on the cluster's port", d.Aurora.Network.ClickPipesRegion)
		}},
}

// Checks evaluates every readiness check of a source from its plan and the
// state it was built from. A check fails while a blocker or a pending action
// concerns it, warns on a warning, and passes otherwise.
func Checks(d Desired, o *Observed, sp SourcePlan) []Check {
	var out []Check
	stopped := stoppedEarly(sp)
	for _, def := range checkDefs {
		if def.aurora && !d.IsAurora() {
			continue
		}
		c := Check{ID: def.id, Title: def.title, Status: CheckPass, Detail: []string{}}
		for _, f := range sp.Findings {
			if !containsCode(def.findings, f.Code) {
				continue
			}
			c.Detail = append(c.Detail, f.Message)
			if f.Fix != "" {
				c.Fix = append(c.Fix, f.Fix)
			}
			c.Status = worse(c.Status, map[Severity]CheckStatus{SeverityBlocker: CheckFail, SeverityWarning: CheckWarn}[f.Severity])
		}
		for _, a := range sp.Actions {
			if contains(a.Change.Serves(), def.id) {
				c.Actions = append(c.Actions, a.ID)
				c.Detail = append(c.Detail, "to do: "+a.Summary)
				c.Status = CheckFail
				c.addPrivilegeBlockers(a, sp.Findings)
			}
		}
		switch {
		case stopped != "" && c.Status == CheckPass && !def.first:
			c.Status, c.Detail = CheckFail, []string{"not checked: " + stopped + " must be fixed first"}
		case def.pending != nil && c.Status == CheckPass:
			if why := def.pending(d, o); why != "" {
				c.Status, c.Detail = CheckFail, []string{why}
			}
		}
		if c.Status == CheckPass {
			c.Detail = []string{def.pass(d, o)}
		}
		out = append(out, c)
	}
	return out
}

// addPrivilegeBlockers shows, under the check an action serves, why the
// admin cannot run it (the findings adminPrivileges blocked it by).
func (c *Check) addPrivilegeBlockers(a Action, findings []Finding) {
	for _, id := range a.BlockedBy {
		for _, f := range findings {
			if f.Code == FindingPrivilege && f.ID() == id {
				c.Detail = append(c.Detail, f.Message)
				c.Fix = append(c.Fix, f.Fix)
			}
		}
	}
}

// stoppedEarly names the finding after which Build looked no further.
func stoppedEarly(sp SourcePlan) string {
	for _, f := range sp.Findings {
		switch f.Code {
		case FindingServerVersion, FindingEngineVersion, FindingEngine, FindingStandby:
			return f.ID()
		}
	}
	return ""
}

func containsCode(codes []FindingCode, c FindingCode) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

func worse(a, b CheckStatus) CheckStatus {
	rank := map[CheckStatus]int{CheckPass: 0, CheckWarn: 1, CheckFail: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// ChecksReady reports whether no check failed.
func ChecksReady(cs []Check) bool {
	for _, c := range cs {
		if c.Status == CheckFail {
			return false
		}
	}
	return true
}
