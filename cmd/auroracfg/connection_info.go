package main

import (
	"context"
	"flag"

	"github.com/auroracfg/auroracfg/plan/handoff"
	"github.com/auroracfg/auroracfg/plan/render"
	"github.com/auroracfg/auroracfg/schema"
)

var connectionInfoCommand = command{
	name:  "connection-info",
	args:  "FILE...",
	short: "print what creating each source's ClickPipe needs (never a password)",
	long: "Connection-info prints, per source, the host and port ClickPipes must use (the Aurora writer\n" +
		"endpoint, not a connect override), database, user, where the password lives (its secret\n" +
		"reference, never the value), publication, TLS mode, schemas and which ClickPipes region's IPs\n" +
		"are allowed. It changes nothing; for Aurora it reads the cluster's endpoint from AWS.",
	flags: typedFlags(runConnectionInfo),
}

// connectionInfoFlags are connection-info's flags, parsed.
type connectionInfoFlags struct {
	format    string
	terraform render.TerraformHandOff
	opts      runOptions // only --source
}

func (f *connectionInfoFlags) register(fs *flag.FlagSet) {
	formatVar(fs, &f.format, render.HandOffFormats(render.TerraformHandOff{}))
	fs.Var(&f.opts.sources, "source", "only these sources: a name or a glob; repeatable")
	fs.StringVar(&f.terraform.DestinationDatabase, "destination-database", "default", "with --format terraform: the ClickHouse database each clickhouse_clickpipe writes to")
	fs.BoolVar(&f.terraform.PasswordInState, "password-in-state", false, "with --format terraform: write the classic credentials.password, which Terraform keeps in its state, instead of the write-only password_wo (Terraform 1.11+)")
}

// handoffs builds the hand-off of each source (of the selected ones when
// only is not nil); a source whose endpoint or tables could not be read is
// listed as failed, and its failure returned.
func handoffs(ctx context.Context, o opened, only map[string]bool) ([]handoff.ConnectionInfo, sourceFailures) {
	specs := map[string]*schema.Source{}
	for _, f := range o.files {
		for i := range f.Spec.Sources {
			specs[f.Spec.Sources[i].Name] = &f.Spec.Sources[i]
		}
	}
	var infos []handoff.ConnectionInfo
	var failures sourceFailures
	for _, s := range o.sources {
		if only != nil && !only[s.Name()] {
			continue
		}
		info, err := handoffOf(ctx, s, specs[s.Name()])
		if err != nil {
			failures.add(s.Name(), err)
			info = handoff.Failed(s.Name(), err)
		}
		infos = append(infos, info)
	}
	return infos, failures
}

// handoffOf reads one source's endpoint, published tables and private path.
func handoffOf(ctx context.Context, s openedSource, spec *schema.Source) (handoff.ConnectionInfo, error) {
	host, port, err := s.handoff.Endpoint(ctx)
	if err != nil {
		return handoff.ConnectionInfo{}, err
	}
	tables, err := s.handoff.PublishedTables(ctx, s.Desired.Scope())
	if err != nil {
		return handoff.ConnectionInfo{}, err
	}
	path, err := s.handoff.PrivatePath(ctx, s.Desired.Scope())
	if err != nil {
		return handoff.ConnectionInfo{}, err
	}
	return handoff.For(s.Desired, spec, host, port, tables, path), nil
}

func runConnectionInfo(ctx context.Context, e env, files []string, f connectionInfoFlags) error {
	format, err := chooseFormat("connection-info", render.HandOffFormats(f.terraform), f.format)
	if err != nil {
		return err
	}
	o, err := loadAndOpen(ctx, e, files, f.opts)
	defer o.close()
	if err != nil {
		return err
	}
	infos, failures := handoffs(ctx, o, nil)
	if err := format.Write(e.stdout, infos); err != nil {
		return errReported // as before: a failed write of the output is only the exit status
	}
	return failures.err()
}
