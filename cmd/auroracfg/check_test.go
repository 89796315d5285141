package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/plan/check"
)

const checkSpec = `version: 1
schemas:
  - name: app
    include: [app]
    futureTablesOwnedBy: [chk_owner]
    futureTablesOwnedByAllCreators: %t
sources:
  - name: chk
    type: postgresql
    database: postgres
    connect: {host: %s, port: %d, sslmode: disable}
    admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}
    user: {name: chk_cp, password: {fromEnv: CP_PASSWORD}}
    schemas: [app]
`

// cliSession runs the CLI in-process against one spec directory; every
// output is scanned for the session's secrets.
type cliSession struct {
	t       *testing.T
	dir     string
	environ map[string]string
	// configure, when set, adjusts each run's env (AWS clients, output taps).
	configure func(e *env)
}

func (c *cliSession) run(args ...string) (int, string) {
	c.t.Helper()
	var out bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &out,
		getenv: func(k string) string { return c.environ[k] }, dir: c.dir}
	if c.configure != nil {
		c.configure(&e)
	}
	code := run(context.Background(), args, e)
	if name, found := findSecret(out.String(), func(k string) string { return c.environ[k] }); found {
		c.t.Errorf("auroracfg %s printed the secret $%s", strings.Join(args, " "), name)
	}
	return code, out.String()
}

