package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

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
