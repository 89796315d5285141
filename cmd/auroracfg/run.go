package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"golang.org/x/term"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/auroracfg/auroracfg/sources/aurora"
)

// version is set at build time (-ldflags "-X main.version=…").
var version = "dev"

// Exit codes, as Terraform's -detailed-exitcode.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2
)

// env is everything a command reads from its process, injectable for tests.
type env struct {
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
	getenv     func(string) string
	dir        string // relative spec paths start here
	isTerminal bool   // stdin is a terminal: apply may ask for confirmation
	// awsClients builds a region's AWS clients from the SDK's default chain
	// (profiles, SSO, AWS_ENDPOINT_URL …); tests point them at the emulator.
	awsClients func(ctx context.Context, region string) (aurora.Clients, error)
	// pollInterval and progressInterval tune long waits such as reboots, and
	// observeInterval the "still observing" lines (tests shorten them).
	pollInterval, progressInterval, observeInterval time.Duration
	// retryDelay is the first wait before retrying a transient failure
	// (default 1s; tests shorten it).
	retryDelay time.Duration
	// afterStep, when set, is told each action apply ran and each commit
	// (the crash tests kill the process there).
	afterStep func(source, step string)
}

func osEnv() env {
	dir, _ := os.Getwd()
	return env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, dir: dir,
		isTerminal: isTerminal(os.Stdin),
		awsClients: func(ctx context.Context, region string) (aurora.Clients, error) {
			cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
			return aurora.NewClients(cfg), err
		},
	}
}

func (e env) abs(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(e.dir, path)
}

type command struct {
	name  string
	args  string
	short string
	long  string
	// optional: its arguments may be absent (explain's KEY); the others
	// need at least one spec FILE.
	optional bool
	flags    func(fs *flag.FlagSet) func(ctx context.Context, e env, files []string) error
}

var commands = []command{validateCommand, planCommand, checkCommand, applyCommand, connectionInfoCommand, explainCommand}

const usage = `auroracfg prepares PostgreSQL databases as ClickHouse ClickPipes (Postgres CDC) sources.

Usage:
  auroracfg <command> [flags] FILE...

Commands:
%s  completion       print a shell completion script (bash, zsh or fish)
  version          print the version

Run 'auroracfg help <command>' or 'auroracfg <command> --help' for a command's flags.
Exit codes: 0 success (no changes, ready), 1 error, 2 changes present (plan --detailed-exitcode)
or not ready (check).
`

func run(ctx context.Context, args []string, e env) int {
	e.stdout, e.stderr = &visibleWriter{w: e.stdout}, &visibleWriter{w: e.stderr}
	return exitCode(dispatch(ctx, args, e), e.stderr)
}

// dispatch runs the command args name; help and version are answered here.
func dispatch(ctx context.Context, args []string, e env) error {
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "--help"} // help COMMAND is COMMAND --help
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		var b strings.Builder
		for _, c := range commands {
			fmt.Fprintf(&b, "  %-16s %s\n", c.name, c.short)
		}
		if len(args) == 0 {
			return &usageError{usage: fmt.Sprintf(usage, b.String())}
		}
		fmt.Fprintf(e.stdout, usage, b.String())
		return nil
	}
	if args[0] == "completion" {
		return runCompletion(args[1:], e)
	}
	if args[0] == "version" || args[0] == "--version" {
		if len(args) > 1 && (args[1] == "-h" || args[1] == "--help") {
			fmt.Fprintln(e.stdout, "Usage: auroracfg version\n\nVersion prints auroracfg's version. It takes no flags.")
			return nil
		}
		fmt.Fprintf(e.stdout, "auroracfg %s\n", version)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], e)
		}
	}
	return usageErrorf("auroracfg: unknown command %q (run 'auroracfg --help')", args[0])
}

func (c command) run(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // a parse error is returned, and printed once
	fs.Usage = func() {}     // printed below, to stdout for --help and stderr on errors
	usageText := func() string {
		var b strings.Builder
		fmt.Fprintf(&b, "Usage: auroracfg %s [flags] %s\n\n%s\n", c.name, c.args, c.long)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if !hasFlags {
			return b.String() // no empty heading
		}
		fmt.Fprint(&b, "\nFlags:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
		return b.String()
	}
	body := c.flags(fs)
	files, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(e.stdout, usageText())
		return nil
	}
	if err != nil {
		return &usageError{msg: err.Error(), usage: usageText()}
	}
	if len(files) == 0 && !c.optional {
		return &usageError{msg: fmt.Sprintf("auroracfg %s: no spec FILE given", c.name), usage: usageText()}
	}
	return body(ctx, e, files)
}

// typedFlags is a command's flags for a typed flag struct F: registered on
// the command's flag set, then given, parsed, to run.
func typedFlags[F any, P interface {
	*F
	register(*flag.FlagSet)
}](run func(context.Context, env, []string, F) error) func(*flag.FlagSet) func(context.Context, env, []string) error {
	return func(fs *flag.FlagSet) func(context.Context, env, []string) error {
		var f F
		P(&f).register(fs)
		return func(ctx context.Context, e env, files []string) error { return run(ctx, e, files, f) }
	}
}

// parseInterleaved accepts flags before, between and after file arguments
// (auroracfg plan spec.yaml --detailed-exitcode), as users type them.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return files, nil
		}
		files = append(files, args[0])
		args = args[1:]
	}
}

// isTerminal reports whether f is a terminal someone can answer from. A
// character device is not enough: /dev/null is one (cron, systemd and
// Kubernetes jobs run with it as stdin).
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
