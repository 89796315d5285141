package apply

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan"
)

// named is a source that only has a name.
type named string

func (n named) Name() string                                { return string(n) }
func (named) Plan(context.Context) (plan.SourcePlan, error) { return plan.SourcePlan{}, nil }
func (named) Begin(context.Context) (Session, error)        { return nil, nil }

func TestMatchSaved(t *testing.T) {
	saved := []plan.SourcePlan{
		{Source: "same", ObservedDigest: "d1"},
		{Source: "changed", ObservedDigest: "d2"},
		{Source: "gone", ObservedDigest: "d3"},
		{Source: "down", ObservedDigest: "d4"},
		// edited by hand: an action added to the file
		{Source: "edited", ObservedDigest: "d5", Actions: []plan.Action{{ID: "select/app", Change: plan.GrantSelect{Role: "cp", Schema: "app"}}}},
	}
	sources := []Source{named("down"), named("changed"), named("same"), named("edited")}
	current := []plan.SourcePlan{{}, {Source: "changed", ObservedDigest: "d2-now"}, {Source: "same", ObservedDigest: "d1"}, {Source: "edited", ObservedDigest: "d5"}}
	errs := []error{errors.New("source down: connection refused"), nil, nil, nil}

	jobs, problems := MatchSaved(saved, sources, current, errs)
	var ran []string
	for _, j := range jobs {
		ran = append(ran, j.Plan.Source)
	}
	if diff := cmp.Diff([]string{"same"}, ran); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{
		"saved plan is stale: source changed changed since the plan was made (its observed state differs); run plan again",
		"saved plan is stale: source gone is no longer in the spec",
		"source down: connection refused",
		"saved plan does not match: for source edited's observed state apply computes other actions or findings than the file holds (was it edited?); run plan again",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
