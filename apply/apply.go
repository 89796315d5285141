// Package apply executes plans: it walks each source's actions in dependency
// order, skips what depends on a failure or a blocker, commits, re-observes
// and reports whether the source converged. Sources run concurrently with a
// bound; output stays in spec order.
package apply

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
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
	Skipped map[string]string // action id → why
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
}

// Run applies every job, at most opts.Parallelism at a time. Each source's
// report is written to out in job order, whatever order they finish in: the
// first unfinished source streams live, later ones are held until their turn.
func Run(ctx context.Context, jobs []Job, opts Options, out io.Writer) []Result {
	parallelism := max(opts.Parallelism, 1)
	results := make([]Result, len(jobs))
	ordered := newOrderedOutput(out, len(jobs))
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = applySource(ctx, jobs[i], opts, ordered.writer(i))
			ordered.finish(i)
		}()
	}
	wg.Wait()
	return results
}

// orderedOutput writes several streams to one writer in stream order.
type orderedOutput struct {
	mu      sync.Mutex
	out     io.Writer
	head    int // the stream written through live
	pending []bytes.Buffer
	done    []bool
}

func newOrderedOutput(out io.Writer, n int) *orderedOutput {
	return &orderedOutput{out: out, pending: make([]bytes.Buffer, n), done: make([]bool, n)}
}

type streamWriter struct {
	o *orderedOutput
	i int
}

func (o *orderedOutput) writer(i int) io.Writer { return streamWriter{o, i} }

func (w streamWriter) Write(p []byte) (int, error) {
	w.o.mu.Lock()
	defer w.o.mu.Unlock()
	if w.i == w.o.head {
		return w.o.out.Write(p)
	}
	return w.o.pending[w.i].Write(p)
}

// finish marks stream i complete and flushes the streams now at the head.
func (o *orderedOutput) finish(i int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done[i] = true
	for o.head < len(o.done) && o.done[o.head] {
		o.head++
		if o.head < len(o.done) {
			o.out.Write(o.pending[o.head].Bytes())
			o.pending[o.head].Reset()
		}
	}
}

func applySource(ctx context.Context, job Job, opts Options, w io.Writer) Result {
	name := job.Source.Name()
	r := Result{Source: name, Failed: map[string]string{}, Skipped: map[string]string{}}
	logf := func(format string, args ...any) { fmt.Fprintf(w, "%s: "+format+"\n", append([]any{name}, args...)...) }
	if len(runnable(job.Plan.Actions)) > 0 {
		r.Err = executeWithRetries(ctx, job, opts, &r, logf)
	}
	after, err := job.Source.Plan(ctx)
	if err != nil && r.Err == nil {
		r.Err = fmt.Errorf("re-observe after apply: %w", err)
	}
	if err == nil {
		r.After = &after
	}
	report(&r, logf)
	return r
}

// executeWithRetries runs the job's plan under the source's lock. When a
// retryable failure interrupts it, the uncommitted work is gone (one
// transaction per source) and what was applied on AWS stays applied: the
// source is observed again and the fresh plan runs in its place, provided
// every action it asks for was in the approved plan.
func executeWithRetries(ctx context.Context, job Job, opts Options, r *Result, logf func(string, ...any)) error {
	approved := job.Plan
	policy := opts.Retry
	if policy.Retryable == nil {
		policy.Retryable = func(error) bool { return false }
	}
	policy.Report = func(attempt, attempts int, wait time.Duration, err error) {
		logf("interrupted: %v; observing again and retrying in %s (attempt %d of %d)", err, wait, attempt, attempts)
	}
	var durable []string // applied by interrupted attempts (AWS actions)
	attempt := 0
	err := policy.Do(ctx, func() error {
		attempt++
		if attempt > 1 {
			durable = append(durable, r.Applied...)
			*r = Result{Source: r.Source, Failed: map[string]string{}, Skipped: map[string]string{}}
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
		return lockAndExecute(ctx, job, opts, policy.Retryable, r, logf)
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

func lockAndExecute(ctx context.Context, job Job, opts Options, retryable func(error) bool, r *Result, logf func(string, ...any)) error {
	if l, ok := job.Source.(Locker); ok {
		unlock, err := l.Lock(ctx)
		if err != nil {
			return err
		}
		defer unlock()
	}
	sess, err := job.Source.Begin(ctx)
	if err != nil {
		return err
	}
	ex := &executor{sess: sess, retryable: retryable, r: r, logf: logf, afterStep: func(string) {}}
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

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
			if _, failed := ex.r.Failed[a.ID]; !failed && !contains(ex.ran, a.ID) {
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
	ex.logf("committed %d %s", len(ex.ran), plural(len(ex.ran), "action", "actions"))
	return nil
}

// notCommitted moves the PostgreSQL actions that ran to Failed with why;
// the AWS ones stay applied.
func (ex *executor) notCommitted(actions []plan.Action, why string) {
	for _, a := range actions {
		if !contains(ex.ran, a.ID) {
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
		if ex.retryable(err) {
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
		if !a.OnAWS() && contains(ids, a.ID) {
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
			len(ids), plural(len(ids), "action", "actions"), strings.Join(ids, ", "), len(r.Skipped))
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
			logf("%d %s blocked until the problems below are fixed", blocked, plural(blocked, "action", "actions"))
		}
		if pending > 0 {
			logf("not converged: %d %s still to do:", pending, plural(pending, "action", "actions"))
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
