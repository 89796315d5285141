package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/internal/golden"
	"github.com/auroracfg/auroracfg/internal/kindsamples"
	"github.com/auroracfg/auroracfg/plan/check"
)

// TestCheckReferenceIsCurrent: docs/check-reference.md lists each check
// from its definition: its title, the findings that fail or warn it, and
// the kinds of action that make it pass (read from what each kind says it
// serves, every payload field set).
func TestCheckReferenceIsCurrent(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Checks: what fails them and what makes them pass\n\n")
	b.WriteString("<!-- Generated from the checks' definitions (plan/check), their titles (plan/render) and the kinds of\n")
	b.WriteString("     change; do not edit. Regenerate with go test ./plan/render -run TestCheckReferenceIsCurrent -update -->\n\n")
	b.WriteString("Each check of `auroracfg check`, in the order they are made; [checks](checks.md) says what each one\n")
	b.WriteString("mirrors and why. A finding of a listed code fails the check (a blocker) or makes it warn (a\n")
	b.WriteString("warning); an action of a listed kind still to do fails it until apply has run it. Codes are the\n")
	b.WriteString("`findings[].id` of the JSON plan (before any `/subject`), kinds its `actions[].action`.\n\n")
	b.WriteString("| check | title | findings | actions that make it pass |\n|---|---|---|---|\n")
	samples := kindsamples.All()
	for _, id := range check.IDs() {
		var codes, kinds []string
		for _, c := range check.FindingsOf(id) {
			codes = append(codes, "`"+string(c)+"`")
		}
		for _, c := range samples {
			if slices.Contains(c.Serves(), id) && !slices.Contains(kinds, "`"+string(c.Kind())+"`") {
				kinds = append(kinds, "`"+string(c.Kind())+"`")
			}
		}
		slices.Sort(kinds)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", id, checkTitle(id), orDash(codes), orDash(kinds))
	}
	golden.CheckFile(t, "../../docs/check-reference.md", []byte(b.String()))
}

func orDash(items []string) string {
	if len(items) == 0 {
		return "—"
	}
	return strings.Join(items, ", ")
}
