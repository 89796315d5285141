package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/internal/readfile"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/planfile"
	"github.com/auroracfg/auroracfg/plan/render"
	"github.com/auroracfg/auroracfg/schema"
)

var planCommand = command{
	name:  "plan",
	args:  "FILE...",
	short: "show what apply would change on each source, and why",
	long: "Plan observes every source (read-only) and prints the actions that would bring it to the\n" +
		"spec, each with its reason and risk (safe, disruptive, destructive), plus blocking problems\n" +
		"auroracfg cannot fix itself. Output is deterministic for the same state.",
	flags: typedFlags(runPlan),
}

// planFlags are plan's flags, parsed.
type planFlags struct {
	detailedExitcode bool
	format           string
	parallelism      int
	out              string
	opts             runOptions
}

func (f *planFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.detailedExitcode, "detailed-exitcode", false, "exit 0 when nothing needs to change, 2 when changes or blockers are present, 1 on error")
	formatVar(fs, &f.format, render.PlanFormats)
	parallelismVar(fs, &f.parallelism, "observe at most `N` sources at once")
	f.opts.register(fs, false)
	f.opts.registerBaseSpec(fs)
	fs.StringVar(&f.out, "out", "", "also save the plan to this file, for 'auroracfg apply FILE' (no secrets are written)")
}

func runPlan(ctx context.Context, e env, files []string, f planFlags) error {
	format, err := chooseFormat("plan", render.PlanFormats, f.format)
	if err != nil {
		return err
	}
	p, failures, err := observeAndPlan(ctx, e, files, f.parallelism, f.opts)
	if err != nil {
		return err
	}
	err = format.Write(e.stdout, p)
	if err == nil && f.out != "" && len(failures) == 0 {
		err = savePlan(e, f.out, files, p, f.opts)
	}
	switch {
	case err != nil:
		return fmt.Errorf("write plan: %w", err)
	case len(failures) > 0:
		return failures
	case f.detailedExitcode && p.HasChanges():
		return errChanges
	}
	return nil
}

// observeAndPlan loads, observes and plans; failures are the sources that
// could not be planned (listed in the plan with their errors, the others
// planned).
func observeAndPlan(ctx context.Context, e env, files []string, parallelism int, opts runOptions) (p *plan.Plan, failures sourceFailures, err error) {
	o, err := loadAndOpen(ctx, e, files, opts)
	defer o.close()
	if err != nil {
		return nil, nil, err
	}
	sources := o.pipeline()
	plans, errs := planAll(ctx, e, sources, parallelism)
	p, _, failures = collectPlans(sources, plans, errs)
	return p, failures, nil
}

// collectPlans is the fleet's plan, a source that could not be observed
// listed with its error, and the jobs of the others.
func collectPlans(sources []apply.Source, plans []plan.SourcePlan, errs []error) (p *plan.Plan, jobs []apply.Job, failures sourceFailures) {
	p = &plan.Plan{}
	for i := range sources {
		if errs[i] != nil {
			failures.add(sources[i].Name(), errs[i])
			p.Sources = append(p.Sources, plan.Unobserved(sources[i].Name(), apply.TypeOf(sources[i]), apply.Cause(errs[i])))
			continue
		}
		jobs = append(jobs, apply.Job{Source: sources[i], Plan: plans[i]})
		p.Sources = append(p.Sources, plans[i])
	}
	return p, jobs, failures
}

// savePlan writes a saved plan with the digests of the specs it came from.
func savePlan(e env, out string, files []string, p *plan.Plan, opts runOptions) error {
	var specs []planfile.Spec
	for _, f := range files {
		content, err := readfile.Regular(e.abs(f), schema.MaxFileSize)
		if err != nil {
			return err
		}
		specs = append(specs, planfile.SpecOf(planfile.SpecPath(e.abs(out), e.abs(f)), content))
	}
	var b bytes.Buffer
	pf := planfile.New(p, version, specs, planfile.Options{AllowReboot: opts.allowReboot, Prune: opts.prune, Sources: opts.sources})
	if err := pf.Write(&b); err != nil {
		return err
	}
	return writePrivate(e.abs(out), b.Bytes())
}

// writePrivate writes a file only its owner can read, also when it existed
// with wider permissions (os.WriteFile keeps an existing file's mode).
func writePrivate(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
