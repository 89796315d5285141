package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/apply"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// sourceEdge is what cmd opens for a spec source: the edge the pipeline
// runs and the reads the hand-off needs, declared here by their consumer
// so nothing has to be asserted behind apply.Source.
type sourceEdge interface {
	apply.Edge
	handoffSource
}

// handoffSource is what the hand-off reads from a source edge. PrivatePath
// is nil for an edge that has no private path (a plain PostgreSQL server).
type handoffSource interface {
	Endpoint(context.Context) (string, int, error)
	PublishedTables(context.Context, plan.Scope) ([]plan.TableName, error)
	PrivatePath(context.Context, plan.Scope) (*plan.PrivateLinkObserved, error)
}

// openedSource is one selected spec source as cmd opened it: what the
// pipeline runs and what the hand-off reads, one edge.
type openedSource struct {
	apply.EdgeSource
	handoff handoffSource
}

// opened is a run's spec files and its selected sources, in spec order.
type opened struct {
	files   []*schema.File
	sources []openedSource
}

// pipeline is the sources as the apply pipeline takes them.
func (o opened) pipeline() []apply.Source {
	out := make([]apply.Source, len(o.sources))
	for i, s := range o.sources {
		out[i] = s.EdgeSource
	}
	return out
}

// close closes what the edges kept open.
func (o opened) close() { apply.CloseAll(o.pipeline()) }

// sourceFailures are the sources that failed while the others went on:
// each is listed in the command's output as that source's row, and
// exitCode prints each once ("Error: source NAME: …", exit 1).
type sourceFailures []*apply.SourceError

func (f sourceFailures) Error() string {
	lines := make([]string, len(f))
	for i, se := range f {
		lines[i] = se.Error()
	}
	return strings.Join(lines, "\n")
}

// add records a source's failure, err as apply reported it (already a
// SourceError) or as the edge returned it.
func (f *sourceFailures) add(source string, err error) {
	var se *apply.SourceError
	if !errors.As(err, &se) {
		se = &apply.SourceError{Source: source, Err: err}
	}
	*f = append(*f, se)
}

func (f sourceFailures) report(w io.Writer) {
	for _, se := range f {
		fmt.Fprintf(w, "Error: %s\n", plan.Visible(se.Error()))
	}
}

// err is the failures as a command's error: nil when there are none.
func (f sourceFailures) err() error {
	if len(f) == 0 {
		return nil
	}
	return f
}
