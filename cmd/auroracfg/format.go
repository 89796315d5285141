package main

import (
	"flag"

	"github.com/auroracfg/auroracfg/plan/render"
)

// formatVar registers --format from a command's table of outputs.
func formatVar[T any](fs *flag.FlagSet, p *string, formats render.Formats[T]) {
	fs.StringVar(p, "format", formats.Default(), formats.Help())
}

// chooseFormat is the output --format names, or a usage error listing the
// ones the command has.
func chooseFormat[T any](command string, formats render.Formats[T], name string) (render.Format[T], error) {
	f, ok := formats.Lookup(name)
	if !ok {
		return f, usageErrorf("auroracfg %s: --format %q: want %s", command, name, formats.Want())
	}
	return f, nil
}
