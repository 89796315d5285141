package render

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
)

// ApplyText is the text view of apply: each event of a source a line
// "SOURCE: …" on w, the source's own ordered stream (an apply.ViewFunc).
func ApplyText(source string, w io.Writer) apply.Hooks {
	return applyText{source: source, w: w}
}

type applyText struct {
	source string
	w      io.Writer
}

func (v applyText) line(format string, args ...any) {
	fmt.Fprintf(v.w, "%s: %s\n", v.source, fmt.Sprintf(format, args...))
}

// Started says nothing: the line comes when the action has run, as
// Terraform's text view prints a resource when it is done.
func (v applyText) Started(plan.Action) {}

func (v applyText) Ran(a plan.Action) { v.line("%s %s", a.Op.Symbol(), summaryText(a)) }

func (v applyText) Skipped(a plan.Action, why apply.Skip) {
	v.line("%s %s: skipped, %s", a.Op.Symbol(), summaryText(a), skipWords(why))
}

func (v applyText) Failed(a plan.Action, err error) {
	v.line("%s %s: failed: %v", a.Op.Symbol(), summaryText(a), err)
}

func (v applyText) BatchSplit(n int, err error) {
	v.line("one of %d actions failed in a batch (%v); running them one at a time", n, err)
}

func (v applyText) Committed(n int) {
	v.line("committed %d %s", n, plan.Plural(n, "action", "actions"))
}

func (v applyText) Retrying(err error, wait time.Duration, attempt, attempts int) {
	v.line("interrupted: %v; observing again and retrying in %s (attempt %d of %d)", err, wait, attempt, attempts)
}

func (v applyText) NothingLeft() {
	v.line("nothing left to do: observed again under the apply lock, the source needs none of it now")
}

// Finished says how the source was left: what failed, then the error, the
// convergence, or what is still to do and what must be fixed first.
func (v applyText) Finished(o apply.Outcome) {
	if len(o.Failed) > 0 {
		v.line("incomplete: %d %s failed (%s), %d skipped; fix the cause and run apply again (every action is safe to repeat)",
			len(o.Failed), plan.Plural(len(o.Failed), "action", "actions"), strings.Join(o.Failed, ", "), o.Skipped)
	}
	switch {
	case o.Err != nil:
		v.line("error: %v", o.Err)
		return
	case o.Converged:
		v.line("converged: ready for ClickPipes")
		return
	}
	for _, h := range o.Held {
		v.line("not done: %s: %s", summaryText(h.Action), skipWords(h.Why))
	}
	if o.Blocked > 0 {
		v.line("%d %s blocked until the problems below are fixed", o.Blocked, plan.Plural(o.Blocked, "action", "actions"))
	}
	if len(o.Pending) > 0 {
		v.line("not converged: %d %s still to do:", len(o.Pending), plan.Plural(len(o.Pending), "action", "actions"))
		for _, a := range o.Pending {
			v.line("  %s %s (%s)", a.Op.Symbol(), summaryText(a), reasonText(a))
		}
	}
	for _, f := range o.Blockers {
		message, fix := findingWords(f, o.Actions)
		v.line("not ready: %s", message)
		if fix != "" {
			v.line("  fix: %s", fix)
		}
	}
}

// skipWords says why an action was not run.
func skipWords(s apply.Skip) string {
	switch s.Code {
	case apply.SkipBlocked:
		return "blocked by " + strings.Join(s.BlockedBy, ", ")
	case apply.SkipUnmanaged:
		return "aws.manage is observe: make this change with the infrastructure code that owns the cluster (plan --format terraform prints it)"
	case apply.SkipGated:
		return "a reboot is needed but not allowed: set parameterGroup.reboot: allowed in the spec or pass apply --allow-reboot"
	case apply.SkipDependencyFailed:
		return "depends on " + s.Dependency + ", which failed"
	case apply.SkipDependencySkipped:
		return "depends on " + s.Dependency + ", which was skipped"
	case apply.SkipInterrupted:
		return "not run, the apply was interrupted"
	}
	return string(s.Code)
}

// ObserveText is the text view of a fleet's observation on w (stderr):
// "SOURCE: still observing … [0m20s elapsed]" and the retries, one whole
// line at a time whatever the number of sources observed at once.
func ObserveText(w io.Writer) apply.ObserveHooks {
	return &observeText{w: w}
}

type observeText struct {
	mu sync.Mutex
	w  io.Writer
}

func (v *observeText) line(format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	fmt.Fprintf(v.w, format+"\n", args...)
}

func (v *observeText) StillObserving(source string, elapsed time.Duration) {
	v.line("%s: still observing … [%dm%02ds elapsed]", source, int(elapsed.Minutes()), int(elapsed.Seconds())%60)
}

func (v *observeText) ObserveRetrying(source string, err error, wait time.Duration, attempt, attempts int) {
	v.line("%s: observe failed: %v; retrying in %s (attempt %d of %d)", source, err, wait, attempt, attempts)
}

// WaitText is the text view of the edges' long waits on w (stderr): the
// start of a wait, then "still waiting … [1m20s elapsed]" lines, one whole
// line at a time whatever the number of sources applied at once.
func WaitText(w io.Writer) plan.WaitHooks {
	return &waitText{w: w}
}

type waitText struct {
	mu sync.Mutex
	w  io.Writer
}

func (v *waitText) Waiting(x plan.Waiting) {
	var line string
	objects := waitObjects(x.Objects)
	switch {
	case x.For == plan.WaitReboot:
		line = "rebooting " + objects
	case x.For == plan.WaitLock && x.Holder != nil:
		app := x.Holder.Application
		if app == "" {
			app = "no application_name"
		}
		holder := plan.Visible(fmt.Sprintf("pid %d, %s, started %s", x.Holder.PID, app, x.Holder.Since))
		line = fmt.Sprintf("still waiting for a lock held by %s … [%s elapsed]", holder, elapsedWords(x.Elapsed))
	case x.Start && x.For == plan.WaitActive && len(x.Objects) == 1:
		o := x.Objects[0]
		line = fmt.Sprintf("waiting for %s %s to be ACTIVE (it is %s)", o.Kind, o.Name, o.Status)
	case x.Start:
		line = "waiting for " + objects + " to be available"
	default:
		line = fmt.Sprintf("still waiting for %s … [%s elapsed]", objects, elapsedWords(x.Elapsed))
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	fmt.Fprintf(v.w, "%s: %s\n", x.Source, line)
}

// waitObjects names what a wait waits for: "cluster c (modifying), c-1
// (rebooting)".
func waitObjects(objects []plan.WaitObject) string {
	parts := make([]string, len(objects))
	for i, o := range objects {
		parts[i] = strings.TrimSpace(o.Kind + " " + o.Name)
		if o.Status != "" {
			parts[i] += " (" + o.Status + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// elapsedWords is Terraform's "1m20s" form.
func elapsedWords(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
