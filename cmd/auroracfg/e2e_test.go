package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

const e2eSpec = `version: 1
schemas:
  - name: shop
    include: [app]
    futureTablesOwnedBy: [e2e_owner]
    withoutPrimaryKey: full
sources:
  - name: shop
    type: postgresql
    database: %s
    connect: {host: %s, port: %d, sslmode: disable}
    admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}
    user: {name: e2e_cp, password: {fromFile: cp-password.txt}}
    schemas: [shop]
`

const e2eTables = `
CREATE TABLE app.orders (id int PRIMARY KEY, total numeric);
CREATE TABLE app.log (msg text);
CREATE TABLE app.events (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
`

// TestSubscriberReceivesChanges is the proof that a real CDC client works
// on a source prepared by apply: a second PostgreSQL subscribes with the
// prepared user and publication, and receives rows written afterwards,
// including into a partition and into a table its owner creates later;
// UPDATE and DELETE keep working on the table that had no primary key.
func TestSubscriberReceivesChanges(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "e2e")
	sub, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		pgtest.Unavailable(t, "subscriber PostgreSQL server", err)
	}
	defer sub.Stop()
	ctx := context.Background()

	pgtest.MustExec(t, srv, db, "DROP ROLE IF EXISTS e2e_owner; CREATE ROLE e2e_owner NOLOGIN; CREATE SCHEMA app AUTHORIZATION e2e_owner; SET ROLE e2e_owner;"+e2eTables+
		"CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');")
	t.Cleanup(func() { srv.Exec(ctx, "postgres", "DROP ROLE IF EXISTS e2e_cp") })

	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	password := "e2e-" + pgtest.RandomString(6)
	os.WriteFile(spec, []byte(fmt.Sprintf(e2eSpec, db, srv.Host, srv.Port)), 0o644)
	os.WriteFile(filepath.Join(dir, "cp-password.txt"), []byte(password+"\n"), 0o600)
	environ := map[string]string{"ADMIN_PASSWORD": srv.SuperPassword}
	cli := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := run(ctx, args, env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(k string) string { return environ[k] }, dir: dir})
		if strings.Contains(out.String(), password) || strings.Contains(out.String(), srv.SuperPassword) {
			t.Errorf("auroracfg %s printed a secret", args[0])
		}
		return code, out.String()
	}
	if code, out := cli("apply", "--auto-approve", "spec.yaml"); code != 0 {
		t.Fatalf("apply exit %d:\n%s", code, out)
	}

	// From 13 the subscriber receives the partitioned table through its
	// root, as one plain table; 12 cannot publish a root, so rows arrive for
	// the partition, also a plain table there.
	events := "app.events"
	if srv.Version < 13 {
		events = "app.events_2026"
	}
	pgtest.MustExec(t, sub, "postgres", `CREATE SCHEMA app;
		CREATE TABLE app.orders (id int PRIMARY KEY, total numeric);
		CREATE TABLE app.log (msg text);
		CREATE TABLE `+events+` (id int, at date, PRIMARY KEY (id, at));
		CREATE TABLE app.later (id int PRIMARY KEY);`)
	conninfo := fmt.Sprintf("host=%s port=%d dbname=%s user=e2e_cp password=%s", srv.Host, srv.Port, db, password)
	pgtest.MustExec(t, sub, "postgres", "CREATE SUBSCRIPTION e2e_sub CONNECTION '"+conninfo+"' PUBLICATION clickpipes_publication")
	defer sub.Exec(ctx, "postgres", "DROP SUBSCRIPTION e2e_sub")

	pgtest.MustExec(t, srv, db, `
		INSERT INTO app.orders VALUES (1, 9.5);
		INSERT INTO app.events VALUES (1, '2026-05-01');
		INSERT INTO app.log VALUES ('a'), ('c');
		UPDATE app.log SET msg = 'b' WHERE msg = 'a';
		DELETE FROM app.log WHERE msg = 'c';`)
	// A table the owner creates after apply: readable through the default
	// privilege. From 15 it is published through the schema and no plan
	// change is needed; before 15 the publication is a table list, which
	// the next apply widens.
	pgtest.MustExec(t, srv, db, "SET ROLE e2e_owner; CREATE TABLE app.later (id int PRIMARY KEY); INSERT INTO app.later VALUES (7);")
	code, out := cli("plan", "--detailed-exitcode", "spec.yaml")
	if srv.Version >= 15 && code != 0 {
		t.Errorf("plan after the owner created a table: exit %d, want 0:\n%s", code, out)
	}
	if srv.Version < 15 {
		if code != 2 || !strings.Contains(out, "~ alter publication clickpipes_publication add 1 table\n      because publication clickpipes_publication does not publish app.later\n") {
			t.Errorf("plan after the owner created a table: exit %d, want 2 and the table added to the publication:\n%s", code, out)
		}
		if code, out := cli("apply", "--auto-approve", "spec.yaml"); code != 0 {
			t.Fatalf("apply adding the new table: exit %d:\n%s", code, out)
		}
	}
	pgtest.MustExec(t, sub, "postgres", "ALTER SUBSCRIPTION e2e_sub REFRESH PUBLICATION")

	want := "orders=1:9.5 events=1:2026-05-01 log=b later=7"
	got := waitFor(t, sub, want, `SELECT
		'orders=' || (SELECT string_agg(id || ':' || total, ',') FROM app.orders) ||
		' events=' || (SELECT string_agg(id || ':' || at, ',') FROM `+events+`) ||
		' log=' || (SELECT string_agg(msg, ',') FROM app.log) ||
		' later=' || (SELECT string_agg(id::text, ',') FROM app.later)`)
	if diff := cmp.Diff(want, got); diff != "" {
		log, _ := os.ReadFile(sub.LogFile())
		t.Errorf("subscriber rows (-want +got):\n%s\nsubscriber log tail:\n%s", diff, tail(string(log), 30))
	}
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

// waitFor polls the subscriber until query returns want, for at most a
// minute (replication is asynchronous), and returns the last value.
func waitFor(t *testing.T, srv *pgtest.Server, want, query string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, srv.ConnString(pgtest.SuperUser, srv.SuperPassword, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var got *string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := conn.QueryRow(ctx, query).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != nil && *got == want {
			break
		}
	}
	if got == nil {
		return "<null: some table is still empty>"
	}
	return *got
}
