package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// Commands return errors; exitCode, the one place that turns them into the
// process's exit code, prints each error once.
var (
	// errChanges: plan --detailed-exitcode found changes or blockers, or
	// check found a source not ready (exit 2; the output said what).
	errChanges = errors.New("changes present or not ready")
	// errReported: the command failed, and what failed is already in its
	// output (apply's progress said which step failed; exit 1, nothing more
	// printed).
	errReported = errors.New("failed (reported above)")
)

// reporter is an error that knows how it is printed: exitCode has it
// report itself once, then exits 1.
type reporter interface {
	error
	report(w io.Writer)
}

// usageError is a bad invocation: its message printed as it is
// ("auroracfg plan: --format …"), then the usage when it has one.
type usageError struct {
	msg   string
	usage string
}

func (u *usageError) Error() string { return u.msg }
func (u *usageError) report(w io.Writer) {
	if u.msg != "" {
		fmt.Fprintln(w, u.msg)
	}
	fmt.Fprint(w, u.usage)
}

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// plainError is a sentence printed as it is, without "Error: " (a
// cancelled apply is the user's choice, not a failure of the tool).
type plainError struct{ msg string }

func (p *plainError) Error() string      { return p.msg }
func (p *plainError) report(w io.Writer) { fmt.Fprintln(w, p.msg) }

// errorList is several errors, each printed "Error: …", then a line that
// says what it means for the run ("Nothing was changed.").
type errorList struct {
	errs    []error
	closing string
}

func (l *errorList) Error() string { return errors.Join(l.errs...).Error() }
func (l *errorList) report(w io.Writer) {
	for _, err := range l.errs {
		fmt.Fprintf(w, "Error: %s\n", plan.Visible(err.Error()))
	}
	fmt.Fprintln(w, l.closing)
}

// specProblems are a spec's diagnostics, each "file:line:column: …" as
// validate prints them, then how many there were and what was not done.
type specProblems struct {
	diags   []schema.Diagnostic
	closing string // after the count: "found; nothing was contacted or changed."
	noun    [2]string
}

func (s *specProblems) Error() string {
	return fmt.Sprintf("%d %s", len(s.diags), plan.Plural(len(s.diags), s.noun[0], s.noun[1]))
}
func (s *specProblems) report(w io.Writer) {
	for _, d := range s.diags {
		fmt.Fprintln(w, d.Error())
	}
	fmt.Fprintf(w, "%s %s\n", s.Error(), s.closing)
}

// exitCode maps a command's error to its exit code: 0 success, 2 changes or
// not ready, 1 anything else, printing what was not printed yet.
func exitCode(err error, stderr io.Writer) int {
	var r reporter
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errChanges):
		return exitChanges
	case errors.Is(err, errReported):
		return exitError
	case errors.As(err, &r):
		r.report(stderr)
		return exitError
	}
	fmt.Fprintf(stderr, "Error: %s\n", plan.Visible(err.Error()))
	return exitError
}
