// Package check is readiness: a pass over the desired state, the observed
// state and the plan of a source that gives each pre-flight check its
// verdict, from typed finding codes and the checks each change serves, so
// that check and plan can never disagree.
package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// Status is the outcome of one readiness check.
type Status string

// Check outcomes.
const (
	Pass Status = "pass"
	Warn Status = "warn" // the pipe starts, but something will hurt later
	Fail Status = "fail" // the pipe will not start (or not keep running)
)

// Check is one pre-flight check of a source, as the ClickPipes engine (or
// a pipe running for weeks) would find it.
type Check struct {
	ID     plan.CheckID `json:"id"`
	Title  string       `json:"title"`
	Status Status       `json:"status"`
	// Detail is what was observed: the value that passed, or why it failed.
	Detail []string `json:"detail"`
	// Fix says what makes it pass when apply cannot.
	Fix []string `json:"fix,omitempty"`
	// Actions are the plan's actions that make it pass.
	Actions []string `json:"actions,omitempty"`
	// Items are Detail, Fix and Actions as they belong together: each
	// finding with its own fix, each action with what holds it back, so
	// no fix or "apply makes it pass" is shown under another's line.
	Items []Item `json:"items,omitempty"`
}

// Item is one line of a check's verdict: a finding (with its fix) or an
// action of the plan (with what holds it back, if anything).
type Item struct {
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
	Action string `json:"action,omitempty"`
	// Finding is the finding the item shows, and Of the action it speaks
	// of (its to-do, or the action a privilege finding blocks): plan/render
	// words Detail and Fix from them.
	Finding *plan.Finding `json:"-"`
	Of      *plan.Action  `json:"-"`
	// Held says why apply will not run Action (a blocker, a gate,
	// aws.manage: observe); empty when apply makes it pass.
	Held []plan.Qualifier `json:"held,omitempty"`
}

// add records an item, and its parts in Detail, Fix and Actions.
func (c *Check) add(it Item) {
	c.Items = append(c.Items, it)
	c.Detail = append(c.Detail, it.Detail)
	if it.Fix != "" {
		c.Fix = append(c.Fix, it.Fix)
	}
	if it.Action != "" {
		c.Actions = append(c.Actions, it.Action)
	}
}

// checkDef ties a check to the findings of a plan that concern it (the
// actions that concern it say so themselves, Change.Serves), so that check
// and plan can never disagree.
type checkDef struct {
	id       plan.CheckID
	title    string
	findings []plan.FindingCode
	aurora   bool // only for Aurora sources
	// first checks are made before Build can stop early (server version,
	// standby), so they are never "not checked".
	first bool
	pass  func(d plan.Desired, o *plan.Observed) string
	// pending explains a failure that no finding or action names (the
	// check could not be tried yet).
	pending func(d plan.Desired, o *plan.Observed) string
}

