package render

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/internal/golden"
	"github.com/auroracfg/auroracfg/internal/kindsamples"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/jsonplan"
)

// TestJSONPlanReferenceIsCurrent: docs/json-plan.md lists each kind of
// action with the payload keys it carries in the JSON plan, read from what
// the kind actually writes (an action of every kind, every field set).
func TestJSONPlanReferenceIsCurrent(t *testing.T) {
	samples := kindsamples.All()
	slices.SortFunc(samples, func(a, b plan.Change) int { return strings.Compare(string(a.Kind()), string(b.Kind())) })
	var b strings.Builder
	b.WriteString("# JSON plan: actions by kind\n\n")
	b.WriteString("<!-- Generated from the kinds of change (plan/change_*.go, plan/jsonplan); do not edit. Regenerate with\n")
	b.WriteString("     go test ./plan/render -run TestJSONPlanReferenceIsCurrent -update -->\n\n")
	fmt.Fprintf(&b, "Every action of `plan --format json` (format_version %q, described in [outputs](outputs.md))\n", jsonplan.FormatVersion)
	b.WriteString("has the same envelope: `id`, `source`, `action` (its kind), `op`, `risk`, `summary`, `reason`\n")
	b.WriteString("(the words), `why` (the facts the words come from, each an object of its `code` and operands:\n")
	b.WriteString("[reasons](#reasons) below), `depends_on`, and `blocked_by` when findings block it. Then come\n")
	b.WriteString("its kind's payload keys, listed ")
	b.WriteString("below (a key is left out when empty), then `gate` (`reboot` when a reboot is not allowed) and\n")
	b.WriteString("`unmanaged` (`aws.manage: observe`) where they apply. Keys keep one meaning across kinds. What an\n")
	b.WriteString("action makes pass can depend on its payload: `alter-role` adding LOGIN makes `login` pass too.\n\n")
	b.WriteString("| action | runs on | makes pass | payload keys |\n|---|---|---|---|\n")
	for _, c := range samples {
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]any
		if err := json.Unmarshal(data, &fields); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, k := range jsonplan.PayloadKeys {
			if v, ok := fields[k]; ok {
				keys = append(keys, "`"+k+"` "+jsonType(v))
			}
		}
		serves := "—"
		var ids []string
		for _, id := range c.Serves() {
			ids = append(ids, string(id))
		}
		if len(ids) > 0 {
			serves = "`" + strings.Join(ids, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.Kind(), c.Edge(), serves, strings.Join(keys, ", "))
	}
	writeReasonReference(&b)
	golden.CheckFile(t, "../../docs/json-plan.md", []byte(b.String()))
}

// jsonType is a JSON value's shape: string, integer, boolean, [string],
// [{schema, name}].
func jsonType(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case float64:
		return "integer"
	case bool:
		return "boolean"
	case []any:
		if len(v) == 0 {
			return "[]"
		}
		return "[" + jsonType(v[0]) + "]"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(v))
		return "{" + strings.Join(keys, ", ") + "}"
	}
	return fmt.Sprintf("%T", v)
}

// writeReasonReference lists every fact an action's why can hold, by code,
// with its operand keys (read from the fact's json tags).
func writeReasonReference(b *strings.Builder) {
	b.WriteString("\n## Reasons\n\n")
	b.WriteString("An action's `why` holds one or more of these facts, in order, and `reason` is their words; a\n")
	b.WriteString("finding's `fact` is one of them, and `message` and `fix` its words (findings not moved to facts\n")
	b.WriteString("yet have none). A code keeps its meaning; operands are names and numbers (`said` carries the\n")
	b.WriteString("words of a plan saved before reasons were facts).\n\n| code | operands |\n|---|---|\n")
	facts := plan.ReasonZeros()
	slices.SortFunc(facts, func(x, y plan.Reason) int { return strings.Compare(string(plan.CodeOf(x)), string(plan.CodeOf(y))) })
	for _, r := range facts {
		t := reflect.TypeOf(r)
		var keys []string
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			keys = append(keys, "`"+name+"`")
		}
		operands := "—"
		if len(keys) > 0 {
			operands = strings.Join(keys, ", ")
		}
		fmt.Fprintf(b, "| `%s` | %s |\n", plan.CodeOf(r), operands)
	}
}
