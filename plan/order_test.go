package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ids(actions []Action) []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.ID)
	}
	return out
}

func TestInDependencyOrder(t *testing.T) {
	in := []Action{
		{ID: "publication", DependsOn: []string{"identity", "reboot"}},
		{ID: "role"},
		{ID: "identity"},
		{ID: "grant", DependsOn: []string{"role", "elsewhere"}},
		{ID: "reboot", DependsOn: []string{"attach"}},
		{ID: "attach"},
	}
	want := []string{"identity", "attach", "reboot", "publication", "role", "grant"}
	if diff := cmp.Diff(want, ids(inDependencyOrder(in))); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	already := []Action{{ID: "a"}, {ID: "b", DependsOn: []string{"a"}}, {ID: "c"}}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids(inDependencyOrder(already))); diff != "" {
		t.Errorf("an order that respects the dependencies changed (-want +got):\n%s", diff)
	}
}

// respectsDependencies fails the test when an action of sp comes before an
// action of sp it depends on.
func respectsDependencies(t *testing.T, name string, sp SourcePlan) {
	t.Helper()
	seen := map[string]bool{}
	all := map[string]bool{}
	for _, a := range sp.Actions {
		all[a.ID] = true
	}
	for _, a := range sp.Actions {
		for _, dep := range a.DependsOn {
			if all[dep] && !seen[dep] {
				t.Errorf("%s: %s comes before %s, which it depends on: %v", name, a.ID, dep, ids(sp.Actions))
			}
		}
		seen[a.ID] = true
	}
}
