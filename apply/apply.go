// Package apply executes plans: it walks each source's actions in dependency
// order, skips what depends on a failure or a blocker, commits, re-observes
// and reports whether the source converged. Sources run concurrently with a
// bound; output stays in spec order.
package apply

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/auroracfg/auroracfg/plan"
)

// Session executes one source's actions; nothing is kept until Commit.
type Session interface {
	Execute(ctx context.Context, a plan.Action) error
	Commit(ctx context.Context) error
	Rollback(ctx context.Context)
}

// BatchSession is a Session that can run many actions in one round trip.
// When ExecuteBatch fails it must leave the session as it was before the
// call; apply then runs the actions one by one to isolate the failure.
type BatchSession interface {
	ExecuteBatch(ctx context.Context, actions []plan.Action) error
}

// Source is what apply needs of a source: a fresh plan, and a session.
type Source interface {
	Name() string
	Plan(ctx context.Context) (plan.SourcePlan, error)
	Begin(ctx context.Context) (Session, error)
}

// Locker is a Source that can hold a lock for the duration of an apply, so
// two applies on one source never interleave.
type Locker interface {
	Lock(ctx context.Context) (unlock func(), err error)
}

// Job is a source with the plan to apply to it.
type Job struct {
	Source Source
	Plan   plan.SourcePlan
}

// Result says how far apply got on one source (like Atlas's ApplyError).
type Result struct {
	Source  string
	Applied []string          // action ids committed
	Failed  map[string]string // action id → error
	Skipped map[string]Skip   // action id → why
	Err     error             // a source-level failure (connect, commit, re-observe)
	After   *plan.SourcePlan  // the plan observed after apply
}

// Converged reports whether the source now matches the spec and is ready.
func (r Result) Converged() bool {
	return r.Err == nil && len(r.Failed) == 0 && r.After != nil && r.After.Ready()
}

// Options shape a run.
type Options struct {
	Parallelism int // sources applied at once (at least 1)
	// Retry decides which failures interrupt a source's apply: a lost
	// connection, a server restarting, an AWS resource that is busy. The
	// source's uncommitted work is abandoned, the source is observed again
	// and the fresh plan runs, as long as it asks for nothing the approved
	// plan did not. Attempts below 2 mean no retry.
	Retry RetryPolicy
	// AfterStep, when set, is called after each action has run (step is
	// the action id) and after each commit (step "commit").
	AfterStep func(source, step string)
	// View makes each source's hooks, which word what apply does (nil:
	// nothing is told).
	View ViewFunc
}

// Server is a source that names the server it lives on. Roles are
// cluster-wide: sources of one server applied at once would create or alter
// the same role in concurrent transactions (tuple concurrently updated,
// duplicate keys in pg_authid), so they are applied one after another.
type Server interface {
	Server() string
}

// Run applies every job, at most opts.Parallelism at a time, and one at a
// time per server (Server). Each source's report is written to out in job
// order, whatever order they finish in: the first unfinished source streams
// live, later ones are held until their turn.
func Run(ctx context.Context, jobs []Job, opts Options, out io.Writer) []Result {
	view := opts.View
	if view == nil {
		view = func(string, io.Writer) Hooks { return quiet{} }
	}
	parallelism := max(opts.Parallelism, 1)
	results := make([]Result, len(jobs))
	ordered := newOrderedOutput(out, len(jobs))
	sem := make(chan struct{}, parallelism)
	servers := map[string]*sync.Mutex{}
	for _, j := range jobs {
		if s, ok := j.Source.(Server); ok && s.Server() != "" && servers[s.Server()] == nil {
			servers[s.Server()] = &sync.Mutex{}
		}
	}
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, ok := jobs[i].Source.(Server); ok && s.Server() != "" {
				m := servers[s.Server()]
				m.Lock()
				defer m.Unlock()
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = applySource(ctx, jobs[i], opts, view(jobs[i].Source.Name(), ordered.writer(i)))
			ordered.finish(i)
		}()
	}
	wg.Wait()
	return results
}

func applySource(ctx context.Context, job Job, opts Options, hooks Hooks) Result {
	r := Result{Source: job.Source.Name(), Failed: map[string]string{}, Skipped: map[string]Skip{}}
	if len(runnable(job.Plan.Actions)) > 0 {
		r.Err = executeWithRetries(ctx, job, opts, &r, hooks)
	}
	if ctx.Err() != nil {
		// Interrupted (Ctrl-C, SIGTERM): not a fault to retry, and no
		// observation after it; say what became of the work.
		r.Err = fmt.Errorf("interrupted: %s", interruptedWork(&r))
		hooks.Finished(outcomeOf(&r))
		return r
	}
	after, err := job.Source.Plan(ctx)
	if err != nil && r.Err == nil {
		r.Err = fmt.Errorf("re-observe after apply: %w", err)
	}
	if err == nil {
		r.After = &after
	}
	hooks.Finished(outcomeOf(&r))
	return r
}

