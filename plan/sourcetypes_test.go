package plan

import (
	"testing"

	"github.com/auroracfg/auroracfg/schema"
)

// TestEverySourceTypeHasAKind: a type registered in the spec layer and not
// here would plan as a bare database and hand off with no ClickPipes type.
func TestEverySourceTypeHasAKind(t *testing.T) {
	for _, st := range schema.SourceTypes() {
		if k, ok := sourceKinds[st]; !ok || k.clickPipesType == "" {
			t.Errorf("source type %s has no plan kind with a ClickPipes type", st)
		}
	}
	if len(sourceKinds) != len(schema.SourceTypes()) {
		t.Errorf("%d plan kinds for %d registered source types", len(sourceKinds), len(schema.SourceTypes()))
	}
}
