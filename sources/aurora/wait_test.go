package aurora

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan"
)

// waits records what it hears.
type waits []plan.Waiting

func (w *waits) Waiting(x plan.Waiting) { *w = append(*w, x) }

// TestWaitProgressNeverRepeatsItself: polls much faster than a second (the
// tests' intervals) report the start once and no elapsed second twice.
func TestWaitProgressNeverRepeatsItself(t *testing.T) {
	var got waits
	p := newWaitProgress(&got, "src", time.Millisecond)
	objects := []plan.WaitObject{{Name: "orders-1", Status: "rebooting"}}
	for range 5 {
		p.report(plan.WaitAvailable, objects)
		time.Sleep(2 * time.Millisecond)
	}
	want := waits{{Source: "src", For: plan.WaitAvailable, Start: true, Objects: objects},
		{Source: "src", For: plan.WaitAvailable, Objects: objects}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reports (-want +got):\n%s", diff)
	}
}
