package apply

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// executor runs one attempt at a source's actions in one session.
type executor struct {
	sess      Session
	retryable func(error) bool
	r         *Result
	logf      func(string, ...any)
	afterStep func(step string)
	ran       []string
}

// run executes the actions in plan order (a topological order): an action
// whose dependency failed or was skipped is skipped too. Runs of consecutive
// PostgreSQL actions go in one batch when the session can; AWS actions run
// one by one. A retryable failure (the connection is gone) stops the
// attempt at once: its uncommitted actions are rolled back and reported.
func (ex *executor) run(ctx context.Context, actions []plan.Action) error {
	bs, canBatch := ex.sess.(BatchSession)
	var lost error
	for i := 0; i < len(actions) && lost == nil; {
		if canBatch && !actions[i].OnAWS() {
			j := i
			for j < len(actions) && !actions[j].OnAWS() {
				j++
			}
			batched, err := ex.runBatch(ctx, bs, actions[i:j])
			if batched {
				i = j
				continue
			}
			if err != nil && ex.retryable(err) {
				lost = err
				break
			}
			for ; i < j && lost == nil; i++ {
				lost = ex.runOne(ctx, actions[i])
			}
			continue
		}
		lost = ex.runOne(ctx, actions[i])
		i++
	}
	if lost != nil {
		ex.sess.Rollback(ctx)
		ex.notCommitted(actions, "rolled back, the apply was interrupted")
		for _, a := range runnable(actions) {
			if _, failed := ex.r.Failed[a.ID]; !failed && !slices.Contains(ex.ran, a.ID) {
				ex.r.Skipped[a.ID] = "not run, the apply was interrupted"
			}
		}
		return lost
	}
	if !anyPostgres(ex.ran, actions) {
		ex.sess.Rollback(ctx)
		ex.r.Applied = ex.ran
		return nil
	}
	if err := ex.sess.Commit(ctx); err != nil {
		ex.notCommitted(actions, "not committed: "+err.Error())
		return err
	}
	ex.r.Applied = ex.ran
	ex.afterStep("commit")
	// The transaction holds the PostgreSQL actions only: AWS calls took
	// effect as they ran.
	n := 0
	for _, a := range actions {
		if !a.OnAWS() && slices.Contains(ex.ran, a.ID) {
			n++
		}
	}
	ex.logf("committed %d %s", n, plan.Plural(n, "action", "actions"))
	return nil
}

// notCommitted moves the PostgreSQL actions that ran to Failed with why;
// the AWS ones stay applied.
func (ex *executor) notCommitted(actions []plan.Action, why string) {
	for _, a := range actions {
		if !slices.Contains(ex.ran, a.ID) {
			continue
		}
		if a.OnAWS() {
			ex.r.Applied = append(ex.r.Applied, a.ID)
		} else {
			ex.r.Failed[a.ID] = why
		}
	}
}

// runOne runs an action unless it must be skipped; it returns the error
// only when it is retryable (the attempt must stop).
func (ex *executor) runOne(ctx context.Context, a plan.Action) error {
	if why := skipReason(a, ex.r); why != "" {
		ex.r.Skipped[a.ID] = why
		ex.logf("%s %s: skipped, %s", a.Op.Symbol(), a.Summary, why)
		return nil
	}
	err := ex.sess.Execute(ctx, a)
	if err != nil {
		ex.r.Failed[a.ID] = err.Error()
		ex.logf("%s %s: failed: %v", a.Op.Symbol(), a.Summary, err)
		ex.afterStep(a.ID)
		if ex.retryable(err) || ctx.Err() != nil { // an interrupt stops the attempt too
			return err
		}
		return nil
	}
	ex.logf("%s %s", a.Op.Symbol(), a.Summary)
	ex.ran = append(ex.ran, a.ID)
	ex.afterStep(a.ID)
	return nil
}

func anyPostgres(ids []string, actions []plan.Action) bool {
	for _, a := range actions {
		if !a.OnAWS() && slices.Contains(ids, a.ID) {
			return true
		}
	}
	return false
}

