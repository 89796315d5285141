package main

import (
	"testing"

	"github.com/auroracfg/auroracfg/schema"
)

// TestEverySourceTypeHasAnEdge: a type registered in the spec layer with no
// edge here would validate and then fail every run.
func TestEverySourceTypeHasAnEdge(t *testing.T) {
	for _, st := range schema.SourceTypes() {
		if edgeOpeners[st] == nil {
			t.Errorf("source type %s has no edge opener", st)
		}
	}
	if len(edgeOpeners) != len(schema.SourceTypes()) {
		t.Errorf("%d edge openers for %d registered source types", len(edgeOpeners), len(schema.SourceTypes()))
	}
}
