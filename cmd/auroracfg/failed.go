package main

import (
	"context"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
)

// failedEdge is a source that could not be opened (a secret it needs could
// not be resolved): every step returns that error, so the source is listed
// with it in every output like a source that could not be observed, and
// the run goes on with the others. Nothing is contacted.
type failedEdge struct {
	name string
	err  error
}

func (f failedEdge) Name() string { return f.name }
func (f failedEdge) Observe(context.Context, plan.Scope) (*plan.Observed, string, error) {
	return nil, "", f.err
}
func (f failedEdge) Begin(context.Context) (apply.Session, error)  { return nil, f.err }
func (f failedEdge) Endpoint(context.Context) (string, int, error) { return "", 0, f.err }
func (f failedEdge) PrivatePath(context.Context, plan.Scope) (*plan.PrivateLinkObserved, error) {
	return nil, f.err
}
func (f failedEdge) PublishedTables(context.Context, plan.Scope) ([]plan.TableName, error) {
	return nil, f.err
}