// executeWithRetries runs the job's plan under the source's lock. When a
// retryable failure interrupts it, the uncommitted work is gone (one
// transaction per source) and what was applied on AWS stays applied: the
// source is observed again and the fresh plan runs in its place, provided
// every action it asks for was in the approved plan.
func executeWithRetries(ctx context.Context, job Job, opts Options, r *Result, hooks Hooks) error {
	approved := job.Plan
	policy := opts.Retry
	if policy.Retryable == nil {
		policy.Retryable = func(error) bool { return false }
	}
	policy.Report = func(attempt, attempts int, wait time.Duration, err error) {
		hooks.Retrying(err, wait, attempt, attempts)
	}
	var durable []string // applied by interrupted attempts (AWS actions)
	attempt := 0
	_, locks := job.Source.(Locker)
	err := policy.Do(ctx, func() error {
		attempt++
		if attempt > 1 {
			durable = append(durable, r.Applied...)
			*r = Result{Source: r.Source, Failed: map[string]string{}, Skipped: map[string]Skip{}}
		}
		if attempt > 1 && !locks { // a Locker observes again under its lock
			fresh, err := job.Source.Plan(ctx)
			if err != nil {
				return fmt.Errorf("observe again: %w", err)
			}
			if id := unapproved(fresh, approved); id != "" {
				return fmt.Errorf("the source changed during apply: action %s was not in the approved plan; run plan again", id)
			}
			job.Plan = fresh
			if len(runnable(fresh.Actions)) == 0 {
				return nil // the interrupted attempt had finished its work
			}
		}
		return lockAndExecute(ctx, job, approved, opts, policy.Retryable, r, hooks)
	})
	r.Applied = append(durable, r.Applied...)
	return err
}

// unapproved returns the id of the first runnable action of fresh that was
// not runnable in the approved plan (an action shown as blocked or gated
// there was not approved either).
func unapproved(fresh, approved plan.SourcePlan) string {
	ids := map[string]bool{}
	for _, a := range runnable(approved.Actions) {
		ids[a.ID] = true
	}
	for _, a := range runnable(fresh.Actions) {
		if !ids[a.ID] {
			return a.ID
		}
	}
	return ""
}

// lockAndExecute runs the job's plan under the source's lock. Another apply
// may have committed between this one's plan and its lock (two started a
// few milliseconds apart): a source that locks is observed again once the
// lock is held, and only what is still needed runs, provided it was all in
// the approved plan.
func lockAndExecute(ctx context.Context, job Job, approved plan.SourcePlan, opts Options, retryable func(error) bool, r *Result, hooks Hooks) error {
	if l, ok := job.Source.(Locker); ok {
		unlock, err := l.Lock(ctx)
		if err != nil {
			return err
		}
		defer unlock()
		fresh, err := job.Source.Plan(ctx)
		if err != nil {
			return fmt.Errorf("observe again: %w", err)
		}
		if id := unapproved(fresh, approved); id != "" {
			return fmt.Errorf("the source changed before apply: action %s was not in the approved plan; run plan again", id)
		}
		job.Plan = fresh
		if len(runnable(fresh.Actions)) == 0 {
			hooks.NothingLeft()
			return nil
		}
	}
	sess, err := job.Source.Begin(ctx)
	if err != nil {
		return err
	}
	ex := &executor{sess: sess, retryable: retryable, r: r, hooks: hooks, afterStep: func(string) {}}
	if opts.AfterStep != nil {
		ex.afterStep = func(step string) { opts.AfterStep(r.Source, step) }
	}
	return ex.run(ctx, job.Plan.Actions)
}

// runnable lists the actions apply may run (not blocked, gated or unmanaged).
func runnable(actions []plan.Action) []plan.Action {
	var out []plan.Action
	for _, a := range actions {
		if len(a.BlockedBy) == 0 && a.Gate == "" && !a.Unmanaged {
			out = append(out, a)
		}
	}
	return out
}

// interruptedWork says what an interrupt left: the transaction rolled back
// (its PostgreSQL actions undone), AWS actions done before it kept, nothing
// else run.
func interruptedWork(r *Result) string {
	if len(r.Applied) == 0 {
		return "nothing was changed (the transaction was rolled back) and nothing else ran"
	}
	return fmt.Sprintf("the transaction was rolled back; %d AWS %s done before it stay (%s); nothing else ran",
		len(r.Applied), plan.Plural(len(r.Applied), "action", "actions"), strings.Join(r.Applied, ", "))
}
