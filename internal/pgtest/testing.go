package pgtest

import (
	"context"
	"os"
	"sync"
	"testing"
)

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns the package's shared test server, starting it on first use.
// When it cannot start, the test fails in CI (CI set) and is skipped with
// the exact reason elsewhere.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() { shared.srv, shared.err = Start(Options{}) })
	if shared.err != nil {
		Unavailable(t, "PostgreSQL test server", shared.err)
	}
	return shared.srv
}

// Unavailable fails the test in CI and skips it, saying what is missing, elsewhere.
func Unavailable(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s unavailable (CI is set, so this fails instead of skipping): %v", what, err)
	}
	t.Skipf("%s unavailable, skipping: %v", what, err)
}

// Main runs a package's tests and stops the shared server afterwards.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run runs the tests, stops the shared server and returns the exit code,
// for a TestMain with more to stop before it exits (os.Exit skips deferred
// calls).
func Run(m *testing.M) int {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Stop()
	}
	return code
}

// NewDatabase creates a fresh database on the shared server for one test and
// drops it when the test ends.
func NewDatabase(t testing.TB, prefix string) (*Server, string) {
	t.Helper()
	srv := Shared(t)
	ctx := context.Background()
	name, err := srv.CreateDatabase(ctx, prefix)
	if err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		srv.DropDatabase(ctx, name)
	})
	return srv, name
}

// MustExec runs SQL as the superuser on database or fails the test.
func MustExec(t testing.TB, srv *Server, database, sql string) {
	t.Helper()
	if err := srv.Exec(context.Background(), database, sql); err != nil {
		t.Fatalf("exec %q: %v", sql, err)
	}
}
