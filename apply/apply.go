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

// Run applies every job, at most parallelism at a time. Each source's report
// is written to out in job order, whatever order they finish in: the first
// unfinished source streams live, later ones are held until their turn.
func Run(ctx context.Context, jobs []Job, parallelism int, out io.Writer) []Result {
	if parallelism < 1 {
		parallelism = 1
	}
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
			results[i] = applySource(ctx, jobs[i], ordered.writer(i))
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

func applySource(ctx context.Context, job Job, w io.Writer) Result {
	name := job.Source.Name()
	r := Result{Source: name, Failed: map[string]string{}, Skipped: map[string]string{}}
	logf := func(format string, args ...any) { fmt.Fprintf(w, "%s: "+format+"\n", append([]any{name}, args...)...) }
	if len(runnable(job.Plan.Actions)) > 0 {
		if l, ok := job.Source.(Locker); ok {
			unlock, err := l.Lock(ctx)
			if err != nil {
				r.Err = err
				report(&r, logf)
				return r
			}
			defer unlock()
		}
		r.Err = execute(ctx, job, &r, logf)
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

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// execute runs the actions in plan order (a topological order): an action
// whose dependency failed or was skipped is skipped too. Runs of consecutive
// PostgreSQL actions go in one batch when the session can; AWS actions run
// one by one.
func execute(ctx context.Context, job Job, r *Result, logf func(string, ...any)) error {
	sess, err := job.Source.Begin(ctx)
	if err != nil {
		return err
	}
	bs, canBatch := sess.(BatchSession)
	actions := job.Plan.Actions
	var ran []string
	for i := 0; i < len(actions); {
		if canBatch && !actions[i].Kind.AWS() {
			j := i
			for j < len(actions) && !actions[j].Kind.AWS() {
				j++
			}
			if ids, ok := executeBatch(ctx, bs, actions[i:j], r, logf); ok {
				ran = append(ran, ids...)
				i = j
				continue
			}
			for ; i < j; i++ {
				ran = executeOne(ctx, sess, actions[i], r, logf, ran)
			}
			continue
		}
		ran = executeOne(ctx, sess, actions[i], r, logf, ran)
		i++
	}
	if !anyPostgres(ran, actions) {
		sess.Rollback(ctx)
		r.Applied = ran
		return nil
	}
	if err := sess.Commit(ctx); err != nil {
		for _, a := range actions {
			if contains(ran, a.ID) && !a.Kind.AWS() {
				r.Failed[a.ID] = "not committed: " + err.Error()
				ran = remove(ran, a.ID)
			}
		}
		r.Applied = ran
		return err
	}
	r.Applied = ran
	logf("committed %d %s", len(ran), plural(len(ran), "action", "actions"))
	return nil
}

func executeOne(ctx context.Context, sess Session, a plan.Action, r *Result, logf func(string, ...any), ran []string) []string {
	if why := skipReason(a, r); why != "" {
		r.Skipped[a.ID] = why
		logf("%s %s: skipped, %s", a.Op.Symbol(), a.Summary, why)
		return ran
	}
	if err := sess.Execute(ctx, a); err != nil {
		r.Failed[a.ID] = err.Error()
		logf("%s %s: failed: %v", a.Op.Symbol(), a.Summary, err)
		return ran
	}
	logf("%s %s", a.Op.Symbol(), a.Summary)
	return append(ran, a.ID)
}

func anyPostgres(ids []string, actions []plan.Action) bool {
	for _, a := range actions {
		if !a.Kind.AWS() && contains(ids, a.ID) {
			return true
		}
	}
	return false
}

// executeBatch tries every runnable action of a run in one batch. It
// returns the ids that ran and true, or false (with r untouched) when the
// batch failed or is not worth it, and the actions must run one by one.
func executeBatch(ctx context.Context, bs BatchSession, actions []plan.Action, r *Result, logf func(string, ...any)) ([]string, bool) {
	trial := Result{Failed: r.Failed, Skipped: map[string]string{}}
	for k, v := range r.Skipped {
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
		return nil, false
	}
	if err := bs.ExecuteBatch(ctx, todo); err != nil {
		logf("one of %d actions failed in a batch (%v); running them one at a time", len(todo), err)
		return nil, false
	}
	var ran []string
	for _, a := range actions {
		if why, skipped := trial.Skipped[a.ID]; skipped {
			r.Skipped[a.ID] = why
			logf("%s %s: skipped, %s", a.Op.Symbol(), a.Summary, why)
			continue
		}
		ran = append(ran, a.ID)
		logf("%s %s", a.Op.Symbol(), a.Summary)
	}
	return ran, true
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
