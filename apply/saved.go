package apply

import (
	"fmt"

	"github.com/auroracfg/auroracfg/plan"
)

// MatchSaved pairs each source of a saved plan with the source it was made
// for, as observed again now (current and errs are in sources' order), and
// returns the jobs that run exactly the saved actions. Each problem makes the
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
		default:
			jobs = append(jobs, Job{Source: sources[i], Plan: sp})
		}
	}
	return jobs, problems
}
