package render

import (
	"bytes"
	"testing"

	"github.com/auroracfg/auroracfg/internal/golden"
	"github.com/auroracfg/auroracfg/internal/kindsamples"
	"github.com/auroracfg/auroracfg/plan"
)

// TestEveryKindInTheJSONPlan: the JSON plan of an action of every kind,
// every payload field set. testdata/every-kind.json was written by the
// renderer before payloads were the changes' own (the union plan.Fields and
// its copy in the contract), so it pins format 1 byte for byte.
func TestEveryKindInTheJSONPlan(t *testing.T) {
	sp := plan.SourcePlan{Source: "s", Type: "aurora-postgresql", Target: "aurora cluster c"}
	for i, c := range kindsamples.All() {
		a := plan.Action{ID: string(c.Kind()), Source: "s", Op: plan.OpCreate, Risk: plan.RiskSafe, Summary: "do it", Why: []plan.Reason{plan.Said{Text: "why"}}, Change: c}
		if i%3 == 1 {
			a.DependsOn, a.BlockedBy, a.Gate, a.Unmanaged = []string{"create-role"}, []string{"writer-address"}, "reboot", true
		}
		sp.Actions = append(sp.Actions, a)
	}
	var b bytes.Buffer
	if err := JSON(&b, &plan.Plan{Sources: []plan.SourcePlan{sp}}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "every-kind.json", b.Bytes())
}
