package main

import (
	"flag"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan/render"
)

// parse registers a command's typed flags and parses args the way the
// command line is parsed (flags before, between and after files).
func parse(t *testing.T, register func(*flag.FlagSet), args ...string) []string {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	register(fs)
	files, err := parseInterleaved(fs, args)
	if err != nil {
		t.Fatalf("parse %v: %v", args, err)
	}
	return files
}

var allowFlags = cmp.AllowUnexported(planFlags{}, applyFlags{}, checkFlags{}, connectionInfoFlags{}, runOptions{})

// TestFlagsParse: each command's flags land in its typed struct, checked
// without running the command.
func TestFlagsParse(t *testing.T) {
	var p planFlags
	files := parse(t, p.register, "a.yaml", "--detailed-exitcode", "--format", "json", "b.yaml", "--source", "orders-*",
		"--drop-slot", "orders:old", "--allow-reboot", "--out", "p.json")
	want := planFlags{detailedExitcode: true, format: "json", parallelism: defaultParallelism, out: "p.json",
		opts: runOptions{allowReboot: true, sources: sourceFilter{"orders-*"}, dropSlots: slotList{"orders:old"}}}
	if diff := cmp.Diff(want, p, allowFlags); diff != "" {
		t.Errorf("plan flags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a.yaml", "b.yaml"}, files); diff != "" {
		t.Errorf("plan files (-want +got):\n%s", diff)
	}

	var a applyFlags
	parse(t, a.register, "--auto-approve", "--parallelism", "3", "--prune", "--wait-timeout", "5m", "spec.yaml")
	if diff := cmp.Diff(applyFlags{autoApprove: true, parallelism: 3, opts: runOptions{prune: true, waitTimeout: 5 * time.Minute, applying: true}}, a, allowFlags); diff != "" {
		t.Errorf("apply flags (-want +got):\n%s", diff)
	}

	var c checkFlags
	parse(t, c.register, "spec.yaml")
	if diff := cmp.Diff(checkFlags{format: "text", parallelism: defaultParallelism}, c, allowFlags); diff != "" {
		t.Errorf("check defaults (-want +got):\n%s", diff)
	}

	var ci connectionInfoFlags
	parse(t, ci.register, "--format", "terraform", "--source", "a", "--source", "b", "--password-in-state", "spec.yaml")
	if diff := cmp.Diff(connectionInfoFlags{format: "terraform", terraform: render.TerraformHandOff{DestinationDatabase: "default", PasswordInState: true},
		opts: runOptions{sources: sourceFilter{"a", "b"}}}, ci, allowFlags); diff != "" {
		t.Errorf("connection-info flags (-want +got):\n%s", diff)
	}
}
