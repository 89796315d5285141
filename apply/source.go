package apply

import (
	"context"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
	"github.com/auroracfg/auroracfg/schema"
)

// Edge is what the pipeline needs of a source's edge (PostgreSQL, or Aurora:
// AWS, then PostgreSQL on the writer): the observed state of the desired
// state's scope, described by target (where it was observed, for people),
// and sessions that execute changes. An edge neither builds desired state
// nor diffs.
type Edge interface {
	Name() string
	Observe(ctx context.Context, scope plan.Scope) (o *plan.Observed, target string, err error)
	Begin(ctx context.Context) (Session, error)
}

// EdgeSource is a spec source in the pipeline: its desired state, built once
// from the spec and the run's options, and the edge that observes and
// executes it. Its Plan is the one place where observed state meets the
// diff.
type EdgeSource struct {
	Desired plan.Desired
	Edge    Edge
}

// Name is the source's spec name.
func (s EdgeSource) Name() string { return s.Edge.Name() }

// Plan observes the source and diffs it against the desired state.
func (s EdgeSource) Plan(ctx context.Context) (plan.SourcePlan, error) {
	_, sp, err := s.observeAndDiff(ctx)
	return sp, err
}

func (s EdgeSource) observeAndDiff(ctx context.Context) (*plan.Observed, plan.SourcePlan, error) {
	o, target, err := s.Edge.Observe(ctx, s.Desired.Scope())
	if err != nil {
		return nil, plan.SourcePlan{}, err
	}
	sp := plan.Build(s.Desired, o)
	sp.Target = target
	return o, sp, nil
}

// Check observes the source, diffs, and evaluates its readiness checks:
// the pass that reads the desired state, the observed state and the plan.
func (s EdgeSource) Check(ctx context.Context) (check.SourceChecks, error) {
	o, sp, err := s.observeAndDiff(ctx)
	if err != nil {
		return check.SourceChecks{}, err
	}
	return check.Source(s.Desired, o, sp), nil
}

// Begin opens a session on the edge.
func (s EdgeSource) Begin(ctx context.Context) (Session, error) { return s.Edge.Begin(ctx) }

// Lock holds the edge's apply lock, when it has one.
func (s EdgeSource) Lock(ctx context.Context) (func(), error) {
	if l, ok := s.Edge.(Locker); ok {
		return l.Lock(ctx)
	}
	return func() {}, nil
}

var _ Locker = EdgeSource{}

// Server names the server the source lives on, when its edge knows.
func (s EdgeSource) Server() string {
	if e, ok := s.Edge.(Server); ok {
		return e.Server()
	}
	return ""
}

// TypeOf is a source's spec type ("" when it is not an EdgeSource).
func TypeOf(s Source) schema.SourceType {
	if es, ok := s.(EdgeSource); ok {
		return es.Desired.Type
	}
	return ""
}

// Close lets the edge close what it kept open (an apply's connection, kept
// for the observation and hand-off after it).
func (s EdgeSource) Close() {
	if c, ok := s.Edge.(interface{ Close() }); ok {
		c.Close()
	}
}

// CloseAll closes every source that keeps something open.
func CloseAll(sources []Source) {
	for _, s := range sources {
		if c, ok := s.(interface{ Close() }); ok {
			c.Close()
		}
	}
}
