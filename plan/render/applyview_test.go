package render

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
)

// Each apply event, worded: the lines apply printed itself before its
// events went through hooks (cmd's scripts check them in context).
func TestApplyTextWordsEveryEvent(t *testing.T) {
	role := plan.Action{ID: "role/cp", Op: plan.OpCreate, Change: plan.CreateRole{Role: "cp", Attributes: []string{"LOGIN"}},
		Why: []plan.Reason{plan.RoleMissing{Role: "cp"}}}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name  string
		event func(apply.Hooks)
		want  string
	}{
		{"ran", func(h apply.Hooks) { h.Ran(role) }, `s: + create role cp with LOGIN and the spec's password` + "\n"},
		{"failed", func(h apply.Hooks) { h.Failed(role, boom) }, `s: + create role cp with LOGIN and the spec's password: failed: boom` + "\n"},
		{"blocked", func(h apply.Hooks) {
			h.Skipped(role, apply.Skip{Code: apply.SkipBlocked, BlockedBy: []string{"a", "b"}})
		}, `s: + create role cp with LOGIN and the spec's password: skipped, blocked by a, b` + "\n"},
		{"unmanaged", func(h apply.Hooks) { h.Skipped(role, apply.Skip{Code: apply.SkipUnmanaged}) },
			`s: + create role cp with LOGIN and the spec's password: skipped, aws.manage is observe: make this change with the infrastructure code that owns the cluster (plan --format terraform prints it)` + "\n"},
		{"gated", func(h apply.Hooks) { h.Skipped(role, apply.Skip{Code: apply.SkipGated, Gate: plan.GateReboot}) },
			`s: + create role cp with LOGIN and the spec's password: skipped, a reboot is needed but not allowed: set parameterGroup.reboot: allowed in the spec or pass apply --allow-reboot` + "\n"},
		{"dependency failed", func(h apply.Hooks) { h.Skipped(role, apply.Skip{Code: apply.SkipDependencyFailed, Dependency: "x"}) },
			`s: + create role cp with LOGIN and the spec's password: skipped, depends on x, which failed` + "\n"},
		{"dependency skipped", func(h apply.Hooks) { h.Skipped(role, apply.Skip{Code: apply.SkipDependencySkipped, Dependency: "x"}) },
			`s: + create role cp with LOGIN and the spec's password: skipped, depends on x, which was skipped` + "\n"},
		{"batch split", func(h apply.Hooks) { h.BatchSplit(3, boom) },
			"s: one of 3 actions failed in a batch (boom); running them one at a time\n"},
		{"committed one", func(h apply.Hooks) { h.Committed(1) }, "s: committed 1 action\n"},
		{"committed", func(h apply.Hooks) { h.Committed(2) }, "s: committed 2 actions\n"},
		{"retrying", func(h apply.Hooks) { h.Retrying(boom, 2*time.Second, 2, 3) },
			"s: interrupted: boom; observing again and retrying in 2s (attempt 2 of 3)\n"},
		{"nothing left", func(h apply.Hooks) { h.NothingLeft() },
			"s: nothing left to do: observed again under the apply lock, the source needs none of it now\n"},
		{"converged", func(h apply.Hooks) { h.Finished(apply.Outcome{Converged: true}) }, "s: converged: ready for ClickPipes\n"},
		{"error", func(h apply.Hooks) { h.Finished(apply.Outcome{Err: boom, Failed: []string{"a", "b"}, Skipped: 1}) },
			"s: incomplete: 2 actions failed (a, b), 1 skipped; fix the cause and run apply again (every action is safe to repeat)\ns: error: boom\n"},
		{"not converged", func(h apply.Hooks) {
			h.Finished(apply.Outcome{Held: []apply.Held{{Action: role, Why: apply.Skip{Code: apply.SkipGated}}}, Blocked: 2,
				Pending: []plan.Action{role}, Blockers: []plan.Finding{{Message: "no key", Fix: "add one"}, {Message: "no fix"}}})
		}, `s: not done: create role cp with LOGIN and the spec's password: a reboot is needed but not allowed: set parameterGroup.reboot: allowed in the spec or pass apply --allow-reboot` + "\n" +
			"s: 2 actions blocked until the problems below are fixed\n" +
			"s: not converged: 1 action still to do:\n" +
			`s:   + create role cp with LOGIN and the spec's password (role cp does not exist)` + "\n" +
			"s: not ready: no key\ns:   fix: add one\ns: not ready: no fix\n"},
	} {
		var out bytes.Buffer
		tc.event(ApplyText("s", &out))
		if diff := cmp.Diff(tc.want, out.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// The observation's events, worded; the elapsed time as Terraform prints it.
func TestObserveTextWordsEveryEvent(t *testing.T) {
	var out bytes.Buffer
	v := ObserveText(&out)
	v.StillObserving("s", 80*time.Second)
	v.ObserveRetrying("s", errors.New("connection reset"), time.Second, 2, 3)
	want := "s: still observing … [1m20s elapsed]\ns: observe failed: connection reset; retrying in 1s (attempt 2 of 3)\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The edges' waits, worded as the edges printed them before they told
// hooks (aurora.txtar and lockwait.txtar check them in context).
func TestWaitTextWordsEveryWait(t *testing.T) {
	for _, tc := range []struct {
		wait plan.Waiting
		want string
	}{
		{plan.Waiting{Source: "s", For: plan.WaitReboot, Start: true, Objects: []plan.WaitObject{{Name: "c-1"}}}, "s: rebooting c-1\n"},
		{plan.Waiting{Source: "s", For: plan.WaitAvailable, Start: true, Objects: []plan.WaitObject{{Kind: "cluster", Name: "c", Status: "modifying"}, {Name: "c-1", Status: "rebooting"}}},
			"s: waiting for cluster c (modifying), c-1 (rebooting) to be available\n"},
		{plan.Waiting{Source: "s", For: plan.WaitAvailable, Objects: []plan.WaitObject{{Name: "c-1", Status: "rebooting"}}, Elapsed: 80 * time.Second},
			"s: still waiting for c-1 (rebooting) … [1m20s elapsed]\n"},
		{plan.Waiting{Source: "s", For: plan.WaitActive, Start: true, Objects: []plan.WaitObject{{Kind: "resource gateway", Name: "acfg-n", Status: "CREATE_IN_PROGRESS"}}},
			"s: waiting for resource gateway acfg-n to be ACTIVE (it is CREATE_IN_PROGRESS)\n"},
		{plan.Waiting{Source: "s", For: plan.WaitActive, Objects: []plan.WaitObject{{Kind: "resource gateway", Name: "acfg-n", Status: "CREATE_IN_PROGRESS"}}, Elapsed: 3 * time.Second},
			"s: still waiting for resource gateway acfg-n (CREATE_IN_PROGRESS) … [0m03s elapsed]\n"},
		{plan.Waiting{Source: "s", For: plan.WaitLock, Holder: &plan.ApplyHolder{PID: 42, Since: "2026-12-07T10:00:00Z"}, Elapsed: time.Second},
			"s: still waiting for a lock held by pid 42, no application_name, started 2026-12-07T10:00:00Z … [0m01s elapsed]\n"},
	} {
		var out bytes.Buffer
		WaitText(&out).Waiting(tc.wait)
		if diff := cmp.Diff(tc.want, out.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.wait.For, diff)
		}
	}
}
