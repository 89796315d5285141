package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/render"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/aurora"
	"github.com/auroracfg/auroracfg/sources/postgres"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// observeAttempts bounds how often observing a source is tried when it
// fails transiently, and applyAttempts how often a source's apply is.
const observeAttempts, applyAttempts = 4, 4

// retryable says whether a failure of either edge is transient: a lost or
// refused connection, a server restarting, an AWS resource busy or a
// throttled call, a writer endpoint leading to a reader during a failover.
func retryable(err error) bool {
	if postgres.SecretProblem(err) {
		return false // an unresolved secret stays unresolved
	}
	return postgres.Retryable(err) || aurora.Retryable(err)
}

// retryPolicy is the bounded, doubling retry of transient failures.
func retryPolicy(attempts int, delay time.Duration) apply.RetryPolicy {
	if delay <= 0 {
		delay = time.Second
	}
	return apply.RetryPolicy{Attempts: attempts, Delay: delay, Retryable: retryable}
}

// defaultParallelism bounds how many sources are observed or applied at once.
const defaultParallelism = 8

// parallelismVar defines --parallelism: a whole number of at least 1 (0 or
// less would observe nothing, or hang).
func parallelismVar(fs *flag.FlagSet, p *int, usage string) {
	*p = defaultParallelism
	fs.Var((*positiveInt)(p), "parallelism", usage)
}

type positiveInt int

func (n *positiveInt) String() string { return strconv.Itoa(int(*n)) }
func (n *positiveInt) Set(v string) error {
	i, err := strconv.Atoi(v)
	switch {
	case err != nil:
		return errors.New("not a whole number")
	case i < 1:
		return errors.New("must be at least 1")
	}
	*n = positiveInt(i)
	return nil
}

// loadSpecs loads every file; its error names every problem of every file.
func loadSpecs(e env, paths []string) ([]*schema.File, error) {
	files, diags := schema.LoadAll(paths, e.abs)
	if len(diags) > 0 {
		return nil, &specProblems{diags: diags, noun: [2]string{"problem", "problems"}, closing: "found; nothing was contacted or changed."}
	}
	return files, nil
}

// sameTargets refuses specs whose sources connect elsewhere or read other
// secrets than the base branch's (--base-spec): nothing is contacted then.
func sameTargets(e env, loaded []*schema.File, baseSpecs []string) error {
	if len(baseSpecs) == 0 {
		return nil
	}
	base, diags := schema.LoadAll(baseSpecs, e.abs)
	if len(diags) == 0 {
		diags = schema.ChangedTargets(base, loaded)
	}
	if len(diags) > 0 {
		return &specProblems{diags: diags, noun: [2]string{"change is refused", "changes are refused"}, closing: "against the base spec; nothing was contacted or read."}
	}
	return nil
}

// edge is what both source edges offer, each with its own session type.
type edge[S apply.Session] interface {
	apply.Locker
	Endpoint(ctx context.Context) (host string, port int, err error)
	PublishedTables(ctx context.Context, scope plan.Scope) ([]plan.TableName, error)
	Name() string
	Observe(ctx context.Context, scope plan.Scope) (*plan.Observed, string, error)
	Begin(ctx context.Context) (S, error)
	Close()
	Server() string
}

// privatePathSource is an edge that can have a private path (Aurora).
type privatePathSource interface {
	PrivatePath(context.Context, plan.Scope) (*plan.PrivateLinkObserved, error)
}

// adapted makes an edge an apply.Edge (Go needs the session type widened).
type adapted[S apply.Session] struct{ edge[S] }

// PrivatePath is the edge's private path for the hand-off, if it can have one.
func (a adapted[S]) PrivatePath(ctx context.Context, scope plan.Scope) (*plan.PrivateLinkObserved, error) {
	if pp, ok := a.edge.(privatePathSource); ok {
		return pp.PrivatePath(ctx, scope)
	}
	return nil, nil
}

func (a adapted[S]) Begin(ctx context.Context) (apply.Session, error) {
	sess, err := a.edge.Begin(ctx)
	if err != nil {
		return nil, err // not a typed nil inside the interface
	}
	return sess, nil
}

// runOptions are the flags that shape how sources are planned and applied.
type runOptions struct {
	allowReboot bool
	prune       bool
	waitTimeout time.Duration
	sources     sourceFilter
	dropSlots   slotList
	// baseSpecs are the base branch's spec files (--base-spec): sources
	// whose hosts or secret references differ from them are refused.
	baseSpecs fileList
	// applying: the sources' observations are an apply's, whose lock
	// follows on the same connection.
	applying bool
}

// fileList holds a repeatable file flag.
type fileList []string

