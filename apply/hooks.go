package apply

import (
	"io"
	"slices"
	"time"

	"github.com/auroracfg/auroracfg/plan"
)

// Hooks hear what apply does to one source as it does it. apply decides and
// reports; a view words the events (plan/render's ApplyText), as Terraform's
// hooks feed its views, so another output (JSON lines) is another view and
// no change here. Calls for one source come in order, from one goroutine.
type Hooks interface {
	// Started: the action is about to run (with the others of its batch,
	// when PostgreSQL actions go in one round trip).
	Started(a plan.Action)
	// Ran: the action ran (in the transaction, for a PostgreSQL action).
	Ran(a plan.Action)
	// Skipped: the action was not run, and why.
	Skipped(a plan.Action, why Skip)
	// Failed: the action ran and failed.
	Failed(a plan.Action, err error)
	// BatchSplit: a batch of n actions failed with err; they run one at a
	// time to find the one that fails.
	BatchSplit(n int, err error)
	// Committed: the transaction committed n PostgreSQL actions.
	Committed(n int)
	// Retrying: the attempt was interrupted by err; after wait the source
	// is observed again and apply retries (attempt of attempts).
	Retrying(err error, wait time.Duration, attempt, attempts int)
	// NothingLeft: observed again under the apply lock, the source needed
	// none of the plan any more.
	NothingLeft()
	// Finished: apply is done with the source.
	Finished(o Outcome)
}

// ViewFunc makes the hooks of one source, writing to w: the source's own
// stream of the run's output, which Run keeps in source order.
type ViewFunc func(source string, w io.Writer) Hooks

// SkipCode is why an action was not run.
type SkipCode string

// Why actions are skipped.
const (
	SkipBlocked           SkipCode = "blocked"            // a blocker finding holds it
	SkipUnmanaged         SkipCode = "unmanaged"          // aws.manage: observe
	SkipGated             SkipCode = "gated"              // its gate (a reboot) was not allowed
	SkipDependencyFailed  SkipCode = "dependency-failed"  // an action it depends on failed
	SkipDependencySkipped SkipCode = "dependency-skipped" // an action it depends on was skipped
	SkipInterrupted       SkipCode = "interrupted"        // the attempt stopped before it
)

// Skip is why one action was not run, with what held it.
type Skip struct {
	Code SkipCode
	// BlockedBy are the findings (blocked); Dependency the action
	// (dependency-failed, dependency-skipped); Gate the gate (gated).
	BlockedBy  []string
	Dependency string
	Gate       string
}

// skipOf says why a must be skipped, given what happened so far in r; the
// zero Skip when it may run.
func skipOf(a plan.Action, r *Result) Skip {
	if len(a.BlockedBy) > 0 {
		return Skip{Code: SkipBlocked, BlockedBy: a.BlockedBy}
	}
	if a.Unmanaged {
		return Skip{Code: SkipUnmanaged}
	}
	if a.Gate == plan.GateReboot {
		return Skip{Code: SkipGated, Gate: a.Gate}
	}
	for _, dep := range a.DependsOn {
		if _, ok := r.Failed[dep]; ok {
			return Skip{Code: SkipDependencyFailed, Dependency: dep}
		}
		if _, ok := r.Skipped[dep]; ok {
			return Skip{Code: SkipDependencySkipped, Dependency: dep}
		}
	}
	return Skip{}
}

// Outcome is how apply left one source, for the view's last words.
type Outcome struct {
	// Failed are the ids of the actions that failed, sorted; Skipped
	// counts the actions not run.
	Failed  []string
	Skipped int
	// Err is why the source's apply stopped (then nothing below is set).
	Err error
	// Converged: the source was observed again and needs nothing more.
	Converged bool
	// Not converged, from the observation after the apply:
	// Held are the actions apply may never run as things stand (not
	// managed, or gated), with why; Blocked counts those a blocker holds;
	// Pending are the actions still to do; Blockers the problems to fix.
	Held     []Held
	Blocked  int
	Pending  []plan.Action
	Blockers []plan.Finding
	// Actions are every action of that observation (a blocker may name one).
	Actions []plan.Action
}

// Held is an action apply will not run, and why.
type Held struct {
	Action plan.Action
	Why    Skip
}

// outcomeOf is what r says of the source.
func outcomeOf(r *Result) Outcome {
	o := Outcome{Skipped: len(r.Skipped), Err: r.Err}
	for id := range r.Failed {
		o.Failed = append(o.Failed, id)
	}
	slices.Sort(o.Failed)
	switch {
	case r.Err != nil:
	case r.Converged():
		o.Converged = true
	case r.After != nil:
		for _, a := range r.After.Actions {
			if why := skipOf(a, &Result{}); why.Code != "" && len(a.BlockedBy) == 0 {
				o.Held = append(o.Held, Held{Action: a, Why: why})
			}
			if len(a.BlockedBy) > 0 {
				o.Blocked++
			}
		}
		o.Pending = runnable(r.After.Actions)
		o.Blockers = r.After.Blockers()
		o.Actions = r.After.Actions
	}
	return o
}

// quiet hears nothing: a run without a view.
type quiet struct{}

func (quiet) Started(plan.Action)                     {}
func (quiet) Ran(plan.Action)                         {}
func (quiet) Skipped(plan.Action, Skip)               {}
func (quiet) Failed(plan.Action, error)               {}
func (quiet) BatchSplit(int, error)                   {}
func (quiet) Committed(int)                           {}
func (quiet) Retrying(error, time.Duration, int, int) {}
func (quiet) NothingLeft()                            {}
func (quiet) Finished(Outcome)                        {}

// ObserveHooks hear how a fleet's observation goes; they are called from
// every source's goroutine at once.
type ObserveHooks interface {
	// StillObserving: the source has been observed for elapsed (rounded
	// to the second), and is not done.
	StillObserving(source string, elapsed time.Duration)
	// ObserveRetrying: observing the source failed with err; it is tried
	// again after wait (attempt of attempts).
	ObserveRetrying(source string, err error, wait time.Duration, attempt, attempts int)
}

type quietObservation struct{}

func (quietObservation) StillObserving(string, time.Duration)                   {}
func (quietObservation) ObserveRetrying(string, error, time.Duration, int, int) {}
