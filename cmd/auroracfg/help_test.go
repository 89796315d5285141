package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// helpOf runs auroracfg with args and returns what it printed.
func helpOf(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	if code := run(context.Background(), args, env{stdout: &out, stderr: &out, getenv: os.Getenv}); code != exitOK {
		t.Fatalf("auroracfg %s: exit %d:\n%s", strings.Join(args, " "), code, out.String())
	}
	return out.String()
}

var helpFlagRE = regexp.MustCompile(`(?m)^  -([a-z-]+)`)

// TestHelpAgreesWithCLIReference: help COMMAND is COMMAND --help, and
// docs/cli.md's section of each command lists exactly the flags its --help
// prints.
func TestHelpAgreesWithCLIReference(t *testing.T) {
	doc, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string][]string{} // command → flags in its section's table
	row := regexp.MustCompile("^\\| `--([a-z-]+)[^`]*` \\|")
	section := ""
	for _, line := range strings.Split(string(doc), "\n") {
		if name, ok := strings.CutPrefix(line, "## "); ok {
			section = name
		}
		if m := row.FindStringSubmatch(line); m != nil && !slices.Contains(documented[section], m[1]) {
			documented[section] = append(documented[section], m[1])
		}
	}
	for _, c := range commands {
		help := helpOf(t, c.name, "--help")
		if viaHelp := helpOf(t, "help", c.name); viaHelp != help {
			t.Errorf("help %s differs from %s --help", c.name, c.name)
		}
		var flags []string
		for _, m := range helpFlagRE.FindAllStringSubmatch(help, -1) {
			flags = append(flags, m[1])
		}
		want := documented[c.name]
		sort.Strings(flags)
		sort.Strings(want)
		if diff := cmp.Diff(want, flags); diff != "" {
			t.Errorf("%s: flags in docs/cli.md (-) and in --help (+):\n%s", c.name, diff)
		}
	}
}

// TestHelpSaysWhatIsThere: no empty Flags heading, version --help is help,
// the top-level exit codes include check's 2.
func TestHelpSaysWhatIsThere(t *testing.T) {
	if help := helpOf(t, "validate", "--help"); strings.Contains(help, "Flags:") {
		t.Errorf("validate --help has a Flags heading without flags:\n%s", help)
	}
	if help := helpOf(t, "version", "--help"); !strings.HasPrefix(help, "Usage: auroracfg version") {
		t.Errorf("version --help printed %q, not its usage", help)
	}
	if help := helpOf(t, "--help"); !strings.Contains(help, "or not ready (check)") {
		t.Errorf("top-level help's exit codes omit check's 2:\n%s", help)
	}
}

// TestParallelismMustBePositive: 0 or less is a usage error, nothing run.
func TestParallelismMustBePositive(t *testing.T) {
	for _, cmd := range []string{"plan", "check", "apply"} {
		for _, v := range []string{"0", "-3", "many"} {
			var out bytes.Buffer
			code := run(context.Background(), []string{cmd, "--parallelism", v, "missing.yaml"}, env{stdout: &out, stderr: &out, getenv: os.Getenv})
			if code != exitError || !strings.Contains(out.String(), `invalid value "`+v+`" for flag -parallelism`) {
				t.Errorf("%s --parallelism %s: exit %d:\n%s", cmd, v, code, out.String())
			}
			if strings.Contains(out.String(), "missing.yaml") {
				t.Errorf("%s --parallelism %s went on to read the spec:\n%s", cmd, v, out.String())
			}
		}
	}
}
