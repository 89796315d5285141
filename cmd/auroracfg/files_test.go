package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// TestSavedPlanIsPrivate: plan --out over an existing, readable file leaves
// it readable by its owner only, as a new one is.
func TestSavedPlanIsPrivate(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "private")
	cli := simpleSource(t, srv, db, "private")
	out := filepath.Join(cli.dir, "plan.out")
	os.WriteFile(out, []byte("old"), 0o644)
	if code, output := cli.run("plan", "--out", "plan.out", "spec.yaml"); code != exitOK {
		t.Fatalf("plan --out: exit %d:\n%s", code, output)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("saved plan mode %o, want 600", mode)
	}
}

// TestFilesThatNeverEnd: a device or a FIFO named as a spec, a saved plan
// or a fromFile secret is refused, instead of reading forever or blocking.
func TestFilesThatNeverEnd(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: p, type: postgresql, database: d, connect: {host: 127.0.0.1, port: 1, sslmode: disable},
     admin: {user: postgres, password: {fromEnv: A}}, user: {name: u, password: {fromFile: fifo}}, schemas: [s]}
`), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"A": "x"}}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"apply", "--auto-approve", "/dev/zero"}, "not a regular file"},
		{[]string{"plan", "fifo"}, "not a regular file"},
		{[]string{"plan", "spec.yaml"}, "user password: secret file:fifo: " + filepath.Join(dir, "fifo") + " is not a regular file but a named pipe"},
	} {
		code, out := cli.run(tc.args...)
		if code != exitError || !strings.Contains(out, tc.want) {
			t.Errorf("auroracfg %s: exit %d, want 1 and %q:\n%s", strings.Join(tc.args, " "), code, tc.want, out)
		}
	}
}

// TestSharedUserOnOneServer: eight sources in eight databases of one
// server share a replication user (roles are cluster-wide). Applied at
// once they used to collide creating and altering it (tuple concurrently
// updated, duplicate key in pg_authid) on most sources; they are applied
// one after another per server, and all converge.
func TestSharedUserOnOneServer(t *testing.T) {
	srv := pgtest.Shared(t)
	user := "shared_" + pgtest.RandomString(6)
	t.Cleanup(func() {
		srv.Exec(context.Background(), "postgres", "DROP ROLE IF EXISTS "+user)
	})
	var spec strings.Builder
	spec.WriteString("version: 1\nschemas: [{name: s, include: [app]}]\nsources:\n")
	for i := 0; i < 8; i++ {
		_, db := pgtest.NewDatabase(t, "shared")
		pgtest.MustExec(t, srv, db, "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY)")
		t.Cleanup(func() { srv.Exec(context.Background(), db, "DROP OWNED BY "+user) })
		fmt.Fprintf(&spec, "  - {name: s%d, type: postgresql, database: %s, connect: {host: %s, port: %d, sslmode: disable},\n"+
			"     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: %s, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}\n",
			i, db, srv.Host, srv.Port, user)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec.String()), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "shared-" + pgtest.RandomString(8)}}
	code, out := cli.run("apply", "--auto-approve", "--parallelism", "8", "spec.yaml")
	if code != exitOK || strings.Count(out, ": converged: ready for ClickPipes") != 8 {
		t.Fatalf("apply: exit %d, %d of 8 converged:\n%s", code, strings.Count(out, ": converged: ready for ClickPipes"), out)
	}
}

// TestBusySendersAreNoVerdict: every WAL sender of the server is taken (a
// fleet's probes, pipes, standbys) while auroracfg probes a ready source.
// The probe is tried again, then the condition is reported for what it is,
// a warning; the source is not called "not ready".
func TestBusySendersAreNoVerdict(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{Settings: map[string]string{"max_wal_senders": "2"}})
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL test server", err)
	}
	defer srv.Stop()
	ctx := context.Background()
	pgtest.MustExec(t, srv, "postgres", "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY)")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: busy, type: postgresql, database: postgres, connect: {host: %s, port: %d, sslmode: disable},
     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: busy_cp, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`, srv.Host, srv.Port)), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "busy-" + pgtest.RandomString(8)}}
	if code, out := cli.run("apply", "--auto-approve", "spec.yaml"); code != exitOK {
		t.Fatalf("apply: exit %d:\n%s", code, out)
	}
	for i := 0; i < 2; i++ { // take every sender
		cfg, err := pgconn.ParseConfig(srv.ConnString(pgtest.SuperUser, srv.SuperPassword, "postgres") + " replication=database")
		if err != nil {
			t.Fatal(err)
		}
		conn, err := pgconn.ConnectConfig(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
	}
	code, out := cli.run("check", "spec.yaml")
	if code != exitOK {
		t.Errorf("check while every sender is taken: exit %d, want 0 (ready, with a warning):\n%s", code, out)
	}
	mustMatch(t, out, `^  warn  a replication connection as the user runs IDENTIFY_SYSTEM\n +the replication connection as busy_cp could not be tried: every WAL sender was taken at that moment`)
}

// TestNonASCIIPasswordLogsInEverywhere: a password with composed accents
// and CJK is stored so that both clients log in as the user: pgx (the
// ClickPipes engine, apply's own probe) and libpq (psql). One that the two
// would prepare differently (SASLprep, PRECIS) is refused before anything
// is contacted, instead of a user one of them can never log in as.
func TestNonASCIIPasswordLogsInEverywhere(t *testing.T) {
	psql := "/usr/lib/postgresql/15/bin/psql" // Debian's client talks to every major
	if _, err := os.Stat(psql); err != nil {
		pgtest.Unavailable(t, "psql", err)
	}
	srv, db := pgtest.NewDatabase(t, "pw")
	cli := simpleSource(t, srv, db, "pw")
	user := cli.environ["USER"]
	password := "Grüße-café-密码-" + pgtest.RandomString(4)
	cli.environ["CP_PASSWORD"] = password
	if code, out := cli.run("apply", "--auto-approve", "spec.yaml"); code != exitOK {
		t.Fatalf("apply: exit %d:\n%s", code, out)
	}
	cmd := exec.Command(psql, "-X", "-At", "-c", "SELECT current_user", fmt.Sprintf("host=%s port=%d dbname=%s user=%s sslmode=disable", srv.Host, srv.Port, db, user))
	cmd.Env = append(os.Environ(), "PGPASSWORD="+password)
	if out, err := cmd.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != user {
		t.Errorf("psql as %s: %v: %s", user, err, out)
	}

	cli.environ["CP_PASSWORD"] = "soft\u00adhyphen-" + pgtest.RandomString(4)
	code, out := cli.run("plan", "spec.yaml")
	if code != exitError || !strings.Contains(out, "user password: it contains U+00AD, which PostgreSQL clients prepare differently") {
		t.Errorf("a password psql and pgx prepare differently: exit %d:\n%s", code, out)
	}
}
