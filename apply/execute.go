package apply

import (
	"context"
	"maps"
	"slices"

	"github.com/auroracfg/auroracfg/plan"
)

// executor runs one attempt at a source's actions in one session.
type executor struct {
	sess      Session
	retryable func(error) bool
	r         *Result
	hooks     Hooks
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
				ex.r.Skipped[a.ID] = Skip{Code: SkipInterrupted}
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
	ex.hooks.Committed(n)
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
	if why := skipOf(a, ex.r); why.Code != "" {
		ex.r.Skipped[a.ID] = why
		ex.hooks.Skipped(a, why)
		return nil
	}
	ex.hooks.Started(a)
	err := ex.sess.Execute(ctx, a)
	if err != nil {
		ex.r.Failed[a.ID] = err.Error()
		ex.hooks.Failed(a, err)
		ex.afterStep(a.ID)
		if ex.retryable(err) || ctx.Err() != nil { // an interrupt stops the attempt too
			return err
		}
		return nil
	}
	ex.hooks.Ran(a)
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
	trial := Result{Failed: ex.r.Failed, Skipped: maps.Clone(ex.r.Skipped)}
	var todo []plan.Action
	for _, a := range actions {
		if why := skipOf(a, &trial); why.Code != "" {
			trial.Skipped[a.ID] = why
			continue
		}
		todo = append(todo, a)
	}
	if len(todo) < 2 {
		return false, nil
	}
	for _, a := range todo {
		ex.hooks.Started(a)
	}
	if err := bs.ExecuteBatch(ctx, todo); err != nil {
		if !ex.retryable(err) {
			ex.hooks.BatchSplit(len(todo), err)
		}
		return false, err
	}
	for _, a := range actions {
		if why, skipped := trial.Skipped[a.ID]; skipped {
			ex.r.Skipped[a.ID] = why
			ex.hooks.Skipped(a, why)
			continue
		}
		ex.ran = append(ex.ran, a.ID)
		ex.hooks.Ran(a)
		ex.afterStep(a.ID)
	}
	return true, nil
}