// runBatch tries every runnable action of a run in one batch. It reports
// whether the batch ran; when it did not (it failed, with its error, or was
// not worth it), r is untouched and the actions must run one by one.
func (ex *executor) runBatch(ctx context.Context, bs BatchSession, actions []plan.Action) (bool, error) {
	trial := Result{Failed: ex.r.Failed, Skipped: map[string]string{}}
	for k, v := range ex.r.Skipped {
		trial.Skipped[k] = v
	}
	var todo []plan.Action
	for _, a := range actions {
		if why := skipReason(a, &trial); why != "" {
			trial.Skipped[a.ID] = why
			continue
		}
		todo = append(todo, a)
	}
	if len(todo) < 2 {
		return false, nil
	}
	if err := bs.ExecuteBatch(ctx, todo); err != nil {
		if !ex.retryable(err) {
			ex.logf("one of %d actions failed in a batch (%v); running them one at a time", len(todo), err)
		}
		return false, err
	}
	for _, a := range actions {
		if why, skipped := trial.Skipped[a.ID]; skipped {
			ex.r.Skipped[a.ID] = why
			ex.logf("%s %s: skipped, %s", a.Op.Symbol(), a.Summary, why)
			continue
		}
		ex.ran = append(ex.ran, a.ID)
		ex.logf("%s %s", a.Op.Symbol(), a.Summary)
		ex.afterStep(a.ID)
	}
	return true, nil
}

func skipReason(a plan.Action, r *Result) string {
	if len(a.BlockedBy) > 0 {
		return "blocked by " + strings.Join(a.BlockedBy, ", ")
	}
	if a.Unmanaged {
		return "aws.manage is observe: make this change with the infrastructure code that owns the cluster (plan --format terraform prints it)"
	}
	if a.Gate == plan.GateReboot {
		return "a reboot is needed but not allowed: set parameterGroup.reboot: allowed in the spec or pass apply --allow-reboot"
	}
	for _, dep := range a.DependsOn {
		if _, ok := r.Failed[dep]; ok {
			return "depends on " + dep + ", which failed"
		}
		if _, ok := r.Skipped[dep]; ok {
			return "depends on " + dep + ", which was skipped"
		}
	}
	return ""
}

func report(r *Result, logf func(string, ...any)) {
	if len(r.Failed) > 0 {
		ids := make([]string, 0, len(r.Failed))
		for id := range r.Failed {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		logf("incomplete: %d %s failed (%s), %d skipped; fix the cause and run apply again (every action is safe to repeat)",
			len(ids), plan.Plural(len(ids), "action", "actions"), strings.Join(ids, ", "), len(r.Skipped))
	}
	switch {
	case r.Err != nil:
		logf("error: %v", r.Err)
	case r.Converged():
		logf("converged: ready for ClickPipes")
	case r.After != nil:
		pending := len(runnable(r.After.Actions))
		for _, a := range r.After.Actions {
			if why := skipReason(a, &Result{}); why != "" && len(a.BlockedBy) == 0 {
				logf("not done: %s: %s", a.Summary, why)
			}
		}
		if blocked := countBlocked(r.After.Actions); blocked > 0 {
			logf("%d %s blocked until the problems below are fixed", blocked, plan.Plural(blocked, "action", "actions"))
		}
		if pending > 0 {
			logf("not converged: %d %s still to do:", pending, plan.Plural(pending, "action", "actions"))
			for _, a := range runnable(r.After.Actions) {
				logf("  %s %s (%s)", a.Op.Symbol(), a.Summary, a.Reason)
			}
		}
		for _, f := range r.After.Blockers() {
			logf("not ready: %s", f.Message)
			if f.Fix != "" {
				logf("  fix: %s", f.Fix)
			}
		}
	}
}

func countBlocked(actions []plan.Action) int {
	n := 0
	for _, a := range actions {
		if len(a.BlockedBy) > 0 {
			n++
		}
	}
	return n
}
