package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// shell finds a shell the completion tests run; in CI a missing one fails
// (.ci/run installs Debian's zsh and fish), elsewhere the test skips.
func shell(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (apt-get install %s)", name, name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

// completionScript writes auroracfg completion SHELL to a file.
func completionScript(t *testing.T, sh string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "auroracfg."+sh)
	if err := os.WriteFile(path, []byte(helpOf(t, "completion", sh)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBashCompletion runs the script's function in a real bash: commands,
// a command's own flags, files.
func TestBashCompletion(t *testing.T) {
	bash := shell(t, "bash")
	script := completionScript(t, "bash")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "orders.yaml"), nil, 0o644)
	complete := func(words ...string) []string {
		t.Helper()
		line := `source "$1"; COMP_WORDS=(` + strings.Join(words, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _auroracfg; printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command(bash, "--norc", "-c", line, "bash", script)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.Fields(string(out))
	}
	if got := complete("auroracfg", "''"); !slices.Equal(got, completionWords()) {
		t.Errorf("first word: %v, want %v", got, completionWords())
	}
	if got := complete("auroracfg", "plan", "--det"); !slices.Equal(got, []string{"--detailed-exitcode"}) {
		t.Errorf("plan --det: %v", got)
	}
	if got := complete("auroracfg", "apply", "--det"); len(got) != 0 {
		t.Errorf("apply takes no --detailed-exitcode, completed %v", got)
	}
	if got := complete("auroracfg", "apply", "--auto-approve", "ord"); !slices.Equal(got, []string{"orders.yaml"}) {
		t.Errorf("spec file: %v", got)
	}
	if got := complete("auroracfg", "completion", "''"); !slices.Equal(got, []string{"bash", "zsh", "fish"}) {
		t.Errorf("completion SHELL: %v", got)
	}
}

// TestFishCompletion asks a real fish what it completes (complete -C).
func TestFishCompletion(t *testing.T) {
	fish := shell(t, "fish")
	script := completionScript(t, "fish")
	complete := func(line string) string {
		t.Helper()
		out, err := exec.Command(fish, "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", script, line).CombinedOutput()
		if err != nil {
			t.Fatalf("fish: %v\n%s", err, out)
		}
		return string(out)
	}
	if got := complete("auroracfg conn"); !strings.HasPrefix(got, "connection-info\t"+connectionInfoCommand.short) {
		t.Errorf("auroracfg conn: %q", got)
	}
	if got := complete("auroracfg plan --detailed"); !strings.HasPrefix(got, "--detailed-exitcode\t") {
		t.Errorf("plan --detailed: %q", got)
	}
	if got := complete("auroracfg apply --detailed"); got != "" {
		t.Errorf("apply takes no --detailed-exitcode, completed %q", got)
	}
}

// TestZshCompletion loads the script into a real zsh's completion system
// and checks it defines the function and binds it, without errors.
func TestZshCompletion(t *testing.T) {
	zsh := shell(t, "zsh")
	script := completionScript(t, "zsh")
	if out, err := exec.Command(zsh, "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	out, err := exec.Command(zsh, "-f", "-c", `autoload -U compinit && compinit -u -D && source "$1" && print -r -- $_comps[auroracfg] && whence -w _auroracfg`, "zsh", script).CombinedOutput()
	if err != nil || string(out) != "_auroracfg\n_auroracfg: function\n" {
		t.Errorf("zsh: %v\n%s", err, out)
	}
}

// TestCompletionNeedsAShell: a missing or unknown shell is a usage error.
func TestCompletionNeedsAShell(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "powershell"}} {
		var out strings.Builder
		if code := run(t.Context(), args, env{stdout: &out, stderr: &out, getenv: os.Getenv}); code != exitError || !strings.Contains(out.String(), "Usage: auroracfg completion bash|zsh|fish") {
			t.Errorf("%v: exit %d, %q", args, code, out.String())
		}
	}
}
