package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// MaxMarkdown is GitHub's limit for a comment body.
const MaxMarkdown = 65536

// Markdown renders the plan as a pull-request comment: disruptive and
// destructive actions and blockers called out first, a summary table per
// source, and each source's actions in a collapsible block. It stays under
// GitHub's comment limit, cutting whole sections (never inside a table or
// block) and saying so.
func Markdown(w io.Writer, p *plan.Plan) error {
	c := p.Counts()
	var head strings.Builder
	head.WriteString("### auroracfg plan\n\n")
	failures := p.Failures()
	switch {
	case !p.HasChanges() && failures == 0:
		head.WriteString("**No changes.** Every source matches the spec and is ready for ClickPipes.\n")
	case !p.HasChanges():
		head.WriteString("**No changes in the sources observed.**\n")
	default:
		fmt.Fprintf(&head, "**Plan: %d to add, %d to change, %d to destroy.**\n", c.Add, c.Change, c.Destroy)
	}
	if failures > 0 {
		fmt.Fprintf(&head, "\n**%s: %s unknown.**\n", unobserved(failures), plan.Plural(failures, "its state is", "their state is"))
	}
	var alerts []string
	for _, sp := range p.Sources {
		if sp.Failed() {
			alerts = append(alerts, fmt.Sprintf("- :x: **%s** could not be observed: %s", mdEscape(sp.Source), mdEscape(sp.Error)))
		}
		for _, f := range sp.Blockers() {
			message, _ := findingWords(f, sp.Actions)
			alerts = append(alerts, fmt.Sprintf("- :no_entry: **%s** blocked: %s", mdEscape(sp.Source), mdEscape(message)))
		}
		for _, a := range sp.Actions {
			if a.Risk == plan.RiskSafe {
				continue
			}
			// A held-back action is said with what holds it (a reboot
			// not allowed is never run by apply, so no alarm of one).
			what := string(a.Risk)
			if qs := a.Qualifiers(); len(qs) > 0 {
				var held []string
				for _, q := range qs {
					held = append(held, qualifierText(q))
				}
				what += " (" + strings.Join(held, "; ") + ")"
			}
			alerts = append(alerts, fmt.Sprintf("- :warning: **%s** %s: `%s` — %s", mdEscape(sp.Source), mdEscape(what), mdEscape(summaryText(a)), mdEscape(reasonText(a))))
		}
	}
	if len(alerts) > 0 {
		head.WriteString("\n**Needs attention**\n\n" + strings.Join(alerts, "\n") + "\n")
	}
	head.WriteString("\n| source | type | add | change | destroy | blockers | status |\n|---|---|---:|---:|---:|---:|---|\n")
	var sections []string
	for _, sp := range p.Sources {
		one := plan.Plan{Sources: []plan.SourcePlan{sp}}
		sc := one.Counts()
		status := ":white_check_mark: ready"
		switch {
		case sp.Failed():
			status = ":x: error"
		case !sp.Ready():
			status = ":arrows_counterclockwise: changes"
			if len(sp.Blockers()) > 0 {
				status = ":no_entry: blocked"
			}
		}
		fmt.Fprintf(&head, "| %s | %s | %d | %d | %d | %d | %s |\n", mdEscape(sp.Source), sp.Type, sc.Add, sc.Change, sc.Destroy, len(sp.Blockers()), status)
		if len(sp.Actions)+len(sp.Findings) > 0 {
			sections = append(sections, markdownSection(&sp))
		}
	}
	out := head.String()
	for i, s := range sections {
		note := fmt.Sprintf("\n_%d more sources not shown: the comment would exceed GitHub's %d-character limit. Run `auroracfg plan` for the full plan._\n", len(sections)-i, MaxMarkdown)
		if len(out)+len(s)+len(note) > MaxMarkdown {
			out += note
			break
		}
		out += s
	}
	_, err := io.WriteString(w, out)
	return err
}

func markdownSection(sp *plan.SourcePlan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n<details><summary><b>%s</b> (%s, %s)</summary>\n\n", mdEscape(sp.Source), sp.Type, mdEscape(sp.Target))
	for _, f := range sp.Findings {
		message, fix := findingWords(f, sp.Actions)
		fmt.Fprintf(&b, "- **%s**: %s", f.Severity, mdEscape(message))
		if fix != "" {
			fmt.Fprintf(&b, " — fix: %s", mdEscape(fix))
		}
		b.WriteString("\n")
	}
	if len(sp.Actions) > 0 {
		b.WriteString("\n```diff\n")
		for _, a := range sp.Actions {
			fmt.Fprintf(&b, "%s %s%s", diffMark(a.Op), inCode(summaryText(a)), inCode(tagged(actionTags(a))))
			fmt.Fprintf(&b, "\n#   because %s\n", inCode(reasonText(a)))
		}
		b.WriteString("```\n")
	}
	b.WriteString("\n</details>\n")
	return b.String()
}

// diffMark colours actions in GitHub's diff highlighting.
func diffMark(op plan.Op) string {
	switch op {
	case plan.OpCreate:
		return "+"
	case plan.OpDelete:
		return "-"
	}
	return "!"
}

// inCode keeps text inside a fenced block: no backtick can close the fence
// and no line break can start a line of its own.
func inCode(s string) string {
	return strings.NewReplacer("`", "'", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// mdEscape keeps names from breaking tables and markup, and from starting
// lines of their own.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "`", "'", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
