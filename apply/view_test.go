package apply

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auroracfg/auroracfg/plan"
)

// eventView writes each event as a terse line "SOURCE: event operands":
// the events a view receives, in the order it receives them, without the
// words (plan/render's ApplyText words them, and is tested there).
func eventView(source string, w io.Writer) Hooks { return events{source, w} }

type events struct {
	source string
	w      io.Writer
}

func (e events) say(format string, args ...any) {
	fmt.Fprintf(e.w, "%s: %s\n", e.source, fmt.Sprintf(format, args...))
}

func (e events) Started(a plan.Action) { e.say("started %s", a.ID) }
func (e events) Ran(a plan.Action)     { e.say("ran %s", a.ID) }
func (e events) Skipped(a plan.Action, why Skip) {
	e.say("skipped %s: %s %s%s", a.ID, why.Code, why.Dependency, strings.Join(why.BlockedBy, ","))
}
func (e events) Failed(a plan.Action, err error) { e.say("failed %s: %v", a.ID, err) }
func (e events) BatchSplit(n int, err error)     { e.say("batch of %d split: %v", n, err) }
func (e events) Committed(n int)                 { e.say("committed %d", n) }
func (e events) Retrying(err error, wait time.Duration, attempt, attempts int) {
	e.say("retrying in %s, attempt %d of %d: %v", wait, attempt, attempts, err)
}
func (e events) NothingLeft() { e.say("nothing left") }
func (e events) Finished(o Outcome) {
	switch {
	case o.Err != nil:
		e.say("finished: error: %v", o.Err)
	case o.Converged:
		e.say("finished: converged")
	default:
		e.say("finished: failed %v, %d pending, %d blocked", o.Failed, len(o.Pending), o.Blocked)
	}
}

// observeEvents records the observation's events as terse lines.
type observeEvents struct {
	mu    sync.Mutex
	lines []string
}

func (o *observeEvents) StillObserving(source string, elapsed time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lines = append(o.lines, fmt.Sprintf("%s: still observing after %s", source, elapsed))
}

func (o *observeEvents) ObserveRetrying(source string, err error, wait time.Duration, attempt, attempts int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lines = append(o.lines, fmt.Sprintf("%s: retrying in %s, attempt %d of %d: %v", source, wait, attempt, attempts, err))
}

func (o *observeEvents) String() string { return strings.Join(o.lines, "\n") }

// Every action is announced before it runs, alone or in its batch, and
// one that fails is announced too.
func TestEveryActionStartsBeforeItRuns(t *testing.T) {
	for _, batch := range []bool{false, true} {
		rec := &recorder{fail: map[string]bool{"identity": true}}
		var sess Session = rec
		if batch {
			sess = batchRecorder{rec}
		}
		var out bytes.Buffer
		Run(context.Background(), []Job{{Source: fakeSource{sess: sess}, Plan: plan.SourcePlan{Actions: actions()}}}, Options{View: eventView}, &out)
		lines := strings.Split(out.String(), "\n")
		for _, id := range []string{"role", "usage", "select", "identity"} {
			started := slices.Index(lines, "src: started "+id)
			done := slices.IndexFunc(lines, func(l string) bool { return l == "src: ran "+id || strings.HasPrefix(l, "src: failed "+id) })
			if started < 0 || done < 0 || started > done {
				t.Errorf("batch=%v: %s started at line %d, done at %d:\n%s", batch, id, started, done, out.String())
			}
		}
	}
}
