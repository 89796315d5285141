package plan_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/auroracfg/auroracfg/internal/golden"
	"github.com/auroracfg/auroracfg/internal/kindsamples"
	"github.com/auroracfg/auroracfg/plan"
)

// TestEveryKindInASavedPlan: an action of every kind as a saved plan holds
// it. testdata/every-kind-saved.jsonl was written before payloads were the
// changes' own, so saved plans of earlier releases still read the same.
func TestEveryKindInASavedPlan(t *testing.T) {
	var b bytes.Buffer
	for _, c := range kindsamples.All() {
		data, err := json.Marshal(plan.Action{ID: string(c.Kind()), Source: "s", Op: plan.OpCreate, Risk: plan.RiskSafe, Change: c})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(data, '\n'))
	}
	golden.Check(t, "every-kind-saved.jsonl", b.Bytes())
}
