package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestExitCode(t *testing.T) {
	for _, tt := range []struct {
		err     error
		code    int
		printed string
	}{
		{nil, exitOK, ""},
		{errChanges, exitChanges, ""},
		{fmt.Errorf("source a: %w", errReported), exitError, ""},
		{usageErrorf("auroracfg plan: --format %q: want text", "x"), exitError, "auroracfg plan: --format \"x\": want text\n"},
		{fmt.Errorf("write plan: %w", errors.New("disk full")), exitError, "Error: write plan: disk full\n"},
	} {
		var stderr bytes.Buffer
		if code := exitCode(tt.err, &stderr); code != tt.code {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, code, tt.code)
		}
		if diff := cmp.Diff(tt.printed, stderr.String()); diff != "" {
			t.Errorf("exitCode(%v) printed (-want +got):\n%s", tt.err, diff)
		}
	}
}

// TestDevNullIsNoTerminal: apply run from cron or a Kubernetes job has
// /dev/null as stdin, a character device that nobody answers from; apply
// must refuse to ask (and say --auto-approve) rather than ask and cancel.
func TestDevNullIsNoTerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("%s is taken for a terminal", os.DevNull)
	}
}

// TestInterruptAtThePrompt: Ctrl-C while apply asks for "yes" cancels at
// once, changing nothing; it does not wait for Enter.
func TestInterruptAtThePrompt(t *testing.T) {
	stdin, _ := io.Pipe() // nobody ever answers
	var stdout, stderr bytes.Buffer
	e := env{stdin: stdin, stdout: &stdout, stderr: &stderr, isTerminal: true}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the interrupt arrives while the prompt waits
	done := make(chan error)
	go func() { done <- confirm(ctx, e, false) }()
	select {
	case err := <-done:
		if exitCode(err, &stderr) != exitError {
			t.Errorf("an interrupted prompt confirmed")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the prompt ignored the interrupt (still waiting for Enter)")
	}
	if !strings.Contains(stderr.String(), "Apply cancelled (interrupted); nothing was changed.") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
