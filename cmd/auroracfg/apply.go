package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
)

var applyCommand = command{
	name:  "apply",
	args:  "FILE...",
	short: "make each source match the spec, after showing the plan",
	long: "Apply plans every source, shows the plan, asks for confirmation (on a terminal; pass\n" +
		"--auto-approve in automation), executes the actions in dependency order in one transaction\n" +
		"per source, then observes again and reports whether each source converged. Exit 0 when every\n" +
		"source is ready, 1 otherwise.",
	flags: func(fs *flag.FlagSet) func(context.Context, env, []string) int {
		autoApprove := fs.Bool("auto-approve", false, "apply without asking for confirmation")
		parallelism := fs.Int("parallelism", defaultParallelism, "how many sources to observe and apply at once")
		var opts runOptions
		opts.register(fs, true)
		return func(ctx context.Context, e env, files []string) int {
			loaded, ok := loadSpecs(e, files)
			if !ok {
				return exitError
			}
			sources, ok := openSources(ctx, e, loaded, opts)
			if !ok {
				return exitError
			}
			plans, errs := planAll(ctx, sources, *parallelism)
			var jobs []apply.Job
			code := exitOK
			for i := range sources {
				if errs[i] != nil {
					fmt.Fprintf(e.stderr, "Error: %v\n", errs[i])
					code = exitError
					continue
				}
				jobs = append(jobs, apply.Job{Source: sources[i], Plan: plans[i]})
			}
			p := planOf(jobs)
			p.WriteText(e.stdout)
			if !p.HasChanges() {
				return code
			}
			if p.Counts() == (plan.Counts{}) {
				fmt.Fprintln(e.stderr, "Nothing to apply: the blocking problems above must be fixed outside auroracfg.")
				return exitError
			}
			if !confirm(e, *autoApprove) {
				return exitError
			}
			fmt.Fprintln(e.stdout)
			for _, r := range apply.Run(ctx, jobs, *parallelism, e.stdout) {
				if !r.Converged() {
					code = exitError
				}
			}
			return code
		}
	},
}

func confirm(e env, autoApprove bool) bool {
	if autoApprove {
		return true
	}
	if !e.isTerminal {
		fmt.Fprintln(e.stderr, "Error: apply needs confirmation, but standard input is not a terminal; pass --auto-approve to apply without asking.")
		return false
	}
	fmt.Fprint(e.stdout, "\nApply these changes? Only 'yes' is accepted: ")
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		fmt.Fprintln(e.stderr, "Apply cancelled; nothing was changed.")
		return false
	}
	return true
}
