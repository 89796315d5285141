package apply

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/auroracfg/auroracfg/plan"
)

// recorder is a Session that records what ran and fails the actions named
// in fail; in batch mode any failing action fails the whole batch.
type recorder struct {
	fail      map[string]bool
	batch     bool
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
		{ID: "role", Summary: "create role"},
		{ID: "usage", DependsOn: []string{"role"}, Summary: "grant usage"},
		{ID: "select", DependsOn: []string{"role"}, Summary: "grant select"},
		{ID: "identity", Summary: "replica identity"},
		{ID: "publication", DependsOn: []string{"identity"}, Summary: "create publication"},
		{ID: "blocked", BlockedBy: []string{"replica-identity"}, Summary: "add tables"},
	}
}

func TestRunSkipsWhatDependsOnFailures(t *testing.T) {
	for _, batch := range []bool{false, true} {
		rec := &recorder{fail: map[string]bool{"role": true}}
		var sess Session = rec
		if batch {
			sess = batchRecorder{rec}
		}
		results := Run(context.Background(), []Job{{Source: fakeSource{sess: sess}, Plan: plan.SourcePlan{Actions: actions()}}}, 2, &bytes.Buffer{})
		got := results[0]
		want := Result{
			Source:  "src",
			Applied: []string{"identity", "publication"},
			Failed:  map[string]string{"role": "boom"},
			Skipped: map[string]string{
				"usage":   "depends on role, which failed",
				"select":  "depends on role, which failed",
				"blocked": "blocked by replica-identity",
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
	results := Run(context.Background(), []Job{{Source: fakeSource{sess: batchRecorder{rec}}, Plan: plan.SourcePlan{Actions: actions()}}}, 1, &out)
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
	Run(context.Background(), jobs, 3, &out)
	want := "a: converged: ready for ClickPipes\nb: converged: ready for ClickPipes\nc: converged: ready for ClickPipes\nd: converged: ready for ClickPipes\ne: converged: ready for ClickPipes\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

type namedSource struct {
	fakeSource
	name string
}

func (n namedSource) Name() string { return n.name }
