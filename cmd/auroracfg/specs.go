package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/postgres"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// defaultParallelism bounds how many sources are observed or applied at once.
const defaultParallelism = 8

// loadSpecs loads every file and reports every problem of every file.
func loadSpecs(e env, paths []string) ([]*schema.File, bool) {
	var files []*schema.File
	var diags schema.Diagnostics
	seen := map[string]string{}
	for _, p := range paths {
		f, err := schema.Load(e.abs(p))
		var ds schema.Diagnostics
		if errors.As(err, &ds) {
			for i := range ds {
				ds[i].File = p
			}
			diags = append(diags, ds...)
			continue
		}
		for i, src := range f.Spec.Sources {
			path := fmt.Sprintf("sources[%d].name", i)
			if other, dup := seen[src.Name]; dup {
				diags = append(diags, schema.Diagnostic{File: p, Pos: f.PosOf(path), Message: fmt.Sprintf("source %q is also declared in %s", src.Name, other)})
			}
			seen[src.Name] = p
		}
		f.Path = p
		files = append(files, f)
	}
	for _, d := range diags {
		fmt.Fprintln(e.stderr, d.Error())
	}
	if len(diags) > 0 {
		fmt.Fprintf(e.stderr, "%d %s found; nothing was contacted or changed.\n", len(diags), plural(len(diags), "problem", "problems"))
		return nil, false
	}
	return files, true
}

// pgSource adapts the PostgreSQL edge to apply's small interface.
type pgSource struct{ *postgres.Source }

func (s pgSource) Begin(ctx context.Context) (apply.Session, error) {
	sess, err := s.Source.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return sess, nil
}

// openSources resolves every source's secrets and connection settings
// before anything is contacted, so a bad reference changes nothing.
func openSources(e env, files []*schema.File) ([]apply.Source, bool) {
	var out []apply.Source
	ok := true
	for _, f := range files {
		r := secret.Resolver{Getenv: e.getenv, BaseDir: e.abs(f.Dir())}
		for i := range f.Spec.Sources {
			src, err := postgres.NewSource(&f.Spec, &f.Spec.Sources[i], r)
			if err != nil {
				fmt.Fprintf(e.stderr, "Error: %v\n", err)
				ok = false
				continue
			}
			out = append(out, pgSource{src})
		}
	}
	return out, ok
}

// planAll observes and plans sources concurrently; results keep source order.
func planAll(ctx context.Context, sources []apply.Source, parallelism int) ([]plan.SourcePlan, []error) {
	plans := make([]plan.SourcePlan, len(sources))
	errs := make([]error, len(sources))
	if parallelism < 1 {
		parallelism = 1
	}
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i, s := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			plans[i], errs[i] = s.Plan(ctx)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("source %s: %w", s.Name(), errs[i])
			}
		}()
	}
	wg.Wait()
	return plans, errs
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
