// Package check is readiness: a pass over the desired state, the observed
// state and the plan of a source that gives each pre-flight check its
// verdict, from typed finding codes and the checks each change serves, so
// that check and plan can never disagree. It words nothing: each line is a
// finding, an action or a note (notes.go), worded by plan/render.
package check

import (
	"slices"

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
	// Note is the item's fact when no finding or action gives it (what
	// passed, why the check could not be tried yet).
	Note Note `json:"-"`
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
	findings []plan.FindingCode
	aurora   bool // only for Aurora sources
	// first checks are made before Build can stop early (server version,
	// standby), so they are never "not checked".
	first bool
	pass  func(d plan.Desired, o *plan.Observed) Note
	// pending explains a failure that no finding or action names (the
	// check could not be tried yet); nil when there is none.
	pending func(d plan.Desired, o *plan.Observed) Note
}

var checkDefs = []checkDef{
	{id: plan.CheckServerVersion, findings: []plan.FindingCode{plan.FindingServerVersion, plan.FindingEngineVersion, plan.FindingEngine}, first: true,
		pass: func(_ plan.Desired, o *plan.Observed) Note { return ServerVersionOK{Version: o.ServerVersionNum} }},
	{id: plan.CheckPrimary, findings: []plan.FindingCode{plan.FindingStandby, plan.FindingGlobalMoved, plan.FindingGlobalUnknown}, first: true,
		pass: func(plan.Desired, *plan.Observed) Note { return IsPrimary{} }},
	{id: plan.CheckNoApplyUnderWay, findings: []plan.FindingCode{plan.FindingBeingApplied}, first: true,
		pass: func(plan.Desired, *plan.Observed) Note { return NoApplyUnderWay{} }},
	{id: plan.CheckPooler, findings: []plan.FindingCode{plan.FindingPooler},
		pass: func(plan.Desired, *plan.Observed) Note { return NoPooler{} }},
	{id: plan.CheckLogicalReplication, findings: []plan.FindingCode{plan.FindingWalLevel, plan.FindingParameterGroup, plan.FindingParameterGroupShared},
		pass: func(d plan.Desired, o *plan.Observed) Note {
			return LogicalReplicationOK{Aurora: d.IsAurora(), RDSLogicalReplication: o.Settings.RDSLogicalReplication, WalLevel: o.Settings.WalLevel}
		}},
	{id: plan.CheckMaxWalSenders, findings: []plan.FindingCode{plan.FindingMaxWalSenders},
		pass: func(_ plan.Desired, o *plan.Observed) Note {
			return WalSendersOK{MaxWalSenders: o.Settings.MaxWalSenders}
		}},
	{id: plan.CheckReplicationSlots, findings: []plan.FindingCode{plan.FindingReplicationSlots, plan.FindingDropSlot},
		pass: func(_ plan.Desired, o *plan.Observed) Note {
			return SlotsFree{Used: o.Settings.SlotsUsed, Max: o.Settings.MaxReplicationSlots}
		}},
	{id: plan.CheckLogin, findings: []plan.FindingCode{plan.FindingLoginRefused, plan.FindingPasswordExpired, plan.FindingAdminIsUser},
		pass: func(d plan.Desired, _ *plan.Observed) Note { return LoggedIn{User: d.User} }},
	{id: plan.CheckReplicationPrivilege, findings: []plan.FindingCode{plan.FindingUserPowers},
		pass: func(d plan.Desired, o *plan.Observed) Note {
			return MayReplicate{User: d.User, Attribute: o.User != nil && o.User.Replication}
		}},
	{id: plan.CheckReplicationConnection, findings: []plan.FindingCode{plan.FindingReplicationConnection, plan.FindingSendersBusy},
		pass: func(plan.Desired, *plan.Observed) Note { return ReplicationConnectionOK{} },
		pending: func(d plan.Desired, o *plan.Observed) Note {
			switch {
			case o.Replication.OK:
				return nil
			case o.Replication.Tried:
				return ReplicationRefusedForNow{Error: o.Replication.Error}
			}
			return ReplicationNotTried{CannotLogIn: o.User == nil || !o.User.CanLogin}
		}},
	{id: plan.CheckPublication, findings: []plan.FindingCode{plan.FindingEmptyScope, plan.FindingNothingToPublish, plan.FindingPublicationForm, plan.FindingPublishedInPart, plan.FindingPartitionsOutOfScope, plan.FindingViaRootAdvice, plan.FindingUnpublishable, plan.FindingRowSecurity, plan.FindingGeneratedKey, plan.FindingDottedNames},
		pass: func(d plan.Desired, _ *plan.Observed) Note { return PublicationOK{Publication: d.Publication} }},
	{id: plan.CheckReplicaIdentity,
		findings: []plan.FindingCode{plan.FindingReplicaIdentity, plan.FindingReplicaIdentityFailing, plan.FindingReplicaIdentityGenerated, plan.FindingReplicaIdentityGeneratedFailing, plan.FindingWideFullIdentity},
		pass:     func(plan.Desired, *plan.Observed) Note { return IdentitiesOK{} }},
	{id: plan.CheckTablesSelectable, findings: []plan.FindingCode{plan.FindingMissingSchema, plan.FindingUnreadableElsewhere},
		pass: func(plan.Desired, *plan.Observed) Note { return TablesReadable{} }},
	{id: plan.CheckFutureTables, findings: []plan.FindingCode{plan.FindingFutureTables, plan.FindingFutureTablesPublic, plan.FindingMissingOwner},
		pass: func(_ plan.Desired, o *plan.Observed) Note { return FutureTablesOK{Creators: len(o.Creators)} }},
	{id: plan.CheckWalRetention,
		findings: []plan.FindingCode{plan.FindingMaxSlotWalKeepSize, plan.FindingIdleSlotTimeout, plan.FindingInactiveSlot},
		pass: func(_ plan.Desired, o *plan.Observed) Note {
			return WalRetentionOK{KeepMB: o.Settings.MaxSlotWalKeepSizeMB}
		}},
	{id: plan.CheckNetwork, aurora: true,
		findings: []plan.FindingCode{plan.FindingSecurityGroup, plan.FindingClusterVPC, plan.FindingStaleIngress, plan.FindingPrivateLinkSubnets, plan.FindingPrivateLinkReach,
			plan.FindingPrivateLinkWriter, plan.FindingPrivateLinkConflict, plan.FindingPrivateLinkPrincipals, plan.FindingPrivateLinkRegions, plan.FindingPrivateLinkForeign},
		pass: networkPass},
}

