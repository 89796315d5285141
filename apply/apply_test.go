package apply

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/auroracfg/auroracfg/plan"
)

// recorder is a Session that records what ran and fails the actions named
// in fail; as a batchRecorder any failing action fails the whole batch.
type recorder struct {
	fail      map[string]bool
	ran       []string
	batches   int
	committed bool
}

func (r *recorder) Execute(_ context.Context, a plan.Action) error {
	if r.fail[a.ID] {
		return errors.New("boom")
	}
	r.ran = append(r.ran, a.ID)
	return nil
}

func (r *recorder) Commit(context.Context) error { r.committed = true; return nil }
func (r *recorder) Rollback(context.Context)     {}

type batchRecorder struct{ *recorder }

func (b batchRecorder) ExecuteBatch(_ context.Context, actions []plan.Action) error {
	b.batches++
	for _, a := range actions {
		if b.fail[a.ID] {
			return errors.New("boom in batch")
		}
	}
	for _, a := range actions {
		b.ran = append(b.ran, a.ID)
	}
	return nil
}

type fakeSource struct {
	sess  Session
	after plan.SourcePlan
}

func (f fakeSource) Name() string                                  { return "src" }
func (f fakeSource) Plan(context.Context) (plan.SourcePlan, error) { return f.after, nil }
func (f fakeSource) Begin(context.Context) (Session, error)        { return f.sess, nil }

func actions() []plan.Action {
	return []plan.Action{
		{ID: "role", Summary: "create role", Change: plan.CreateRole{Role: "cp"}},
		{ID: "usage", DependsOn: []string{"role"}, Summary: "grant usage", Change: plan.GrantUsage{Role: "cp"}},
		{ID: "select", DependsOn: []string{"role"}, Summary: "grant select", Change: plan.GrantSelect{Role: "cp"}},
		{ID: "identity", Summary: "replica identity", Change: plan.ReplicaIdentityFull{}},
		{ID: "publication", DependsOn: []string{"identity"}, Summary: "create publication", Change: plan.CreatePublication{Name: "pub"}},
		{ID: "blocked", BlockedBy: []string{"replica-identity"}, Summary: "add tables", Change: plan.PublicationAdd{Name: "pub"}},
	}
}

func TestRunSkipsWhatDependsOnFailures(t *testing.T) {
	for _, batch := range []bool{false, true} {
		rec := &recorder{fail: map[string]bool{"role": true}}
		var sess Session = rec
		if batch {
			sess = batchRecorder{rec}
		}
		results := Run(context.Background(), []Job{{Source: fakeSource{sess: sess}, Plan: plan.SourcePlan{Actions: actions()}}}, Options{Parallelism: 2}, &bytes.Buffer{})
		got := results[0]
		want := Result{
			Source:  "src",
			Applied: []string{"identity", "publication"},
			Failed:  map[string]string{"role": "boom"},
			Skipped: map[string]Skip{
				"usage":   {Code: SkipDependencyFailed, Dependency: "role"},
				"select":  {Code: SkipDependencyFailed, Dependency: "role"},
				"blocked": {Code: SkipBlocked, BlockedBy: []string{"replica-identity"}},
			},
		}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "After")); diff != "" {
			t.Errorf("batch=%v: result (-want +got):\n%s", batch, diff)
		}
		if !rec.committed || got.Converged() {
			t.Errorf("batch=%v: committed=%v converged=%v, want committed and not converged", batch, rec.committed, got.Converged())
		}
	}
}