// statuses runs check --format json and returns each check's status.
func (c *cliSession) statuses(wantCode int) map[string]check.Status {
	c.t.Helper()
	code, out := c.run("check", "--format", "json", "spec.yaml")
	if code != wantCode {
		c.t.Fatalf("check exit %d, want %d:\n%s", code, wantCode, out)
	}
	var doc struct {
		FormatVersion string               `json:"format_version"`
		Sources       []check.SourceChecks `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Sources) != 1 || doc.FormatVersion != "1" {
		c.t.Fatalf("check --format json: %v\n%s", err, out)
	}
	got := map[string]check.Status{}
	for _, ch := range doc.Sources[0].Checks {
		got[string(ch.ID)] = ch.Status
	}
	return got
}

func mustMatch(t *testing.T, out string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile(`(?m)` + p).MatchString(out) {
			t.Errorf("output lacks %q:\n%s", p, out)
		}
	}
}

// TestCheckFailingThenPassing drives every check through a failing and a
// passing state on a real server of its own (slots and max_wal_senders are
// server-wide): too few WAL senders, no free slot, an abandoned slot holding
// WAL, unbounded slot WAL, identities NOTHING and USING a dropped index, a
// wide FULL table, a role that can create tables but is not covered, then
// pg_hba.conf refusing the user, and a revoked SELECT.
func TestCheckFailingThenPassing(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{Settings: map[string]string{
		"max_wal_senders": "1", "max_replication_slots": "2",
	}})
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL test server", err)
	}
	defer srv.Stop()
	ctx := context.Background()
	boundedSlots := srv.Version >= 13 // 12 has no max_slot_wal_keep_size
	idleTimeout := srv.Version >= 18  // idle_replication_slot_timeout is new in 18
	if boundedSlots {
		pgtest.MustExec(t, srv, "postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = -1")
	}
	if idleTimeout {
		pgtest.MustExec(t, srv, "postgres", "ALTER SYSTEM SET idle_replication_slot_timeout = '1h'")
	}
	pgtest.MustExec(t, srv, "postgres", "SELECT pg_reload_conf()")
	wide := make([]string, 60)
	for i := range wide {
		wide[i] = fmt.Sprintf("c%d int", i)
	}
	pgtest.MustExec(t, srv, "postgres", `
		CREATE ROLE chk_owner NOLOGIN; CREATE ROLE chk_dev LOGIN;
		CREATE SCHEMA app AUTHORIZATION chk_owner; GRANT CREATE ON SCHEMA app TO chk_dev;
		CREATE TABLE app.t (id int PRIMARY KEY);
		CREATE TABLE app.nothing (id int PRIMARY KEY); ALTER TABLE app.nothing REPLICA IDENTITY NOTHING;
		CREATE TABLE app.byindex (k int NOT NULL); CREATE UNIQUE INDEX byindex_k ON app.byindex (k);
		ALTER TABLE app.byindex REPLICA IDENTITY USING INDEX byindex_k; DROP INDEX app.byindex_k;
		CREATE TABLE app.wide (`+strings.Join(wide, ", ")+`); ALTER TABLE app.wide REPLICA IDENTITY FULL;`)
	// Slots cannot be made in a transaction that wrote: one statement each.
	pgtest.MustExec(t, srv, "postgres", "SELECT pg_create_logical_replication_slot('chk_stale', 'pgoutput')")
	pgtest.MustExec(t, srv, "postgres", "SELECT pg_create_logical_replication_slot('chk_other', 'test_decoding')")
	pgtest.MustExec(t, srv, "postgres", "CREATE TABLE public.churn AS SELECT generate_series(1, 20000) AS n")

	dir := t.TempDir()
	writeSpec := func(allCreators bool) {
		os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(checkSpec, allCreators, srv.Host, srv.Port)), 0o644)
	}
	writeSpec(false)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "chk-" + pgtest.RandomString(8)}}

	// Failing: the text names each problem, its fix or the actions that fix it.
	code, out := cli.run("check", "spec.yaml")
	if code != exitChanges {
		t.Fatalf("check exit %d, want 2:\n%s", code, out)
	}
	mustMatch(t, out,
		`^  ok    PostgreSQL 12 or later\n +PostgreSQL `+strconv.Itoa(srv.Version)+`\.`,
		`^  FAIL  max_wal_senders at least 2\n +max_wal_senders is 1, want at least 2`,
		`^  FAIL  a free replication slot for the pipe\n +all 2 replication slots \(max_replication_slots\) are in use`,
		`^  FAIL  the user logs in with the spec's password\n +to do: create role chk_cp`,
		`^  FAIL  a replication connection as the user runs IDENTIFY_SYSTEM\n +not tried: the user cannot log in yet`,
		`^  FAIL  every published table has a usable replica identity\n +publishing tables without a replica identity .*app\.byindex, app\.nothing \(app\.byindex: its replica identity index was dropped; app\.nothing: REPLICA IDENTITY NOTHING\)`,
		`app\.wide \(60 columns`,
		`role chk_dev can create tables in schema app but is not in futureTablesOwnedBy`,
		`replication slot chk_stale \(logical, pgoutput, database postgres\) is inactive and retains [0-9.]+ [kMG]?B of WAL`,
		`fix: if nothing will consume it again: auroracfg apply --drop-slot chk_stale`,
		`auroracfg apply makes it pass: role/chk_cp`,
		`^Not ready: 1 of 1 source would fail to start a ClickPipe\.$`,
	)
	if boundedSlots {
		mustMatch(t, out, `max_slot_wal_keep_size is -1 \(unbounded\)`)
	}
	if idleTimeout {
		mustMatch(t, out, `idle_replication_slot_timeout is 1h: a pipe paused longer than that loses its replication slot, which forces a full resync`,
			`fix: ALTER SYSTEM SET idle_replication_slot_timeout = 0; SELECT pg_reload_conf\(\);`)
	}
	if diff := cmp.Diff(map[string]check.Status{
		"server-version": "pass", "primary": "pass", "no-apply-under-way": "pass", "pooler": "pass", "logical-replication": "pass",
		"max-wal-senders": "fail", "replication-slots": "fail", "login": "fail", "replication-privilege": "fail",
		"replication-connection": "fail", "publication": "fail", "replica-identity": "fail", "tables-selectable": "fail",
		"future-tables": "fail", "wal-retention": "warn",
	}, cli.statuses(exitChanges)); diff != "" {
		t.Errorf("failing state (-want +got):\n%s", diff)
	}

	// Fix what only the DBA can fix; the spec takes every creator as an
	// owner; apply drops the abandoned slots it is told to.
	pgtest.MustExec(t, srv, "postgres", "ALTER SYSTEM SET max_wal_senders = 10")
	if boundedSlots {
		pgtest.MustExec(t, srv, "postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '200GB'")
	}
	if idleTimeout {
		pgtest.MustExec(t, srv, "postgres", "ALTER SYSTEM SET idle_replication_slot_timeout = '2d'")
	}
	pgtest.MustExec(t, srv, "postgres", "ALTER TABLE app.nothing REPLICA IDENTITY DEFAULT; DROP TABLE app.byindex")
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	writeSpec(true)
	code, out = cli.run("apply", "--auto-approve", "--drop-slot", "chk_stale", "--drop-slot", "chk:chk_other", "spec.yaml")
	if code != exitOK {
		t.Fatalf("apply exit %d:\n%s", code, out)
	}
	mustMatch(t, out, `chk: - drop replication slot chk_stale \(logical, pgoutput, database postgres\)$`,
		`alter default privileges for role chk_dev in schema app grant select on tables to chk_cp`)
	want := map[string]check.Status{
		"server-version": "pass", "primary": "pass", "no-apply-under-way": "pass", "pooler": "pass", "logical-replication": "pass",
		"max-wal-senders": "pass", "replication-slots": "pass", "login": "pass", "replication-privilege": "pass",
		"replication-connection": "pass", "publication": "pass", "replica-identity": "warn", "tables-selectable": "pass",
		"future-tables": "pass", "wal-retention": "pass",
	}
	if diff := cmp.Diff(want, cli.statuses(exitOK)); diff != "" {
		t.Errorf("after apply (-want +got):\n%s", diff)
	}

	// pg_hba.conf refusing the user: the replication connection fails with
	// the server's reason. (The reload is asynchronous: wait for it.)
	if err := srv.SetHBA(ctx, "host all chk_cp 127.0.0.1/32 reject"); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		code, out = cli.run("check", "spec.yaml")
		if code != exitOK || time.Now().After(deadline) {
			break
		}
	}
	if code != exitChanges {
		t.Fatalf("check with pg_hba.conf rejecting the user: exit %d, want 2:\n%s", code, out)
	}
	// The server's words: 12 and 13 call every WAL sender connection a
	// replication connection; from 14 a logical one names its database.
	refusal := `pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "chk_cp", database "postgres"`
	if srv.Version < 14 {
		refusal = `pg_hba\.conf rejects replication connection for host "127\.0\.0\.1", user "chk_cp", SSL off`
	}
	mustMatch(t, out, `^  FAIL  a replication connection as the user runs IDENTIFY_SYSTEM\n +a replication connection .* as chk_cp failed: `+refusal)
	if err := srv.SetHBA(ctx, ""); err != nil {
		t.Fatal(err)
	}

	// A revoked SELECT: the table check fails and names the grant.
	pgtest.MustExec(t, srv, "postgres", "REVOKE SELECT ON app.t FROM chk_cp")
	code, out = cli.run("check", "spec.yaml")
	mustMatch(t, out, `^  FAIL  the user can read every table in scope\n +to do: grant select on 1 table in schema app to chk_cp`,
		`auroracfg apply makes it pass: select/app`)
	if code != exitChanges {
		t.Errorf("check after REVOKE: exit %d, want 2", code)
	}
}
