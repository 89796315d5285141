package render

import (
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
	"github.com/auroracfg/auroracfg/plan/handoff"
)

// Format is one output of a command: its name on the command line, what it
// is (the words after the name in --help, "" for none) and how it writes.
type Format[T any] struct {
	Name  string
	About string
	Write func(io.Writer, T) error
}

// Formats is every output of one command, the first the default. Help
// text, validation and dispatch all come from it, so a new output is one
// entry here and a renderer in its own file.
type Formats[T any] []Format[T]

// Lookup is the format named name.
func (fs Formats[T]) Lookup(name string) (Format[T], bool) {
	for _, f := range fs {
		if f.Name == name {
			return f, true
		}
	}
	return Format[T]{}, false
}

// Default is the format used without --format.
func (fs Formats[T]) Default() string { return fs[0].Name }

// Help is the --format flag's usage: "output format: text or json (versioned)".
func (fs Formats[T]) Help() string {
	words := make([]string, len(fs))
	for i, f := range fs {
		words[i] = f.Name
		if f.About != "" {
			words[i] += " (" + f.About + ")"
		}
	}
	// Three or more take the serial comma, as the sentence reads best.
	return "output format: " + joinOr(words, len(words) > 2)
}

// Want is the list an unknown name is told: "text, json or terraform".
func (fs Formats[T]) Want() string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return joinOr(names, false)
}

// joinOr joins words as "a, b or c" ("a, b, or c" with serial).
func joinOr(words []string, serial bool) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	last := " or "
	if serial {
		last = ", or "
	}
	return strings.Join(words[:len(words)-1], ", ") + last + words[len(words)-1]
}

// PlanFormats are plan's outputs.
var PlanFormats = Formats[*plan.Plan]{
	{Name: "text", Write: Text},
	{Name: "json", About: "versioned", Write: JSON},
	{Name: "markdown", About: "a pull-request comment", Write: Markdown},
	{Name: "terraform", About: "the AWS changes as HCL", Write: Terraform},
}

// CheckFormats are check's outputs.
var CheckFormats = Formats[[]check.SourceChecks]{
	{Name: "text", Write: ChecksText},
	{Name: "json", About: "versioned", Write: ChecksJSON},
}

// HandOffFormats are connection-info's outputs; the Terraform one is shaped
// by its flags (opts), which do not change the help.
func HandOffFormats(opts TerraformHandOff) Formats[[]handoff.ConnectionInfo] {
	return Formats[[]handoff.ConnectionInfo]{
		{Name: "text", Write: HandOffText},
		{Name: "json", Write: HandOffJSON},
		{Name: "terraform", About: "a clickhouse_clickpipe resource with the password as a variable", Write: HandOffTerraform(opts)},
	}
}
