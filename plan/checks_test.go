package plan_test

import (
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
)

func init() {
	plan.FailingChecks = func(d plan.Desired, o *plan.Observed, sp plan.SourcePlan) []plan.CheckID {
		var failing []plan.CheckID
		for _, c := range check.Evaluate(d, o, sp) {
			if c.Status == check.Fail {
				failing = append(failing, c.ID)
			}
		}
		return failing
	}
}
