package aurora

import (
	"time"

	"github.com/auroracfg/auroracfg/plan"
)

// waitProgress tells a long wait to the run's wait hooks: once when it
// starts, then at most once per interval and never twice with the same
// elapsed second (polls faster than a second would otherwise report
// "0m00s" again and again). The words are plan/render's.
type waitProgress struct {
	hooks    plan.WaitHooks
	source   string
	interval time.Duration
	start    time.Time
	last     time.Time
	shown    time.Duration // the elapsed time last reported
	started  bool
}

func newWaitProgress(hooks plan.WaitHooks, source string, interval time.Duration) *waitProgress {
	now := time.Now()
	return &waitProgress{hooks: hooks, source: source, interval: interval, start: now, last: now, shown: -1}
}

// report is called at every poll with what is waited for now.
func (p *waitProgress) report(what plan.WaitFor, objects []plan.WaitObject) {
	now := time.Now()
	w := plan.Waiting{Source: p.source, For: what, Objects: objects}
	if !p.started {
		p.started, w.Start = true, true
		p.hooks.Waiting(w)
		return
	}
	elapsed := now.Sub(p.start).Round(time.Second)
	if now.Sub(p.last) < p.interval || elapsed == p.shown {
		return
	}
	p.last, p.shown = now, elapsed
	w.Elapsed = elapsed
	p.hooks.Waiting(w)
}
