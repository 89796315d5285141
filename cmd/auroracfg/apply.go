package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/internal/readfile"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/planfile"
	"github.com/auroracfg/auroracfg/plan/render"
	"github.com/auroracfg/auroracfg/schema"
)

var applyCommand = command{
	name:  "apply",
	args:  "FILE... | PLANFILE",
	short: "make each source match the spec, after showing the plan",
	long: "Apply plans every source, shows the plan, asks for confirmation (on a terminal; pass\n" +
		"--auto-approve in automation), executes the actions in dependency order in one transaction\n" +
		"per source, then observes again and reports whether each source converged. A source whose\n" +
		"apply is interrupted (connection lost, server restarting, Aurora failover or busy cluster) is\n" +
		"observed again and what is left of the approved plan retried, up to 4 attempts in all.\n" +
		"Exit 0 when every source is ready, 1 otherwise. Given a file saved by 'plan --out', apply\n" +
		"executes exactly that plan without asking, after checking that the specs and every source's\n" +
		"observed state are unchanged since; a stale plan is refused and nothing is changed.",
	flags: typedFlags(runApply),
}

// applyFlags are apply's flags, parsed.
type applyFlags struct {
	autoApprove bool
	parallelism int
	opts        runOptions
}

func (f *applyFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.autoApprove, "auto-approve", false, "apply without asking for confirmation")
	parallelismVar(fs, &f.parallelism, "observe and apply at most `N` sources at once")
	f.opts.register(fs, true)
}

func runApply(ctx context.Context, e env, files []string, f applyFlags) error {
	if len(files) == 1 {
		if saved, isPlan, err := readSavedPlan(e, files[0]); isPlan {
			if err != nil {
				return err
			}
			return applySaved(ctx, e, saved, e.abs(files[0]), f.opts, f.parallelism)
		}
	}
	o, err := loadAndOpen(ctx, e, files, f.opts)
	defer o.close()
	if err != nil {
		return err
	}
	sources := o.pipeline()
	plans, errs := planAll(ctx, e, sources, f.parallelism)
	p, jobs, failures := collectPlans(sources, plans, errs)
	render.Text(e.stdout, p)
	if !p.HasChanges() {
		return failures.err()
	}
	if p.Counts() == (plan.Counts{}) {
		fmt.Fprintln(e.stderr, "Nothing to apply: the blocking problems above must be fixed first (each says how).")
		return errReported
	}
	if err := confirm(ctx, e, f.autoApprove); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	return runJobs(ctx, e, o, jobs, f.parallelism, failures)
}

// runJobs applies the jobs, then prints the hand-off of every source that
// converged: what creating its ClickPipe needs. failures are the sources
// that failed before; a source left not ready fails the run too.
func runJobs(ctx context.Context, e env, o opened, jobs []apply.Job, parallelism int, failures sourceFailures) error {
	ready := map[string]bool{}
	notReady := false
	for _, r := range apply.Run(ctx, jobs, apply.Options{Parallelism: parallelism, Retry: retryPolicy(applyAttempts, e.retryDelay), AfterStep: e.afterStep,
		View: render.ApplyText}, e.stdout) {
		if !r.Converged() {
			notReady = true // apply printed why
			continue
		}
		ready[r.Source] = true
	}
	if len(ready) > 0 {
		infos, handoffFailures := handoffs(ctx, o, ready)
		if len(handoffFailures) > 0 {
			return append(failures, handoffFailures...)
		}
		fmt.Fprintln(e.stdout)
		if err := render.HandOffText(e.stdout, infos); err != nil {
			return errReported // as before: a failed write of the output is only the exit status
		}
	}
	if len(failures) > 0 {
		return failures
	}
	if notReady {
		return errReported
	}
	return nil
}

// maxPlanFile bounds a saved plan (10,000 tables plan in well under 16 MiB).
const maxPlanFile = 64 << 20

func readSavedPlan(e env, path string) (*planfile.File, bool, error) {
	data, err := readfile.Regular(e.abs(path), maxPlanFile)
	if err != nil {
		return nil, false, nil // loadSpecs reports it
	}
	return planfile.Read(data)
}

// applySaved executes exactly a saved plan's actions. It first checks that
// the specs are unchanged and re-observes every source: if anything differs
// from what the plan was computed from, it refuses and changes nothing.
func applySaved(ctx context.Context, e env, saved *planfile.File, planPath string, flags runOptions, parallelism int) error {
	if err := saved.CheckSpecs(planPath, func(path string) ([]byte, error) { return readfile.Regular(path, schema.MaxFileSize) }); err != nil {
		//lint:ignore ST1005 printed as the sentence it is, after "Error: "
		return fmt.Errorf("saved plan is stale: %v; run plan again. Nothing was changed.", err)
	}
	var paths []string
	for _, s := range saved.Specs {
		paths = append(paths, planfile.Locate(planPath, s))
	}
	opts := runOptions{allowReboot: saved.Options.AllowReboot, prune: saved.Options.Prune, sources: saved.Options.Sources, waitTimeout: flags.waitTimeout}
	o, err := loadAndOpen(ctx, e, paths, opts)
	defer o.close()
	if err != nil {
		return err
	}
	sources := o.pipeline()
	current, errs := planAll(ctx, e, sources, parallelism)
	jobs, problems := apply.MatchSaved(saved.Plan.Sources, sources, current, errs)
	if len(problems) > 0 {
		return &errorList{errs: problems, closing: "Nothing was changed."}
	}
	p := &plan.Plan{Sources: saved.Plan.Sources}
	render.Text(e.stdout, p)
	if !p.HasChanges() {
		return nil
	}
	fmt.Fprintln(e.stdout)
	return runJobs(ctx, e, o, jobs, parallelism, nil)
}

// confirm asks for "yes"; an interrupt (Ctrl-C, SIGTERM) while it waits
// cancels at once, changing nothing, without waiting for Enter. Its error
// says why nothing is applied.
func confirm(ctx context.Context, e env, autoApprove bool) error {
	if autoApprove {
		return nil
	}
	if !e.isTerminal {
		//lint:ignore ST1005 printed as the sentence it is, after "Error: "
		return errors.New("apply needs confirmation, but standard input is not a terminal; pass --auto-approve to apply without asking.")
	}
	fmt.Fprint(e.stdout, "\nApply these changes? Only 'yes' is accepted: ")
	answer := make(chan string, 1)
	go func() { // left blocked on stdin if interrupted: the process is ending
		line, _ := bufio.NewReader(e.stdin).ReadString('\n')
		answer <- line
	}()
	var line string
	select {
	case line = <-answer:
	case <-ctx.Done():
		fmt.Fprintln(e.stdout)
		return &plainError{"Apply cancelled (interrupted); nothing was changed."}
	}
	if strings.TrimSpace(line) != "yes" {
		return &plainError{"Apply cancelled; nothing was changed."}
	}
	return nil
}
