package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/auroracfg/auroracfg/plan"
)

// Commands return errors; exitCode, the one place that turns them into the
// process's exit code, prints each error once.
var (
	// errChanges: plan --detailed-exitcode found changes or blockers, or
	// check found a source not ready (exit 2; the output said what).
	errChanges = errors.New("changes present or not ready")
	// errReported: the command failed, and what failed was printed where it
	// happened, next to its context (exit 1, nothing more printed).
	errReported = errors.New("failed (reported above)")
)

// usageError is a bad flag value, printed as it is ("auroracfg plan: --format …").
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitCode maps a command's error to its exit code: 0 success, 2 changes or
// not ready, 1 anything else, printing what was not printed yet.
func exitCode(err error, stderr io.Writer) int {
	var usage *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errChanges):
		return exitChanges
	case errors.Is(err, errReported):
		return exitError
	case errors.As(err, &usage):
		fmt.Fprintln(stderr, usage.msg)
		return exitError
	}
	fmt.Fprintf(stderr, "Error: %s\n", plan.Visible(err.Error()))
	return exitError
}
