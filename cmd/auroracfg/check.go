package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan/check"
	"github.com/auroracfg/auroracfg/plan/render"
)

var checkCommand = command{
	name:  "check",
	args:  "FILE...",
	short: "say whether a ClickPipe started on each source would start and keep running (read-only)",
	long: "Check runs the pre-flight checks the ClickPipes engine runs before a pipe starts, and the ones\n" +
		"that keep a pipe running: logical replication on, max_wal_senders, a free replication slot,\n" +
		"the user's replication privilege, login, a replication connection running IDENTIFY_SYSTEM,\n" +
		"PostgreSQL 12+, primary not standby, no pooler, publication, replica identities, readable\n" +
		"tables (now and future), WAL retention, and on Aurora the network. Each failed check names its\n" +
		"fix or the apply actions that make it pass. It changes nothing and needs only read privileges.\n" +
		"Exit status: 0 ready, 2 not ready, 1 error.",
	flags: typedFlags(runCheck),
}

// checkFlags are check's flags, parsed.
type checkFlags struct {
	format      string
	parallelism int
	opts        runOptions // only --source
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	formatVar(fs, &f.format, render.CheckFormats)
	parallelismVar(fs, &f.parallelism, "check at most `N` sources at once")
	fs.Var(&f.opts.sources, "source", "only these sources: a name or a glob; repeatable")
	f.opts.registerBaseSpec(fs)
}

func runCheck(ctx context.Context, e env, files []string, f checkFlags) error {
	format, err := chooseFormat("check", render.CheckFormats, f.format)
	if err != nil {
		return err
	}
	o, err := loadAndOpen(ctx, e, files, f.opts)
	defer o.close()
	if err != nil {
		return err
	}
	sources := o.pipeline()
	results, errs := apply.CheckAll(ctx, sources, observeOptions(e, f.parallelism))
	var checks []check.SourceChecks
	var failures sourceFailures
	for i := range sources {
		if errs[i] != nil {
			failures.add(sources[i].Name(), errs[i])
			checks = append(checks, check.Unobserved(sources[i].Name(), apply.TypeOf(sources[i]), apply.Cause(errs[i])))
			continue
		}
		checks = append(checks, results[i])
	}
	if err := format.Write(e.stdout, checks); err != nil {
		return fmt.Errorf("write checks: %w", err)
	}
	if len(failures) > 0 {
		return failures
	}
	for _, c := range checks {
		if !c.Ready {
			return errChanges
		}
	}
	return nil
}