var checkDefs = []checkDef{
	{id: plan.CheckServerVersion, title: "PostgreSQL 12 or later", findings: []plan.FindingCode{plan.FindingServerVersion, plan.FindingEngineVersion, plan.FindingEngine}, first: true,
		pass: func(_ plan.Desired, o *plan.Observed) string {
			return "PostgreSQL " + plan.VersionString(o.ServerVersionNum)
		}},
	{id: plan.CheckPrimary, title: "connected to the primary, not a standby", findings: []plan.FindingCode{plan.FindingStandby, plan.FindingGlobalMoved, plan.FindingGlobalUnknown}, first: true,
		pass: func(plan.Desired, *plan.Observed) string { return "pg_is_in_recovery() is false" }},
	{id: plan.CheckNoApplyUnderWay, title: "no apply under way (what is observed is settled)", findings: []plan.FindingCode{plan.FindingBeingApplied}, first: true,
		pass: func(plan.Desired, *plan.Observed) string { return "no other session holds the source's apply lock" }},
	{id: plan.CheckPooler, title: "no pooler or proxy in between", findings: []plan.FindingCode{plan.FindingPooler},
		pass: func(plan.Desired, *plan.Observed) string {
			return "the session runs on the backend the server announced"
		}},
	{id: plan.CheckLogicalReplication, title: "logical replication on (wal_level = logical; rds.logical_replication on Aurora)",
		findings: []plan.FindingCode{plan.FindingWalLevel, plan.FindingParameterGroup, plan.FindingParameterGroupShared},
		pass: func(d plan.Desired, o *plan.Observed) string {
			if d.IsAurora() {
				return "rds.logical_replication = " + o.Settings.RDSLogicalReplication + ", wal_level = " + o.Settings.WalLevel
			}
			return "wal_level = " + o.Settings.WalLevel
		}},
	{id: plan.CheckMaxWalSenders, title: "max_wal_senders at least 2", findings: []plan.FindingCode{plan.FindingMaxWalSenders},
		pass: func(_ plan.Desired, o *plan.Observed) string {
			return fmt.Sprintf("max_wal_senders = %d", o.Settings.MaxWalSenders)
		}},
	{id: plan.CheckReplicationSlots, title: "a free replication slot for the pipe", findings: []plan.FindingCode{plan.FindingReplicationSlots, plan.FindingDropSlot},
		pass: func(_ plan.Desired, o *plan.Observed) string {
			return fmt.Sprintf("%d of %d slots (max_replication_slots) in use", o.Settings.SlotsUsed, o.Settings.MaxReplicationSlots)
		}},
	{id: plan.CheckLogin, title: "the user logs in with the spec's password", findings: []plan.FindingCode{plan.FindingLoginRefused, plan.FindingPasswordExpired, plan.FindingAdminIsUser},
		pass: func(d plan.Desired, _ *plan.Observed) string { return plan.QuoteIdent(d.User) + " logged in" }},
	{id: plan.CheckReplicationPrivilege, title: "the user may replicate (REPLICATION, or rds_replication on Aurora)", findings: []plan.FindingCode{plan.FindingUserPowers},
		pass: func(d plan.Desired, o *plan.Observed) string {
			if o.User != nil && o.User.Replication {
				return plan.QuoteIdent(d.User) + " has REPLICATION"
			}
			return plan.QuoteIdent(d.User) + " is a member of " + plan.RDSReplicationRole
		}},
	{id: plan.CheckReplicationConnection, title: "a replication connection as the user runs IDENTIFY_SYSTEM", findings: []plan.FindingCode{plan.FindingReplicationConnection, plan.FindingSendersBusy},
		pass: func(plan.Desired, *plan.Observed) string {
			return "replication=database connection accepted, IDENTIFY_SYSTEM answered"
		},
		pending: func(d plan.Desired, o *plan.Observed) string {
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
	{id: plan.CheckPublication, title: "the publication exists and publishes every table in scope", findings: []plan.FindingCode{plan.FindingEmptyScope, plan.FindingNothingToPublish, plan.FindingPublicationForm, plan.FindingPublishedInPart, plan.FindingPartitionsOutOfScope, plan.FindingViaRootAdvice, plan.FindingUnpublishable, plan.FindingRowSecurity, plan.FindingGeneratedKey, plan.FindingDottedNames},
		pass: func(d plan.Desired, _ *plan.Observed) string { return "publication " + plan.QuoteIdent(d.Publication) }},
	{id: plan.CheckReplicaIdentity, title: "every published table has a usable replica identity",
		findings: []plan.FindingCode{plan.FindingReplicaIdentity, plan.FindingReplicaIdentityFailing, plan.FindingReplicaIdentityGenerated, plan.FindingReplicaIdentityGeneratedFailing, plan.FindingWideFullIdentity},
		pass:     func(plan.Desired, *plan.Observed) string { return "primary keys, or FULL / a unique NOT NULL index" }},
	{id: plan.CheckTablesSelectable, title: "the user can read every table in scope", findings: []plan.FindingCode{plan.FindingMissingSchema, plan.FindingUnreadableElsewhere},
		pass: func(plan.Desired, *plan.Observed) string { return "USAGE on every schema, SELECT on every table" }},
	{id: plan.CheckFutureTables, title: "tables created later are readable too", findings: []plan.FindingCode{plan.FindingFutureTables, plan.FindingFutureTablesPublic, plan.FindingMissingOwner},
		pass: func(d plan.Desired, o *plan.Observed) string {
			return fmt.Sprintf("default privileges for every role that can create tables in scope (%d)", len(o.Creators))
		}},
	{id: plan.CheckWalRetention, title: "WAL kept by slots is bounded and no slot is abandoned",
		findings: []plan.FindingCode{plan.FindingMaxSlotWalKeepSize, plan.FindingIdleSlotTimeout, plan.FindingInactiveSlot},
		pass: func(_ plan.Desired, o *plan.Observed) string {
			if k := o.Settings.MaxSlotWalKeepSizeMB; k != nil {
				return "max_slot_wal_keep_size = " + plan.FormatBytes(*k<<20) + ", no inactive slot"
			}
			return "no inactive slot"
		}},
	{id: plan.CheckNetwork, title: "ClickPipes can reach the writer (its addresses or a private path)", aurora: true,
		findings: []plan.FindingCode{plan.FindingSecurityGroup, plan.FindingClusterVPC, plan.FindingStaleIngress, plan.FindingPrivateLinkSubnets, plan.FindingPrivateLinkReach,
			plan.FindingPrivateLinkWriter, plan.FindingPrivateLinkConflict, plan.FindingPrivateLinkPrincipals, plan.FindingPrivateLinkRegions, plan.FindingPrivateLinkForeign},
		pass: networkPass},
}

func networkPass(d plan.Desired, o *plan.Observed) string {
	switch {
	case d.Aurora == nil || (d.Aurora.Network == nil && d.Aurora.PrivateLink == nil):
		return "no network in the spec: reachability is yours to ensure"
	case d.Aurora.Network != nil:
		return fmt.Sprintf("ClickPipes %s addresses allowed on the cluster's port", d.Aurora.Network.ClickPipesRegion)
	}
	pl := o.AWS.PrivateLink
	if pl == nil {
		return "private path in place"
	}
	if svc := pl.EndpointService; svc != nil {
		return fmt.Sprintf("endpoint service %s: ClickPipes' account only, acceptance required, load balancer on the writer %s (%s)",
			svc.Name, pl.Writer.ID, strings.Join(pl.Writer.IPs, ", "))
	}
	if pl.Config != nil && pl.Share != nil {
		return fmt.Sprintf("resource configuration %s of cluster %s, shared with ClickPipes' account in %s", pl.Config.ID, o.AWS.Cluster.ID, pl.Share.ARN)
	}
	return "private path in place"
}

// Evaluate evaluates every readiness check of a source from its plan and the
// state it was built from. A check fails while a blocker or a pending action
// concerns it, warns on a warning, and passes otherwise.
func Evaluate(d plan.Desired, o *plan.Observed, sp plan.SourcePlan) []Check {
	var out []Check
	stopped := stoppedEarly(sp)
	for _, def := range checkDefs {
		if def.aurora && !d.IsAurora() {
			continue
		}
		c := Check{ID: def.id, Title: def.title, Status: Pass, Detail: []string{}}
		for _, f := range sp.Findings {
			if !slices.Contains(def.findings, f.Code) {
				continue
			}
			c.add(findingItem(f))
			c.Status = worse(c.Status, map[plan.Severity]Status{plan.SeverityBlocker: Fail, plan.SeverityWarning: Warn}[f.Severity])
		}
		for _, a := range sp.Actions {
			if serves(a, def.id) {
				c.add(Item{Action: a.ID, Held: a.Qualifiers(), Of: &a})
				c.Status = Fail
				c.addPrivilegeBlockers(a, sp.Findings)
			}
		}
		switch {
		case stopped != "" && c.Status == Pass && !def.first:
			c.Status, c.Detail = Fail, []string{"not checked: " + stopped + " must be fixed first"}
			c.Items = []Item{{Detail: c.Detail[0]}}
		case def.pending != nil && c.Status == Pass:
			if why := def.pending(d, o); why != "" {
				c.Status, c.Detail = Fail, []string{why}
				c.Items = []Item{{Detail: why}}
			}
		}
		if c.Status == Pass {
			c.Detail = []string{def.pass(d, o)}
			c.Items = []Item{{Detail: c.Detail[0]}}
		}
		out = append(out, c)
	}
	return out
}

// addPrivilegeBlockers shows, under the check an action serves, why the
// admin cannot run it (the findings adminPrivileges blocked it by).
func (c *Check) addPrivilegeBlockers(a plan.Action, findings []plan.Finding) {
	for _, id := range a.BlockedBy {
		for _, f := range findings {
			if f.Code == plan.FindingPrivilege && f.ID() == id {
				it := findingItem(f)
				it.Of = &a
				c.add(it)
			}
		}
	}
}

// findingItem is the item of a finding; a finding that is a fact has its
// words from plan/render.
func findingItem(f plan.Finding) Item {
	return Item{Detail: f.Message, Fix: f.Fix, Finding: &f}
}

// stoppedEarly names the finding after which Build looked no further.
func stoppedEarly(sp plan.SourcePlan) string {
	for _, f := range sp.Findings {
		switch f.Code {
		case plan.FindingServerVersion, plan.FindingEngineVersion, plan.FindingEngine, plan.FindingStandby, plan.FindingAdminIsUser, plan.FindingBeingApplied:
			return f.ID()
		}
	}
	return ""
}

func worse(a, b Status) Status {
	rank := map[Status]int{Pass: 0, Warn: 1, Fail: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Ready reports whether no check failed.
func Ready(cs []Check) bool {
	for _, c := range cs {
		if c.Status == Fail {
			return false
		}
	}
	return true
}

// serves says whether the action's change makes check id pass.
func serves(a plan.Action, id plan.CheckID) bool {
	for _, s := range a.Change.Serves() {
		if s == id {
			return true
		}
	}
	return false
}

// SourceChecks are one source's readiness checks, for the check command.
type SourceChecks struct {
	Source string            `json:"source"`
	Type   schema.SourceType `json:"type"`
	Target string            `json:"target"`
	Ready  bool              `json:"ready"`
	// Error says why the source could not be checked (not observed):
	// nothing is known of it, and it is not ready.
	Error  string  `json:"error,omitempty"`
	Checks []Check `json:"checks"`
}

// Unobserved are the checks of a source that could not be observed: none.
func Unobserved(source string, typ schema.SourceType, err error) SourceChecks {
	return SourceChecks{Source: source, Type: typ, Error: plan.Visible(err.Error()), Checks: []Check{}}
}

// Source evaluates a source's checks (Evaluate) with what names it.
func Source(d plan.Desired, o *plan.Observed, sp plan.SourcePlan) SourceChecks {
	cs := Evaluate(d, o, sp)
	return SourceChecks{Source: sp.Source, Type: sp.Type, Target: sp.Target, Ready: Ready(cs), Checks: cs}
}
