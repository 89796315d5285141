package apply

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan"
)

// flakySource fails its first failures observations, counting how many
// sources are being observed at once.
type flakySource struct {
	name     string
	failures int
	calls    *int32
	running  *int32
	peak     *int32
}

var errFlaky = errors.New("connection reset")

func (f *flakySource) Name() string                           { return f.name }
func (f *flakySource) Begin(context.Context) (Session, error) { return nil, nil }
func (f *flakySource) Plan(context.Context) (plan.SourcePlan, error) {
	n := atomic.AddInt32(f.running, 1)
	defer atomic.AddInt32(f.running, -1)
	for p := atomic.LoadInt32(f.peak); n > p && !atomic.CompareAndSwapInt32(f.peak, p, n); p = atomic.LoadInt32(f.peak) {
	}
	time.Sleep(5 * time.Millisecond)
	if int(atomic.AddInt32(f.calls, 1)) <= f.failures {
		return plan.SourcePlan{}, errFlaky
	}
	return plan.SourcePlan{Source: f.name}, nil
}

// TestPlanAll: results in the sources' order whatever finishes first, at
// most Parallelism sources at once, transient failures retried visibly,
// and a source that keeps failing named in its error.
func TestPlanAll(t *testing.T) {
	var running, peak int32
	var sources []Source
	calls := make([]int32, 5)
	for i, name := range []string{"a", "b", "c", "d", "e"} {
		failures := 0
		switch name {
		case "b":
			failures = 1 // recovers on its second attempt
		case "d":
			failures = 99 // never recovers
		}
		sources = append(sources, &flakySource{name: name, failures: failures, calls: &calls[i], running: &running, peak: &peak})
	}
	var progress observeEvents
	retry := RetryPolicy{Attempts: 3, Delay: time.Millisecond, Retryable: func(err error) bool { return errors.Is(err, errFlaky) }}
	plans, errs := PlanAll(context.Background(), sources, ObserveOptions{Parallelism: 2, Hooks: &progress, Retry: retry})

	var names []string
	for i, p := range plans {
		if errs[i] == nil {
			names = append(names, p.Source)
		}
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "e"}, names); diff != "" {
		t.Errorf("planned sources (-want +got):\n%s", diff)
	}
	if errs[3] == nil || errs[3].Error() != "source d: connection reset" {
		t.Errorf("d's error = %v, want source d: connection reset", errs[3])
	}
	if peak > 2 {
		t.Errorf("%d sources observed at once, want at most 2", peak)
	}
	out := progress.String()
	if strings.Count(out, "b: retrying in 1ms, attempt 2 of 3: connection reset") != 1 ||
		strings.Count(out, "d: retrying") != 2 {
		t.Errorf("retries not reported as expected:\n%s", out)
	}
}

// cutSource fails its observation with the connection error an interrupt
// causes, once ctx is cancelled.
type cutSource struct{ cancel context.CancelFunc }

func (c cutSource) Name() string                           { return "cut" }
func (c cutSource) Begin(context.Context) (Session, error) { return nil, nil }
func (c cutSource) Plan(ctx context.Context) (plan.SourcePlan, error) {
	c.cancel()
	return plan.SourcePlan{}, errors.New("read tcp 127.0.0.1:5432: use of closed network connection")
}

// TestInterruptedObservationSaysSo: Ctrl-C during observation is reported
// as interrupted, not as the connection error it caused, and not retried.
func TestInterruptedObservationSaysSo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var progress observeEvents
	_, errs := PlanAll(ctx, []Source{cutSource{cancel}}, ObserveOptions{Parallelism: 1, Hooks: &progress,
		Retry: RetryPolicy{Attempts: 3, Retryable: func(error) bool { return true }}})
	if !errors.Is(errs[0], ErrInterrupted) || strings.Contains(errs[0].Error(), "closed network connection") {
		t.Errorf("error = %v, want %v", errs[0], ErrInterrupted)
	}
	if strings.Contains(progress.String(), "retrying") {
		t.Errorf("an interrupt was retried:\n%s", progress.String())
	}
}
