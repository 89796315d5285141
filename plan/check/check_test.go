package check

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/auroracfg/auroracfg/plan"
)

// TestEvaluate: a check fails for a pending action that serves it and for a
// blocker coded for it, warns for a warning, and a plan stopped early leaves
// the later checks "not checked"; the network check is for Aurora only.
func TestEvaluate(t *testing.T) {
	d := plan.Desired{Source: "s", Type: "postgresql", User: "cp", Publication: "pub"}
	o := &plan.Observed{ServerVersionNum: 160004, Replication: plan.ReplicationProbe{Tried: true, OK: true}}
	sp := plan.SourcePlan{
		Findings: []plan.Finding{
			{Code: plan.FindingMissingSchema, Subject: "billing", Severity: plan.SeverityWarning, Message: "schema billing does not exist"},
			{Code: plan.FindingMaxWalSenders, Severity: plan.SeverityBlocker, Message: "max_wal_senders is 1", Fix: "raise it"},
		},
		Actions: []plan.Action{{ID: "role/cp", Summary: "create role cp", Change: plan.CreateRole{Role: "cp"}}},
	}
	status := map[plan.CheckID]Status{}
	var login Check
	for _, c := range Evaluate(d, o, sp) {
		status[c.ID] = c.Status
		if c.ID == plan.CheckLogin {
			login = c
		}
	}
	for id, want := range map[plan.CheckID]Status{
		plan.CheckLogin: Fail, plan.CheckReplicationPrivilege: Fail, // served by create-role
		plan.CheckMaxWalSenders:    Fail, // its blocker
		plan.CheckTablesSelectable: Warn, // its warning
		plan.CheckPublication:      Pass,
	} {
		if status[id] != want {
			t.Errorf("%s: %s, want %s", id, status[id], want)
		}
	}
	if _, ok := status[plan.CheckNetwork]; ok {
		t.Errorf("the network check ran for a PostgreSQL source")
	}
	// the words of a to-do are render's: the item carries its action
	if diff := cmp.Diff(Check{ID: plan.CheckLogin, Status: Fail, Detail: []string{""}, Actions: []string{"role/cp"},
		Items: []Item{{Action: "role/cp"}}}, login, cmpopts.IgnoreFields(Item{}, "Of")); diff != "" {
		t.Errorf("login (-want +got):\n%s", diff)
	}
	if of := login.Items[0].Of; of == nil || of.ID != "role/cp" {
		t.Errorf("the login item's action is %+v, want role/cp", of)
	}

	standby := plan.SourcePlan{Findings: []plan.Finding{{Code: plan.FindingStandby, Severity: plan.SeverityBlocker, Message: "a standby"}}}
	for _, c := range Evaluate(d, o, standby) {
		want := Fail
		switch c.ID {
		case plan.CheckServerVersion, plan.CheckNoApplyUnderWay:
			want = Pass
		case plan.CheckPrimary:
			if f := c.Items[0].Finding; f == nil || f.Code != plan.FindingStandby {
				t.Errorf("primary: %+v, want the standby finding", c.Items)
			}
		default:
			if diff := cmp.Diff([]Item{{Note: NotChecked{Blocker: "standby"}}}, c.Items); diff != "" {
				t.Errorf("%s after a standby (-want +got):\n%s", c.ID, diff)
			}
		}
		if c.Status != want {
			t.Errorf("%s after a standby: %s, want %s", c.ID, c.Status, want)
		}
	}
}

// TestEachFixBelongsToItsFinding: a publication blocked by replica
// identity, next to an unlogged-table warning, keeps the warning's fix
// under the warning and says the publication waits for its blocker instead
// of "apply makes it pass".
func TestEachFixBelongsToItsFinding(t *testing.T) {
	d := plan.Desired{Source: "s", Type: "postgresql", User: "cp", Publication: "pub"}
	o := &plan.Observed{ServerVersionNum: 160004, Replication: plan.ReplicationProbe{Tried: true, OK: true}}
	sp := plan.SourcePlan{
		Findings: []plan.Finding{
			{Code: plan.FindingUnpublishable, Severity: plan.SeverityWarning, Message: "app.cache is unlogged", Fix: "ALTER TABLE app.cache SET LOGGED"},
			{Code: plan.FindingReplicaIdentity, Severity: plan.SeverityBlocker, Message: "app.log has no replica identity", Fix: "add a primary key"},
		},
		Actions: []plan.Action{{ID: "publication/pub", Summary: "create publication pub", BlockedBy: []string{"replica-identity"}, Change: plan.CreatePublication{Name: "pub"}}},
	}
	for _, c := range Evaluate(d, o, sp) {
		if c.ID != plan.CheckPublication {
			continue
		}
		want := []Item{
			{Detail: "app.cache is unlogged", Fix: "ALTER TABLE app.cache SET LOGGED"},
			{Action: "publication/pub", Held: []plan.Qualifier{{Kind: plan.QualifierBlocked, Findings: []string{"replica-identity"}}}},
		}
		if diff := cmp.Diff(want, c.Items, cmpopts.IgnoreFields(Item{}, "Finding", "Of")); diff != "" {
			t.Errorf("publication items (-want +got):\n%s", diff)
		}
		if f := c.Items[0].Finding; f == nil || f.Code != plan.FindingUnpublishable {
			t.Errorf("the unlogged item's finding is %+v, want the unpublishable finding (render words it)", f)
		}
		// check --format json carries the same, keyed for scripts.
		data, _ := json.Marshal(c.Items[1:])
		if got := string(data); got != `[{"detail":"","action":"publication/pub","held":[{"kind":"blocked","findings":["replica-identity"]}]}]` {
			t.Errorf("JSON of a held action: %s", got)
		}
		return
	}
	t.Fatal("no publication check")
}
