package render

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/plan"
)

// TestQualifiersInEveryFormat: whatever holds an action back (a blocker, a
// reboot not allowed, aws.manage: observe) is said next to it in text and
// Markdown as in JSON, and Markdown's "Needs attention" never lists a
// held-back action without what holds it.
func TestQualifiersInEveryFormat(t *testing.T) {
	names, _ := filepath.Glob("../testdata/fixtures/*.json")
	seen := map[plan.QualifierKind]bool{}
	for _, path := range names {
		p := fixture(t, filepath.Base(path))
		// A reboot that is not allowed, in every fixture that reboots.
		for i := range p.Sources {
			for j, a := range p.Sources[i].Actions {
				if _, ok := a.Change.(plan.RebootCluster); ok {
					p.Sources[i].Actions[j].Gate = plan.GateReboot
				}
			}
		}
		out := map[string]string{}
		for name, render := range map[string]func(io.Writer, *plan.Plan) error{"text": Text, "markdown": Markdown, "json": JSON} {
			var b bytes.Buffer
			if err := render(&b, p); err != nil {
				t.Fatal(err)
			}
			out[name] = b.String()
		}
		for _, sp := range p.Sources {
			for _, a := range sp.Actions {
				for _, q := range a.Qualifiers() {
					seen[q.Kind] = true
					for _, format := range []string{"text", "markdown"} {
						if !strings.Contains(out[format], inCode(summaryText(a))+"  ["+strings.Join(actionTags(a), "; ")+"]") {
							t.Errorf("%s %s: %q is not tagged %q", path, format, summaryText(a), qualifierText(q))
						}
					}
					if a.Risk != plan.RiskSafe && !strings.Contains(alertOf(out["markdown"], summaryText(a)), mdEscape(qualifierText(q))) {
						t.Errorf("%s: Needs attention lists %q without %q:\n%s", path, summaryText(a), qualifierText(q), out["markdown"])
					}
				}
			}
		}
	}
	for _, k := range []plan.QualifierKind{plan.QualifierGated, plan.QualifierUnmanaged} {
		if !seen[k] {
			t.Errorf("no fixture has a %s action: the test proves nothing for it", k)
		}
	}
}

// alertOf is the "Needs attention" line of the action summarized so.
func alertOf(markdown, summary string) string {
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(line, "- :warning:") && strings.Contains(line, "`"+mdEscape(summary)+"`") {
			return line
		}
	}
	return ""
}
