package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/schema"
)

// explain prints the spec's documentation, kubectl explain-style, from the
// spec types themselves (schema.Keys): it cannot describe a key the loader
// does not take.
var explainCommand = command{
	name:     "explain",
	args:     "[KEY]",
	optional: true,
	short:    "describe a spec key and the keys below it (explain sources.connect)",
	long: "Explain prints what a spec key means, its type, default, values, whether it is required and\n" +
		"which source types take it, then the keys below it. KEY is a dotted path (sources.connect.host;\n" +
		"list indexes such as sources[0] are ignored); without one, the spec's top-level keys.\n" +
		"The same descriptions are in the spec's JSON Schema (schema/auroracfg.schema.json), which\n" +
		"editors use through yaml-language-server.",
	flags: typedFlags(runExplain),
}

type explainFlags struct{ recursive bool }

func (f *explainFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.recursive, "recursive", false, "print every key below KEY, at every depth")
}

func runExplain(_ context.Context, e env, args []string, f explainFlags) error {
	if len(args) > 1 {
		return usageErrorf("auroracfg explain: one KEY at most, got %d", len(args))
	}
	if len(args) == 0 {
		fmt.Fprintln(e.stdout, "The auroracfg spec (version 1). Its keys:")
		writeKeys(e.stdout, schema.Keys(), "  ", f.recursive)
		return nil
	}
	k, ok := schema.LookupKey(args[0])
	if !ok {
		last := args[0][strings.LastIndex(args[0], ".")+1:]
		if near := schema.KeysNamed(last); len(near) > 0 {
			return fmt.Errorf("the spec has no key %s; did you mean %s?", args[0], strings.Join(near, " or "))
		}
		return fmt.Errorf("the spec has no key %s (auroracfg explain lists its keys)", args[0])
	}
	writeKey(e.stdout, k)
	if len(k.Keys) > 0 {
		fmt.Fprintln(e.stdout, "\nKEYS:")
		writeKeys(e.stdout, k.Keys, "  ", f.recursive)
	}
	return nil
}

func writeKey(w io.Writer, k schema.Key) {
	fmt.Fprintf(w, "KEY:      %s\nTYPE:     %s\n", k.Path, keyType(k))
	fmt.Fprintf(w, "REQUIRED: %s\n", map[bool]string{true: "yes", false: "no"}[k.Required])
	if k.Default != "" {
		fmt.Fprintf(w, "DEFAULT:  %s\n", k.Default)
	}
	if len(k.Enum) > 0 {
		fmt.Fprintf(w, "VALUES:   %s\n", strings.Join(k.Enum, ", "))
	}
	if len(k.Types) > 0 {
		fmt.Fprintf(w, "SOURCES:  %s only\n", typeNames(k.Types))
	}
	fmt.Fprintf(w, "\nDESCRIPTION:\n%s\n", wrapIndented(k.Doc, "  ", 78))
}

func writeKeys(w io.Writer, keys []schema.Key, indent string, recursive bool) {
	for _, k := range keys {
		req := ""
		if k.Required {
			req = " (required)"
		}
		fmt.Fprintf(w, "%s%s <%s>%s\n%s\n", indent, k.Name, keyType(k), req, wrapIndented(k.Doc, indent+"  ", 78))
		if recursive && len(k.Keys) > 0 {
			writeKeys(w, k.Keys, indent+"  ", true)
		}
	}
}

// keyType is a key's type as explain shows it: string, []string, []object.
func keyType(k schema.Key) string {
	if k.Kind == schema.KindList {
		return "[]" + string(k.Items)
	}
	return string(k.Kind)
}

func typeNames(types []schema.SourceType) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// wrapIndented wraps text at width, each line indented.
func wrapIndented(text, indent string, width int) string {
	var lines []string
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}
