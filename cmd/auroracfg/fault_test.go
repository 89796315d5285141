package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/auroracfg/auroracfg/internal/faultproxy"
	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// faultSpec is one source reached through a fault proxy.
const faultSpec = `version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: flaky, type: postgresql, database: %s, connect: {host: %s, port: %s, sslmode: disable},
     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: %s, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`

// faultSession prepares a database with a schema to publish, a proxy in
// front of srv, and a CLI session whose spec goes through the proxy.
func faultSession(t *testing.T, srv *pgtest.Server, db, user string) (*faultproxy.Proxy, *cliSession) {
	t.Helper()
	pgtest.MustExec(t, srv, db, "CREATE SCHEMA app; CREATE TABLE app.orders (id int PRIMARY KEY); CREATE TABLE app.items (id int PRIMARY KEY)")
	p, err := faultproxy.Start(net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	host, port := p.HostPort()
	dir := t.TempDir()
	spec := fmt.Sprintf(faultSpec, db, host, port, user)
	if err := os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "fault-" + pgtest.RandomString(8)}}
}

// converges applies through the faults, then checks with a plain plan that
// nothing is left to do, and returns apply's output.
func converges(t *testing.T, cli *cliSession) string {
	t.Helper()
	code, out := cli.run("apply", "--auto-approve", "spec.yaml")
	if code != exitOK {
		t.Fatalf("apply through the fault: exit %d:\n%s", code, out)
	}
	mustMatch(t, out, `^flaky: converged: ready for ClickPipes$`)
	if code, again := cli.run("plan", "--detailed-exitcode", "spec.yaml"); code != exitOK {
		t.Errorf("plan after apply: exit %d, want 0 (no changes):\n%s", code, again)
	}
	return out
}

// TestObserveRetriesConnectionResets: the admin's first connection is reset
// as it logs in; plan retries, says so once, and then plans normally. The
// fault is aimed at the admin's startup message, not at "the next
// connection": the user probe connects at the same moment, and a reset it
// takes is rightly ignored while the user does not exist.
func TestObserveRetriesConnectionResets(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "fault")
	p, cli := faultSession(t, srv, db, "fault_cp")
	p.On(faultproxy.ClientToServer, "user\x00postgres\x00", p.ResetAll)
	code, out := cli.run("plan", "--detailed-exitcode", "spec.yaml")
	if code != exitChanges {
		t.Fatalf("plan through resets: exit %d, want 2:\n%s", code, out)
	}
	if n := strings.Count(out, "flaky: observe failed: "); n != 1 {
		t.Errorf("%d retry lines, want 1:\n%s", n, out)
	}
	if !p.Fired() {
		t.Errorf("the reset never fired:\n%s", out)
	}
	mustMatch(t, out, `connection reset by peer; retrying in 1s \(attempt 2 of 4\)$`, `\+ create role fault_cp`)
}

// TestApplySurvivesConnectionFaults breaks the apply at its most delicate
// moments; each time apply says it was interrupted, observes again, runs
// what is left and converges, and a second plan finds nothing to do.
func TestApplySurvivesConnectionFaults(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault func(p *faultproxy.Proxy)
		want  []string // output patterns besides convergence
	}{{
		// The transaction is being sent when the connection is reset:
		// nothing of it was committed, so the retry runs all of it again.
		name:  "reset mid-transaction",
		fault: func(p *faultproxy.Proxy) { p.On(faultproxy.ClientToServer, "CREATE PUBLICATION", p.ResetAll) },
		want: []string{`^flaky: interrupted: connection lost \(.*\); observing again and retrying in 1s \(attempt 2 of 4\)$`,
			`(?s)interrupted.*\+ create publication clickpipes_publication.*committed 4 actions`},
	}, {
		// The server committed, the acknowledgement never arrived: the
		// fresh observation finds the work done and nothing is rerun.
		name:  "commit acknowledgement lost",
		fault: func(p *faultproxy.Proxy) { p.On(faultproxy.ServerToClient, "COMMIT\x00", p.ResetAll) },
		want:  []string{`^flaky: interrupted: commit: connection lost .*; observing again and retrying in 1s \(attempt 2 of 4\)$`},
	}, {
		name:  "latency",
		fault: func(p *faultproxy.Proxy) { p.SetLatency(25 * time.Millisecond) },
		want:  []string{`^flaky: committed 4 actions$`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			srv, db := pgtest.NewDatabase(t, "fault")
			user := "fault_" + pgtest.RandomString(6)
			p, cli := faultSession(t, srv, db, user)
			tc.fault(p)
			out := converges(t, cli)
			mustMatch(t, out, tc.want...)
			if !p.Fired() {
				t.Errorf("the fault never fired:\n%s", out)
			}
			if tc.name == "commit acknowledgement lost" && strings.Count(out, "committed 4 actions") != 0 {
				t.Errorf("the committed work ran again:\n%s", out)
			}
		})
	}
}

// TestApplySurvivesAServerRestart restarts the server (a dedicated one)
// while the apply's transaction is on its way: the server terminates the
// session with 57P01, apply observes again once it is back and converges.
func TestApplySurvivesAServerRestart(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL test server", err)
	}
	defer srv.Stop()
	p, cli := faultSession(t, srv, "postgres", "restart_cp")
	p.On(faultproxy.ClientToServer, "CREATE PUBLICATION", func() {
		if err := srv.Restart(); err != nil {
			t.Errorf("restart: %v", err)
		}
	})
	out := converges(t, cli)
	mustMatch(t, out, `^flaky: interrupted: connection lost(: FATAL: terminating connection due to administrator command \(SQLSTATE 57P01\)| \(.*\)); observing again`)
}

// TestFirstApplyConnections counts the TCP connections of a first apply
// with its hand-off: one admin connection that carries the plan's
// observation, the apply lock, the observation under it, the transaction,
// the observation after it and the hand-off's query, and the user's probes
// of the three observations (the first two are refused: the user does not
// exist yet; only two connections are authorized). It was seven (lock,
// transaction, observation and hand-off each connected anew), then five
// (the plan's observation closed its connection before the lock).
func TestFirstApplyConnections(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "conns")
	p, cli := faultSession(t, srv, db, "conns_"+pgtest.RandomString(6))
	out := converges(t, cli)
	mustMatch(t, out, `(?m)^  tables\s`)
	// converges ran a plan after the apply: its two connections are not
	// the apply's.
	if got := p.Accepted() - 2; got != 4 {
		t.Errorf("the apply opened %d connections, want 4:\n%s", got, out)
	}
}
