package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/auroracfg/auroracfg/plan/render"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/aurora"
	"github.com/auroracfg/auroracfg/sources/postgres"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// edgeOpener opens the edge of a spec source of one type: what cmd knows of
// a source type (registered in the spec layer, schema.SourceTypes). Nothing
// is contacted yet.
type edgeOpener func(ctx context.Context, o opening, spec *schema.Source, r secret.Resolver) (sourceEdge, error)

// edgeOpeners has one entry per registered source type (a test checks).
var edgeOpeners = map[schema.SourceType]edgeOpener{
	schema.TypePostgreSQL: openPostgres,
	schema.TypeAurora:     openAurora,
}

// openEdge opens a source's edge as its type says.
func openEdge(ctx context.Context, o opening, spec *schema.Source, r secret.Resolver) (sourceEdge, error) {
	open, found := edgeOpeners[spec.Type]
	if !found { // validate refuses the type first; never a nil call
		return nil, fmt.Errorf("source type %q has no edge", spec.Type)
	}
	return open(ctx, o, spec, r)
}

// opening is what opening the edges of one run shares.
type opening struct {
	e    env
	opts runOptions
	// clientsFor gives the AWS clients of a region, made once per region.
	clientsFor func(ctx context.Context, region string) (aurora.Clients, error)
}

// openPostgres resolves the source's secrets and connection settings, so a
// bad reference changes nothing.
func openPostgres(_ context.Context, o opening, spec *schema.Source, r secret.Resolver) (sourceEdge, error) {
	src, err := postgres.NewSource(spec, r)
	if err != nil {
		return nil, err
	}
	if o.opts.applying {
		src.KeepObservedConnection()
	}
	return adapted[*postgres.Session]{src.WithWaits(render.WaitText(o.e.stderr))}, nil
}

// openAurora makes the source's AWS clients; its secrets are resolved at
// plan time (from AWS).
func openAurora(ctx context.Context, o opening, spec *schema.Source, r secret.Resolver) (sourceEdge, error) {
	c, err := o.clientsFor(ctx, spec.Region)
	if err != nil {
		return nil, fmt.Errorf("AWS configuration for %s: %w", spec.Region, err)
	}
	return adapted[*aurora.Session]{aurora.NewSource(spec, c, r, aurora.Options{
		Waits: render.WaitText(o.e.stderr), WaitTimeout: o.opts.waitTimeout, PollInterval: o.e.pollInterval, ProgressInterval: o.e.progressInterval,
		ClientsFor: o.clientsFor})}, nil
}

// regionClients makes one set of AWS clients per region, shared by the
// sources (and made for a Global Database's primary region when one moves
// there).
func regionClients(e env) func(ctx context.Context, region string) (aurora.Clients, error) {
	var mu sync.Mutex
	clients := map[string]aurora.Clients{}
	return func(ctx context.Context, region string) (aurora.Clients, error) {
		mu.Lock()
		defer mu.Unlock()
		if c, found := clients[region]; found {
			return c, nil
		}
		c, err := e.awsClients(ctx, region)
		if err == nil {
			clients[region] = c
		}
		return c, err
	}
}
