package render

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
)

var statusWord = map[check.Status]string{check.Pass: "ok", check.Warn: "warn", check.Fail: "FAIL"}

// ChecksText renders checks for people: one line per check, what was
// seen under it, and the fix or the apply actions that make it pass.
func ChecksText(w io.Writer, sources []check.SourceChecks) error {
	sources = wordChecks(sources)
	var b strings.Builder
	notReady, unchecked := 0, 0
	for i, s := range sources {
		if i > 0 {
			b.WriteString("\n")
		}
		if s.Error != "" {
			fmt.Fprintf(&b, "source %s (%s)\n  x error: could not be checked: %s\n", s.Source, s.Type, s.Error)
			unchecked++
			continue
		}
		fmt.Fprintf(&b, "source %s (%s, %s)\n", s.Source, s.Type, s.Target)
		for _, c := range s.Checks {
			fmt.Fprintf(&b, "  %-4s  %s\n", statusWord[c.Status], c.Title)
			writeItems(&b, c.Items)
		}
		if !s.Ready {
			notReady++
		}
	}
	b.WriteString("\n")
	switch {
	case notReady == 0 && unchecked == 0:
		fmt.Fprintf(&b, "Ready: a ClickPipe on %s will start.\n", plan.Plural(len(sources), "this source", fmt.Sprintf("each of the %d sources", len(sources))))
	case notReady > 0:
		fmt.Fprintf(&b, "Not ready: %d of %d %s would fail to start a ClickPipe.\n", notReady, len(sources), plan.Plural(len(sources), "source", "sources"))
	}
	if unchecked > 0 {
		fmt.Fprintf(&b, "Not known: %d of %d %s could not be checked.\n", unchecked, len(sources), plan.Plural(len(sources), "source", "sources"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeItems writes a check's lines, each fix under its own finding and each
// held-back action with what holds it; "apply makes it pass" names only the
// actions apply will run.
func writeItems(b *strings.Builder, items []check.Item) {
	var runs []string
	for _, it := range items {
		fmt.Fprintf(b, "          %s\n", it.Detail)
		if it.Fix != "" {
			fmt.Fprintf(b, "          fix: %s\n", it.Fix)
		}
		if it.Action == "" {
			continue
		}
		if len(it.Held) == 0 {
			runs = append(runs, it.Action)
			continue
		}
		var held []string
		for _, q := range it.Held {
			held = append(held, qualifierText(q))
		}
		fmt.Fprintf(b, "          apply will not run it: %s\n", strings.Join(held, "; "))
	}
	if len(runs) > 0 {
		fmt.Fprintf(b, "          auroracfg apply makes it pass: %s\n", strings.Join(runs, ", "))
	}
}

// ChecksJSON renders checks as versioned JSON.
func ChecksJSON(w io.Writer, sources []check.SourceChecks) error {
	return writeJSON(w, perSource(wordChecks(sources)))
}

// wordChecks is sources with the words of their findings' items filled
// in (from each finding's fact), and each check's Detail and Fix, which
// list its items' words, made from them. sources is not changed.
func wordChecks(sources []check.SourceChecks) []check.SourceChecks {
	out := slices.Clone(sources)
	for i := range out {
		out[i].Checks = slices.Clone(out[i].Checks)
		for j := range out[i].Checks {
			c := &out[i].Checks[j]
			if c.Title == "" {
				c.Title = checkTitle(c.ID)
			}
			if len(c.Items) == 0 {
				continue
			}
			c.Items = slices.Clone(c.Items)
			c.Detail, c.Fix = []string{}, nil
			for k := range c.Items {
				it := &c.Items[k]
				var of []plan.Action
				if it.Of != nil {
					of = []plan.Action{*it.Of}
				}
				switch {
				case it.Note != nil:
					it.Detail = noteWords(it.Note)
				case it.Finding != nil:
					it.Detail, it.Fix = findingWords(*it.Finding, of)
				case it.Of != nil:
					it.Detail = "to do: " + summaryText(*it.Of)
				}
				c.Detail = append(c.Detail, it.Detail)
				if it.Fix != "" {
					c.Fix = append(c.Fix, it.Fix)
				}
			}
		}
	}
	return out
}
