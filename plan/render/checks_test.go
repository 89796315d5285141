package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
)

// TestCheckLinesKeepTheirFixes: each fix is printed under its own finding,
// and a blocked action is never followed by "apply makes it pass".
func TestCheckLinesKeepTheirFixes(t *testing.T) {
	c := check.Check{ID: plan.CheckPublication, Title: "the publication exists", Status: check.Fail, Items: []check.Item{
		{Detail: "app.cache is unlogged", Fix: "ALTER TABLE app.cache SET LOGGED"},
		{Detail: "to do: create publication pub", Action: "publication/pub", Held: []plan.Qualifier{{Kind: plan.QualifierBlocked, Findings: []string{"replica-identity"}}}},
		{Detail: "to do: grant usage on schema app", Action: "usage/app"},
	}}
	var b bytes.Buffer
	if err := ChecksText(&b, []check.SourceChecks{{Source: "s", Type: "postgresql", Target: "db", Checks: []check.Check{c}}}); err != nil {
		t.Fatal(err)
	}
	want := `  FAIL  the publication exists
          app.cache is unlogged
          fix: ALTER TABLE app.cache SET LOGGED
          to do: create publication pub
          apply will not run it: blocked by replica-identity
          to do: grant usage on schema app
          auroracfg apply makes it pass: usage/app
`
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
}