func networkPass(d plan.Desired, o *plan.Observed) Note {
	switch {
	case d.Aurora == nil || (d.Aurora.Network == nil && d.Aurora.PrivateLink == nil):
		return NoNetwork{}
	case d.Aurora.Network != nil:
		return AllowListOK{Region: d.Aurora.Network.ClickPipesRegion}
	}
	ok := PrivatePathOK{}
	if pl := o.AWS.PrivateLink; pl != nil {
		if svc := pl.EndpointService; svc != nil {
			ok.Service, ok.Writer, ok.WriterIPs = svc.Name, pl.Writer.ID, pl.Writer.IPs
		} else if pl.Config != nil && pl.Share != nil {
			ok.Configuration, ok.Cluster, ok.ShareARN = pl.Config.ID, o.AWS.Cluster.ID, pl.Share.ARN
		}
	}
	return ok
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
		c := Check{ID: def.id, Status: Pass, Detail: []string{}}
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
			c.Status, c.Items = Fail, []Item{{Note: NotChecked{Blocker: stopped}}}
		case def.pending != nil && c.Status == Pass:
			if why := def.pending(d, o); why != nil {
				c.Status, c.Items = Fail, []Item{{Note: why}}
			}
		}
		if c.Status == Pass {
			c.Items = []Item{{Note: def.pass(d, o)}}
		}
		c.Detail = make([]string, len(c.Items)) // render words each item's line
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

// IDs are every check's id, in the order checks are made.
func IDs() []plan.CheckID {
	ids := make([]plan.CheckID, len(checkDefs))
	for i, def := range checkDefs {
		ids[i] = def.id
	}
	return ids
}

// FindingsOf are the finding codes that fail (blockers) or warn
// (warnings) check id.
func FindingsOf(id plan.CheckID) []plan.FindingCode {
	for _, def := range checkDefs {
		if def.id == id {
			return def.findings
		}
	}
	return nil
}
