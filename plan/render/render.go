package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/jsonplan"
)

// FormatVersion is the version of the JSON plan format (plan/jsonplan).
const FormatVersion = jsonplan.FormatVersion

// JSON renders the plan as indented, versioned JSON (jsondoc.go); the
// text rendering reads the same plan.Plan value, so the two cannot disagree.
func JSON(w io.Writer, p *plan.Plan) error {
	return writeJSON(w, planDocOf(p))
}

// writeJSON renders v as indented JSON, the form of every JSON output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// perSource is the versioned document of the outputs that list one entry
// per source (checks, hand-offs); never null.
func perSource[T any](sources []T) any {
	if sources == nil {
		sources = []T{}
	}
	return struct {
		FormatVersion string `json:"format_version"`
		Sources       []T    `json:"sources"`
	}{FormatVersion, sources}
}

// Text renders the plan for people, Terraform-style.
func Text(w io.Writer, p *plan.Plan) error {
	var b strings.Builder
	for i := range p.Sources {
		writeSourceText(&b, &p.Sources[i])
	}
	c := p.Counts()
	failures := p.Failures()
	switch {
	case !p.HasChanges() && failures == 0:
		b.WriteString("No changes. Every source matches the spec and is ready for ClickPipes.\n")
	case !p.HasChanges():
		b.WriteString("No changes in the sources observed.\n")
	default:
		fmt.Fprintf(&b, "Plan: %d to add, %d to change, %d to destroy.\n", c.Add, c.Change, c.Destroy)
		if n := blockerCount(p); n > 0 {
			fmt.Fprintf(&b, "%d blocking %s must be fixed before the sources are ready: each says how (in the spec, or outside auroracfg).\n", n, plan.Plural(n, "problem", "problems"))
		}
	}
	if failures > 0 {
		fmt.Fprintf(&b, "%s: %s unknown.\n", unobserved(failures), plan.Plural(failures, "its state is", "their state is"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func blockerCount(p *plan.Plan) int {
	n := 0
	for i := range p.Sources {
		n += len(p.Sources[i].Blockers())
	}
	return n
}

// unobserved says how many sources could not be observed.
func unobserved(n int) string {
	return fmt.Sprintf("%d %s not be observed", n, plan.Plural(n, "source could", "sources could"))
}

func writeSourceText(b *strings.Builder, sp *plan.SourcePlan) {
	if sp.Failed() {
		fmt.Fprintf(b, "source %s (%s)\n  x error: could not be observed: %s\n\n", sp.Source, sp.Type, sp.Error)
		return
	}
	fmt.Fprintf(b, "source %s (%s, %s)\n", sp.Source, sp.Type, sp.Target)
	if sp.Ready() && len(sp.Findings) == 0 {
		b.WriteString("  no changes\n\n")
		return
	}
	for _, f := range sp.Findings {
		mark := "!"
		if f.Severity == plan.SeverityWarning {
			mark = "?"
		}
		message, fix := findingWords(f, sp.Actions)
		fmt.Fprintf(b, "  %s %s: %s\n", mark, f.Severity, message)
		if fix != "" {
			fmt.Fprintf(b, "      fix: %s\n", fix)
		}
	}
	for _, a := range sp.Actions {
		fmt.Fprintf(b, "  %s %s%s\n      because %s\n", a.Op.Symbol(), summaryText(a), tagged(actionTags(a)), reasonText(a))
	}
	b.WriteString("\n")
}
