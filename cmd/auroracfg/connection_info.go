package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
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
	fs.StringVar(&f.format, "format", "text", "output format: text, json, or terraform (a clickhouse_clickpipe resource with the password as a variable)")
	fs.Var(&f.opts.sources, "source", "only these sources: a name or a glob; repeatable")
	fs.StringVar(&f.terraform.DestinationDatabase, "destination-database", "default", "with --format terraform: the ClickHouse database each clickhouse_clickpipe writes to")
	fs.BoolVar(&f.terraform.PasswordInState, "password-in-state", false, "with --format terraform: write the classic credentials.password, which Terraform keeps in its state, instead of the write-only password_wo (Terraform 1.11+)")
}

// handoffSource is what the hand-off reads from a source edge.
type handoffSource interface {
	Endpoint(context.Context) (string, int, error)
	PublishedTables(context.Context, plan.Desired) ([]plan.TableName, error)
}

// privatePathSource is an edge that can have a private path (Aurora).
type privatePathSource interface {
	PrivatePath(context.Context, plan.Desired) (*plan.PrivateLinkObserved, error)
}

// handoffs builds the hand-off of each source (of the selected ones when
// only is not nil); ok is false when an endpoint could not be read.
func handoffs(ctx context.Context, e env, loaded []*schema.File, sources []apply.Source, only map[string]bool) ([]handoff.ConnectionInfo, bool) {
	specs := map[string]*schema.Source{}
	for _, f := range loaded {
		for i := range f.Spec.Sources {
			specs[f.Spec.Sources[i].Name] = &f.Spec.Sources[i]
		}
	}
	var infos []handoff.ConnectionInfo
	ok := true
	for _, s := range sources {
		if only != nil && !only[s.Name()] {
			continue
		}
		src := s.(apply.EdgeSource)
		edge := src.Edge.(handoffSource)
		host, port, err := edge.Endpoint(ctx)
		var tables []plan.TableName
		if err == nil {
			tables, err = edge.PublishedTables(ctx, src.Desired)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "Error: source %s: %v\n", s.Name(), err)
			infos = append(infos, handoff.Failed(s.Name(), err))
			ok = false
			continue
		}
		var path *plan.PrivateLinkObserved
		if pp, private := edge.(privatePathSource); private && err == nil {
			path, err = pp.PrivatePath(ctx, src.Desired)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "Error: source %s: %v\n", s.Name(), err)
			infos = append(infos, handoff.Failed(s.Name(), err))
			ok = false
			continue
		}
		infos = append(infos, handoff.For(src.Desired, specs[s.Name()], host, port, tables, path))
	}
	return infos, ok
}

func runConnectionInfo(ctx context.Context, e env, files []string, f connectionInfoFlags) error {
	write := map[string]func(io.Writer, []handoff.ConnectionInfo) error{
		"text": render.HandOffText, "json": render.HandOffJSON, "terraform": render.HandOffTerraform(f.terraform),
	}[f.format]
	if write == nil {
		return usageErrorf("auroracfg connection-info: --format %q: want text, json or terraform", f.format)
	}
	loaded, sources, ok := loadAndOpen(ctx, e, files, f.opts)
	defer apply.CloseAll(sources)
	if !ok {
		return errReported
	}
	infos, ok := handoffs(ctx, e, loaded, sources, nil)
	if err := write(e.stdout, infos); err != nil {
		return errReported // as before: a failed write of the output is only the exit status
	}
	if !ok {
		return errReported
	}
	return nil
}