func TestRunBatchesWhenNothingFails(t *testing.T) {
	rec := &recorder{}
	var out bytes.Buffer
	results := Run(context.Background(), []Job{{Source: fakeSource{sess: batchRecorder{rec}}, Plan: plan.SourcePlan{Actions: actions()}}}, Options{Parallelism: 1}, &out)
	if rec.batches != 1 {
		t.Errorf("batches = %d, want 1", rec.batches)
	}
	want := []string{"role", "usage", "select", "identity", "publication"}
	if diff := cmp.Diff(want, rec.ran); diff != "" {
		t.Errorf("ran (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, results[0].Applied); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
}

func TestRunKeepsSourceOrder(t *testing.T) {
	ready := plan.SourcePlan{}
	var jobs []Job
	for i := 0; i < 5; i++ {
		jobs = append(jobs, Job{Source: namedSource{fakeSource{sess: &recorder{}, after: ready}, string(rune('a' + i))}})
	}
	var out bytes.Buffer
	Run(context.Background(), jobs, Options{Parallelism: 3, View: eventView}, &out)
	want := "a: finished: converged\nb: finished: converged\nc: finished: converged\nd: finished: converged\ne: finished: converged\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

type namedSource struct {
	fakeSource
	name string
}

func (n namedSource) Name() string { return n.name }

// scriptedSource returns its plans and sessions in turn (the last repeats).
type scriptedSource struct {
	plans    []plan.SourcePlan
	sessions []Session
	planned  int
	begun    int
}

func (s *scriptedSource) Name() string { return "src" }
func (s *scriptedSource) Plan(context.Context) (plan.SourcePlan, error) {
	p := s.plans[min(s.planned, len(s.plans)-1)]
	s.planned++
	return p, nil
}
func (s *scriptedSource) Begin(context.Context) (Session, error) {
	sess := s.sessions[min(s.begun, len(s.sessions)-1)]
	s.begun++
	return sess, nil
}

// losing is a Session whose connection is lost at the action named lostAt.
type losing struct {
	recorder
	lostAt     string
	rolledBack bool
}

func (l *losing) Execute(ctx context.Context, a plan.Action) error {
	if a.ID == l.lostAt {
		return errTransient
	}
	return l.recorder.Execute(ctx, a)
}
func (l *losing) Rollback(context.Context) { l.rolledBack = true }

func retryOnce() RetryPolicy {
	return RetryPolicy{Attempts: 2, Retryable: func(err error) bool { return errors.Is(err, errTransient) }}
}

func TestRunRetriesAnInterruptedSourceWithAFreshPlan(t *testing.T) {
	aws := plan.Action{ID: "sg", Summary: "create security group", Change: plan.CreateSecurityGroup{Name: "sg"}}
	all := append([]plan.Action{aws}, actions()[:5]...)
	first := &losing{lostAt: "select"}
	second := &recorder{}
	src := &scriptedSource{
		// the fresh plan after the loss: the security group exists now
		plans:    []plan.SourcePlan{{Actions: all[1:]}, {}},
		sessions: []Session{first, second},
	}
	var out bytes.Buffer
	var steps []string
	results := Run(context.Background(), []Job{{Source: src, Plan: plan.SourcePlan{Actions: all}}},
		Options{Parallelism: 1, Retry: retryOnce(), AfterStep: func(_, step string) { steps = append(steps, step) }, View: eventView}, &out)
	got := results[0]
	if !first.rolledBack || first.committed {
		t.Errorf("interrupted session: rolled back %v, committed %v; want rolled back only", first.rolledBack, first.committed)
	}
	want := []string{"sg", "role", "usage", "select", "identity", "publication"}
	if diff := cmp.Diff(want, got.Applied); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if !got.Converged() || !second.committed {
		t.Errorf("converged %v, second session committed %v:\n%s", got.Converged(), second.committed, out.String())
	}
	wantSteps := []string{"sg", "role", "usage", "select", "role", "usage", "select", "identity", "publication", "commit"}
	if diff := cmp.Diff(wantSteps, steps); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	if !strings.Contains(out.String(), "src: retrying in 0s, attempt 2 of 2: connection reset\n") {
		t.Errorf("the retry is not announced:\n%s", out.String())
	}
}

func TestRunRefusesARetryPlanThatWasNotApproved(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fresh plan.Action
	}{
		{"new action", plan.Action{ID: "drop-everything", Change: plan.DropSlot{Slot: "s"}}},
		// shown blocked in the approved plan, unblocked since
		{"formerly blocked action", plan.Action{ID: "blocked", Change: plan.PublicationAdd{Name: "pub"}}},
	} {
		src := &scriptedSource{
			plans:    []plan.SourcePlan{{Actions: []plan.Action{tc.fresh}}},
			sessions: []Session{&losing{lostAt: "role"}},
		}
		var out bytes.Buffer
		got := Run(context.Background(), []Job{{Source: src, Plan: plan.SourcePlan{Actions: actions()}}}, Options{Retry: retryOnce()}, &out)[0]
		if got.Err == nil || !strings.Contains(got.Err.Error(), "action "+tc.fresh.ID+" was not in the approved plan") {
			t.Fatalf("%s: err = %v, want a refusal naming the unapproved action:\n%s", tc.name, got.Err, out.String())
		}
		if src.begun != 1 {
			t.Errorf("%s: %d sessions begun, want 1: nothing runs after the refusal", tc.name, src.begun)
		}
	}
}

func TestRunWithoutRetriesReportsWhatTheInterruptionLeftUndone(t *testing.T) {
	sess := &losing{lostAt: "usage"}
	src := &scriptedSource{plans: []plan.SourcePlan{{Actions: actions()[:5]}}, sessions: []Session{sess}}
	got := Run(context.Background(), []Job{{Source: src, Plan: plan.SourcePlan{Actions: actions()[:5]}}}, Options{Retry: RetryPolicy{Retryable: retryOnce().Retryable}}, &bytes.Buffer{})[0]
	want := Result{
		Source:  "src",
		Failed:  map[string]string{"role": "rolled back, the apply was interrupted", "usage": "connection reset"},
		Skipped: map[string]Skip{"select": {Code: SkipInterrupted}, "identity": {Code: SkipInterrupted}, "publication": {Code: SkipInterrupted}},
		Err:     errTransient,
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "After"), cmpopts.EquateErrors()); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

// losingBatch loses the connection in the middle of a batch.
type losingBatch struct{ *losing }

func (l losingBatch) ExecuteBatch(context.Context, []plan.Action) error { return errTransient }

func TestRunDoesNotReplayALostBatchOneByOne(t *testing.T) {
	sess := &losing{}
	src := &scriptedSource{plans: []plan.SourcePlan{{}}, sessions: []Session{losingBatch{sess}}}
	var out bytes.Buffer
	got := Run(context.Background(), []Job{{Source: src, Plan: plan.SourcePlan{Actions: actions()[:5]}}}, Options{Retry: RetryPolicy{Retryable: retryOnce().Retryable}, View: eventView}, &out)[0]
	if len(sess.ran) != 0 || !sess.rolledBack || !errors.Is(got.Err, errTransient) {
		t.Errorf("ran %v one by one, rolled back %v, err %v; want nothing replayed on a lost connection", sess.ran, sess.rolledBack, got.Err)
	}
	if len(got.Skipped) != 5 || strings.Contains(out.String(), "split") {
		t.Errorf("skipped %v; want all 5 reported as not run:\n%s", got.Skipped, out.String())
	}
}

// interrupting is a Session whose process gets Ctrl-C while it runs the
// action named at: the context is cancelled and the statement fails the way
// a cancelled query does (here: like a lost connection, which would be
// retried if it were a fault).
type interrupting struct {
	losing
	cancel context.CancelFunc
}

func (s *interrupting) Execute(ctx context.Context, a plan.Action) error {
	if a.ID == s.lostAt {
		s.cancel()
		return errTransient
	}
	return s.recorder.Execute(ctx, a)
}

// TestRunDoesNotRetryAnInterrupt: Ctrl-C or SIGTERM during apply is not a
// fault: no "retrying", no observation after it, the transaction rolled
// back, and the result says that nothing else ran.
func TestRunDoesNotRetryAnInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	sess := &interrupting{losing: losing{lostAt: "usage"}, cancel: cancel}
	src := &scriptedSource{plans: []plan.SourcePlan{{Actions: actions()}}, sessions: []Session{sess, &recorder{}}}
	var out bytes.Buffer
	got := Run(ctx, []Job{{Source: src, Plan: plan.SourcePlan{Actions: actions()}}}, Options{Retry: retryOnce(), View: eventView}, &out)[0]
	if strings.Contains(out.String(), "retrying") || src.begun != 1 || src.planned != 0 {
		t.Errorf("an interrupt was retried (%d sessions, %d plans):\n%s", src.begun, src.planned, out.String())
	}
	if !sess.rolledBack {
		t.Errorf("the transaction was not rolled back")
	}
	if got.Err == nil || !strings.Contains(got.Err.Error(), "interrupted: nothing was changed (the transaction was rolled back) and nothing else ran") {
		t.Errorf("err = %v\n%s", got.Err, out.String())
	}
}

// lockingSource is a scriptedSource with an apply lock.
type lockingSource struct{ *scriptedSource }

func (lockingSource) Lock(context.Context) (func(), error) { return func() {}, nil }

// TestRunObservesAgainUnderTheLock: two applies planned a few milliseconds
// apart; by the time the second holds the lock the first has committed. The
// second observes again under the lock and runs only what is still needed
// (here nothing), never its stale plan; a fresh plan asking for more than
// was approved is refused.
func TestRunObservesAgainUnderTheLock(t *testing.T) {
	done := &scriptedSource{plans: []plan.SourcePlan{{}}, sessions: []Session{&recorder{}}}
	var out bytes.Buffer
	got := Run(context.Background(), []Job{{Source: lockingSource{done}, Plan: plan.SourcePlan{Actions: actions()}}}, Options{View: eventView}, &out)[0]
	if got.Err != nil || done.begun != 0 || !strings.Contains(out.String(), "src: nothing left\n") {
		t.Errorf("err %v, %d sessions begun, want none:\n%s", got.Err, done.begun, out.String())
	}

	more := &scriptedSource{plans: []plan.SourcePlan{{Actions: append(actions(), plan.Action{ID: "drop-everything", Change: plan.DropSlot{Slot: "s"}})}}, sessions: []Session{&recorder{}}}
	got = Run(context.Background(), []Job{{Source: lockingSource{more}, Plan: plan.SourcePlan{Actions: actions()}}}, Options{}, &bytes.Buffer{})[0]
	if got.Err == nil || !strings.Contains(got.Err.Error(), "action drop-everything was not in the approved plan") || more.begun != 0 {
		t.Errorf("err %v, %d sessions begun; want a refusal before any session", got.Err, more.begun)
	}
}

// TestCommitCountsWhatTheTransactionHeld: AWS calls take effect as they
// run; "committed N actions" counts the PostgreSQL ones.
func TestCommitCountsWhatTheTransactionHeld(t *testing.T) {
	aws := plan.Action{ID: "sg", Summary: "create security group", Change: plan.CreateSecurityGroup{Name: "sg"}}
	all := append([]plan.Action{aws}, actions()[:2]...)
	src := &scriptedSource{plans: []plan.SourcePlan{{}}, sessions: []Session{&recorder{}}}
	var out bytes.Buffer
	Run(context.Background(), []Job{{Source: src, Plan: plan.SourcePlan{Actions: all}}}, Options{Parallelism: 1, View: eventView}, &out)
	if !strings.Contains(out.String(), "src: committed 2\n") {
		t.Errorf("want the 2 PostgreSQL actions counted:\n%s", out.String())
	}
}
