package aurora

import (
	"fmt"
	"io"
	"time"
)

// waitProgress words a long wait on the progress writer: one line when it
// starts, then a "still waiting … [1m20s elapsed]" line at most once per
// interval and never twice with the same elapsed time (polls faster than a
// second would otherwise print "[0m00s elapsed]" again and again).
type waitProgress struct {
	w        io.Writer
	source   string
	interval time.Duration
	start    time.Time
	last     time.Time
	shown    string // the elapsed time last printed
	started  bool
}

func newWaitProgress(w io.Writer, source string, interval time.Duration) *waitProgress {
	now := time.Now()
	return &waitProgress{w: w, source: source, interval: interval, start: now, last: now}
}

// report is called at every poll: first says what the wait is for, still
// how it stands now.
func (p *waitProgress) report(first, still string) {
	now := time.Now()
	if !p.started {
		p.started = true
		fmt.Fprintf(p.w, "%s: %s\n", p.source, first)
		return
	}
	shown := formatElapsed(now.Sub(p.start))
	if now.Sub(p.last) < p.interval || shown == p.shown {
		return
	}
	p.last, p.shown = now, shown
	fmt.Fprintf(p.w, "%s: still waiting for %s … [%s elapsed]\n", p.source, still, shown)
}

func formatElapsed(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
