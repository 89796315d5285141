package plan

import (
	"fmt"
	"io"
	"strings"
)

// SourceChecks are one source's readiness checks, for the check command.
type SourceChecks struct {
	Source string  `json:"source"`
	Type   string  `json:"type"`
	Target string  `json:"target"`
	Ready  bool    `json:"ready"`
	Checks []Check `json:"checks"`
}

// ChecksOf collects each source's checks from its plan.
func ChecksOf(p *Plan) []SourceChecks {
	var out []SourceChecks
	for _, sp := range p.Sources {
		out = append(out, SourceChecks{Source: sp.Source, Type: sp.Type, Target: sp.Target, Ready: ChecksReady(sp.Checks), Checks: sp.Checks})
	}
	return out
}

var statusWord = map[CheckStatus]string{CheckPass: "ok", CheckWarn: "warn", CheckFail: "FAIL"}

// WriteChecksText renders checks for people: one line per check, what was
// seen under it, and the fix or the apply actions that make it pass.
func WriteChecksText(w io.Writer, sources []SourceChecks) error {
	var b strings.Builder
	notReady := 0
	for i, s := range sources {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "source %s (%s, %s)\n", s.Source, s.Type, s.Target)
		for _, c := range s.Checks {
			fmt.Fprintf(&b, "  %-4s  %s\n", statusWord[c.Status], c.Title)
			for _, d := range c.Detail {
				fmt.Fprintf(&b, "          %s\n", d)
			}
			for _, f := range c.Fix {
				fmt.Fprintf(&b, "          fix: %s\n", f)
			}
			if len(c.Actions) > 0 {
				fmt.Fprintf(&b, "          auroracfg apply makes it pass: %s\n", strings.Join(c.Actions, ", "))
			}
		}
		if !s.Ready {
			notReady++
		}
	}
	b.WriteString("\n")
	if notReady == 0 {
		fmt.Fprintf(&b, "Ready: a ClickPipe on %s will start.\n", plural(len(sources), "this source", fmt.Sprintf("each of the %d sources", len(sources))))
	} else {
		fmt.Fprintf(&b, "Not ready: %d of %d %s would fail to start a ClickPipe.\n", notReady, len(sources), plural(len(sources), "source", "sources"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteChecksJSON renders checks as versioned JSON.
func WriteChecksJSON(w io.Writer, sources []SourceChecks) error {
	return writeJSON(w, perSource(sources))
}
