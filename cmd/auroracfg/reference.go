package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/schema"
)

// The CLI reference (docs/cli.md) is written from the command table, the
// same flag sets --help prints: it cannot say a flag the binary lacks.
// TestCLIReferenceIsCurrent fails when the committed file differs;
// `go test ./cmd/auroracfg -run TestCLIReferenceIsCurrent -update` writes it.

// commandFlags are the flags command c registers, in name order.
func commandFlags(c command) []*flag.Flag {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.flags(fs)
	var out []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) { out = append(out, f) })
	return out
}

// writeCLIReference writes the Markdown reference of every command.
func writeCLIReference(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# auroracfg command reference\n\n")
	b.WriteString("<!-- Generated from the command table (cmd/auroracfg); do not edit. Regenerate with\n")
	b.WriteString("     go test ./cmd/auroracfg -run TestCLIReferenceIsCurrent -update -->\n\n")
	b.WriteString("Flags may come before, between or after the spec files. `auroracfg help COMMAND` and\n")
	b.WriteString("`auroracfg COMMAND --help` print the same.\n\n")
	b.WriteString("| command | what it does |\n|---|---|\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s |\n", c.name, c.name, c.short)
	}
	b.WriteString("| [`completion`](#completion) | " + completionShort + " |\n")
	b.WriteString("| `version` | print the version |\n")
	b.WriteString("\nExit codes: `0` success (no changes, ready), `1` error, `2` changes present\n")
	b.WriteString("(`plan --detailed-exitcode`) or not ready (`check`).\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "\n## %s\n\n```\nauroracfg %s [flags] %s\n```\n\n%s\n", c.name, c.name, c.args, paragraphs(c.long))
		flags := commandFlags(c)
		if len(flags) == 0 {
			continue
		}
		b.WriteString("\n| flag | default | meaning |\n|---|---|---|\n")
		for _, f := range flags {
			placeholder, usage := flag.UnquoteUsage(f)
			name := "--" + f.Name
			if placeholder != "" {
				name += " " + strings.ToUpper(placeholder)
			}
			def := ""
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
				def = "`" + f.DefValue + "`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", name, def, mdCell(usage))
		}
	}
	fmt.Fprintf(&b, "\n## completion\n\n```\nauroracfg completion bash|zsh|fish\n```\n\n%s\n", paragraphs(completionLong))
	_, err := io.WriteString(w, b.String())
	return err
}

// paragraphs joins a help text's hard-wrapped lines back into paragraphs.
func paragraphs(s string) string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		out = append(out, strings.Join(strings.Fields(p), " "))
	}
	return strings.Join(out, "\n\n")
}

// mdCell makes text safe in a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// writeSpecReference writes the Markdown reference of every spec key, from
// the spec types (schema.Keys), as explain prints them.
func writeSpecReference(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Spec key reference\n\n")
	b.WriteString("<!-- Generated from the spec types (schema/types.go); do not edit. Regenerate with\n")
	b.WriteString("     go test ./cmd/auroracfg -run TestSpecReferenceIsCurrent -update -->\n\n")
	b.WriteString("Every key of a version-1 spec. `auroracfg explain KEY` prints the same for one key, and\n")
	b.WriteString("`schema/auroracfg.schema.json` is the JSON Schema of the same keys, for editors; the\n")
	b.WriteString("rules across keys, sources and files are in [the spec guide](spec.md).\n\n")
	b.WriteString("| key | type | required | default | values | sources | meaning |\n|---|---|---|---|---|---|---|\n")
	var walk func([]schema.Key)
	walk = func(keys []schema.Key) {
		for _, k := range keys {
			req := ""
			if k.Required {
				req = "yes"
			}
			var values []string
			for _, v := range k.Enum {
				values = append(values, "`"+v+"`")
			}
			def := ""
			if k.Default != "" {
				def = "`" + k.Default + "`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", k.Path, keyType(k), req, def, strings.Join(values, ", "),
				typeNames(k.Types), mdCell(k.Doc))
			walk(k.Keys)
		}
	}
	walk(schema.Keys())
	_, err := io.WriteString(w, b.String())
	return err
}