func (l *fileList) String() string { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// registerBaseSpec adds --base-spec, for the commands a pull-request job runs.
func (o *runOptions) registerBaseSpec(fs *flag.FlagSet) {
	fs.Var(&o.baseSpecs, "base-spec", "refuse, before anything is contacted or any secret read, sources that are new or whose host, port, TLS settings, cluster or secret references differ from this base-branch spec file; repeatable")
}

// slotList holds --drop-slot values: SOURCE:SLOT, or SLOT when one source
// is selected.
type slotList []string

func (l *slotList) String() string { return strings.Join(*l, ",") }
func (l *slotList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// forSource lists the slots to drop on a source; bare names go to the only
// selected source.
func (l slotList) forSource(name string, only bool) []string {
	var out []string
	for _, v := range l {
		src, slot, qualified := strings.Cut(v, ":")
		switch {
		case qualified && src == name:
			out = append(out, slot)
		case !qualified && only:
			out = append(out, v)
		}
	}
	return out
}

// check refuses bare slot names when several sources are selected, and
// names that match no selected source: a drop must be aimed.
func (l slotList) check(names []string) error {
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for _, v := range l {
		src, _, qualified := strings.Cut(v, ":")
		switch {
		case !qualified && len(names) != 1:
			return fmt.Errorf("--drop-slot %s: %d sources are selected; name the source as SOURCE:SLOT", v, len(names))
		case qualified && !known[src]:
			return fmt.Errorf("--drop-slot %s: no selected source is called %s", v, src)
		}
	}
	return nil
}

// sourceFilter holds --source patterns (repeatable, shell globs).
type sourceFilter []string

func (f *sourceFilter) String() string { return strings.Join(*f, ",") }
func (f *sourceFilter) Set(v string) error {
	_, err := path.Match(v, "")
	*f = append(*f, v)
	return err
}

// match reports whether a source is selected (every source when no pattern).
func (f sourceFilter) match(name string) bool {
	if len(f) == 0 {
		return true
	}
	for _, pattern := range f {
		if ok, _ := path.Match(pattern, name); ok {
			return true
		}
	}
	return false
}

func (o *runOptions) register(fs *flag.FlagSet, apply bool) {
	fs.BoolVar(&o.allowReboot, "allow-reboot", false, "allow the disruptive reboot an Aurora cluster needs for rds.logical_replication (as parameterGroup.reboot: allowed does)")
	fs.BoolVar(&o.prune, "prune", false, "remove security group rules auroracfg created that the spec no longer wants (destructive)")
	fs.Var(&o.sources, "source", "only these sources: a name or a glob (orders-*); repeatable")
	fs.Bool("no-color", false, "accepted for scripts written for Terraform: auroracfg never colors its output")
	fs.Var(&o.dropSlots, "drop-slot", "drop this inactive replication slot (destructive: a pipe still using it must resync): SOURCE:SLOT, or SLOT with one source; repeatable")
	o.applying = apply
	if apply {
		fs.DurationVar(&o.waitTimeout, "wait-timeout", 30*time.Minute, "how long to wait for a rebooting cluster to be available")
	}
}

// openSources opens every selected source's edge as its type says
// (sourcetypes.go), before anything is contacted; a source whose edge
// cannot be opened (a secret that cannot be resolved, AWS configuration)
// is opened as a failedEdge, that source's error in every output.
func openSources(ctx context.Context, e env, files []*schema.File, opts runOptions) ([]openedSource, error) {
	var out []openedSource
	var selected []string
	for _, f := range files {
		for _, spec := range f.Spec.Sources {
			if opts.sources.match(spec.Name) {
				selected = append(selected, spec.Name)
			}
		}
	}
	if err := opts.dropSlots.check(selected); err != nil {
		return nil, err
	}
	only := len(selected) == 1
	o := opening{e: e, opts: opts, clientsFor: regionClients(e)}
	for _, f := range files {
		r := secret.Resolver{Getenv: e.getenv, BaseDir: e.abs(f.Dir())}
		for i := range f.Spec.Sources {
			spec := &f.Spec.Sources[i]
			if !opts.sources.match(spec.Name) {
				continue
			}
			desired := plan.DesiredFor(&f.Spec, spec, plan.RunOptions{AllowReboot: opts.allowReboot, Prune: opts.prune,
				DropSlots: opts.dropSlots.forSource(spec.Name, only)})
			edge, err := openEdge(ctx, o, spec, r)
			if err != nil {
				edge = failedEdge{spec.Name, err} // that source's error, listed with the others' results
			}
			out = append(out, openedSource{EdgeSource: apply.EdgeSource{Desired: desired, Edge: edge}, handoff: edge})
		}
	}
	if len(out) == 0 && len(opts.sources) > 0 {
		return nil, fmt.Errorf("--source %s matches no source in the spec", opts.sources.String())
	}
	return out, nil
}

// loadAndOpen loads every spec file and opens its (selected) sources; it
// returns every problem when anything is wrong, before anything is
// contacted.
func loadAndOpen(ctx context.Context, e env, files []string, opts runOptions) (opened, error) {
	loaded, err := loadSpecs(e, files)
	if err == nil {
		err = sameTargets(e, loaded, opts.baseSpecs)
	}
	if err != nil {
		return opened{}, err
	}
	sources, err := openSources(ctx, e, loaded, opts)
	return opened{files: loaded, sources: sources}, err
}

// planAll observes and plans sources concurrently (apply.PlanAll), with
// the CLI's retry policy and progress interval.
func planAll(ctx context.Context, e env, sources []apply.Source, parallelism int) ([]plan.SourcePlan, []error) {
	return apply.PlanAll(ctx, sources, observeOptions(e, parallelism))
}

// observeOptions are the CLI's: progress on stderr, its retry policy.
func observeOptions(e env, parallelism int) apply.ObserveOptions {
	return apply.ObserveOptions{Parallelism: parallelism, Hooks: render.ObserveText(e.stderr), ProgressInterval: e.observeInterval,
		Retry: retryPolicy(observeAttempts, e.retryDelay)}
}
