package plan

// inDependencyOrder returns the actions ordered so that each comes after
// every action it depends on, keeping the given order wherever the
// dependencies allow it (a stable topological sort): the diff emits actions
// in the guide's order, and this makes that order a guarantee rather than a
// habit of each domain's diff. A dependency on an action not in the list is
// ignored; a cycle (a bug in the diff) keeps its actions in the given order.
func inDependencyOrder(actions []Action) []Action {
	index := make(map[string]int, len(actions))
	for i, a := range actions {
		index[a.ID] = i
	}
	out := make([]Action, 0, len(actions))
	placed := make([]bool, len(actions))
	visiting := make([]bool, len(actions))
	var place func(i int)
	place = func(i int) {
		if placed[i] || visiting[i] {
			return
		}
		visiting[i] = true
		for _, dep := range actions[i].DependsOn {
			if j, ok := index[dep]; ok {
				place(j)
			}
		}
		visiting[i] = false
		placed[i] = true
		out = append(out, actions[i])
	}
	for i := range actions {
		place(i)
	}
	return out
}
