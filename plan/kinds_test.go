package plan_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/internal/kindsamples"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/jsonplan"
)

// TestEveryKindSurvivesASavedPlan: each kind of change, with every payload
// field set, comes back from a saved plan as the same typed change. A kind
// registered without a sample in internal/kindsamples fails, so a new kind
// cannot skip it; so does a payload key outside the JSON contract, and a
// contract key no kind uses.
func TestEveryKindSurvivesASavedPlan(t *testing.T) {
	sampled := map[plan.Kind]bool{}
	used := map[string]bool{}
	for _, c := range kindsamples.All() {
		sampled[c.Kind()] = true
		in := plan.Action{ID: "x", Source: "s", Op: plan.OpCreate, Risk: plan.RiskSafe, DependsOn: []string{}, Change: c}
		data, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err) // a payload key outside the contract fails here
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(data, &keys); err != nil {
			t.Fatal(err)
		}
		for k := range keys {
			used[k] = true
		}
		var out plan.Action
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s: %v", c.Kind(), err)
		}
		if diff := cmp.Diff(in, out); diff != "" {
			t.Errorf("%s (-saved +read):\n%s", c.Kind(), diff)
		}
	}
	for _, k := range plan.Kinds() {
		if !sampled[k] {
			t.Errorf("kind %s has no sample in internal/kindsamples", k)
		}
	}
	for _, k := range jsonplan.PayloadKeys {
		if !used[k] {
			t.Errorf("payload key %q of the JSON plan is no kind's", k)
		}
	}
	var out plan.Action
	if err := json.Unmarshal([]byte(`{"id": "x", "action": "launch-rocket"}`), &out); err == nil {
		t.Errorf("an unknown kind was read")
	}
}
