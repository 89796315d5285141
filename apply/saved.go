package apply

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/auroracfg/auroracfg/plan"
)

// MatchSaved pairs each source of a saved plan with the source it was made
// for, as observed again now (current and errs are in sources' order), and
// returns the jobs that run exactly the saved actions: the plan computed
// afresh, which must equal the saved one. Each problem makes the
// saved plan stale: a source no longer in the spec, one that could not be
// observed, or one whose observed state differs from what the plan was
// computed from. With any problem, nothing may run.
func MatchSaved(saved []plan.SourcePlan, sources []Source, current []plan.SourcePlan, errs []error) (jobs []Job, problems []error) {
	byName := map[string]int{}
	for i, s := range sources {
		byName[s.Name()] = i
	}
	for _, sp := range saved {
		i, found := byName[sp.Source]
		switch {
		case !found:
			problems = append(problems, fmt.Errorf("saved plan is stale: source %s is no longer in the spec", sp.Source))
		case errs[i] != nil:
			problems = append(problems, errs[i])
		case current[i].ObservedDigest != sp.ObservedDigest:
			problems = append(problems, fmt.Errorf("saved plan is stale: source %s changed since the plan was made (its observed state differs); run plan again", sp.Source))
		case !samePlan(current[i], sp):
			// Same state, another plan: the file was edited. Only a plan
			// apply would compute itself runs.
			problems = append(problems, fmt.Errorf("saved plan does not match: for source %s's observed state apply computes other actions or findings than the file holds (was it edited?); run plan again", sp.Source))
		default:
			jobs = append(jobs, Job{Source: sources[i], Plan: current[i]})
		}
	}
	return jobs, problems
}

// samePlan compares what a plan would do and report, in the saved form.
func samePlan(a, b plan.SourcePlan) bool {
	ja, errA := json.Marshal(struct {
		A []plan.Action
		F []plan.Finding
	}{a.Actions, a.Findings})
	jb, errB := json.Marshal(struct {
		A []plan.Action
		F []plan.Finding
	}{b.Actions, b.Findings})
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}
