package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// simpleSource writes a one-source spec for srv's db and returns its
// session (the user is cleaned up with the test).
func simpleSource(t *testing.T, srv *pgtest.Server, db, name string) *cliSession {
	t.Helper()
	pgtest.MustExec(t, srv, db, "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY)")
	user := name + "_" + pgtest.RandomString(6)
	t.Cleanup(func() {
		srv.Exec(context.Background(), db, "DROP PUBLICATION IF EXISTS clickpipes_publication; DROP OWNED BY "+user)
		srv.Exec(context.Background(), "postgres", "DROP ROLE IF EXISTS "+user)
	})
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: %s, type: postgresql, database: %s, connect: {host: %s, port: %d, sslmode: disable},
     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: %s, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`, name, db, srv.Host, srv.Port, user)), 0o644)
	return &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": name + "-" + pgtest.RandomString(8),
		"USER": user}}
}

// answerAfter is a terminal whose user answers "yes" only after another
// apply (run) has finished: the second apply's plan was made before the
// first committed.
type answerAfter struct {
	once sync.Once
	run  func()
}

func (a *answerAfter) Read(p []byte) (int, error) {
	a.once.Do(a.run)
	return copy(p, "yes\n"), nil
}

// TestTwoAppliesMomentsApart: apply B plans and waits for "yes"; apply A
// runs to the end meanwhile. B then takes the lock, observes again, and runs
// nothing: its plan was made before A committed.
func TestTwoAppliesMomentsApart(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "twice")
	cli := simpleSource(t, srv, db, "twice")
	var first string
	var out bytes.Buffer
	e := env{stdout: &out, stderr: &out, getenv: func(k string) string { return cli.environ[k] }, dir: cli.dir, isTerminal: true}
	e.stdin = &answerAfter{run: func() {
		code, o := cli.run("apply", "--auto-approve", "spec.yaml")
		first = o
		if code != exitOK {
			t.Errorf("apply A: exit %d:\n%s", code, o)
		}
	}}
	if code := run(context.Background(), []string{"apply", "spec.yaml"}, e); code != exitOK {
		t.Errorf("apply B: exit %d:\n%s", code, out.String())
	}
	mustMatch(t, first, `^twice: committed 4 actions$`)
	mustMatch(t, out.String(), `^twice: nothing left to do: observed again under the apply lock, the source needs none of it now$`,
		`^twice: converged: ready for ClickPipes$`)
	if strings.Contains(out.String(), "committed") || strings.Contains(out.String(), "failed") {
		t.Errorf("apply B ran its stale plan:\n%s", out.String())
	}
}

// TestInterruptDuringApply: Ctrl-C after the first action of a real apply:
// not retried, the transaction rolled back (the role the first action
// created is gone), and the source says nothing else ran.
func TestInterruptDuringApply(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "intr")
	cli := simpleSource(t, srv, db, "intr")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(k string) string { return cli.environ[k] }, dir: cli.dir,
		afterStep: func(_, step string) {
			if step != "commit" {
				cancel() // the signal arrives while the transaction is open
			}
		}}
	if code := run(ctx, []string{"apply", "--auto-approve", "spec.yaml"}, e); code == exitOK {
		t.Fatalf("an interrupted apply succeeded:\n%s", out.String())
	}
	mustMatch(t, out.String(), `^intr: error: interrupted: nothing was changed \(the transaction was rolled back\) and nothing else ran$`)
	if strings.Contains(out.String(), "retrying") {
		t.Errorf("an interrupt was retried:\n%s", out.String())
	}
	conn, err := srv.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var roles int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_roles WHERE rolname = $1", cli.environ["USER"]).Scan(&roles); err != nil || roles != 0 {
		t.Errorf("roles named %s after the interrupt: %d (%v), want 0", cli.environ["USER"], roles, err)
	}
}

// TestAdminFromTheEnvironmentIsTheUser: the admin comes from the libpq
// environment (PGUSER) and is the replication user itself. Plan stops with a
// blocker instead of planning to reset the admin's own password and grants,
// and apply changes nothing.
func TestAdminFromTheEnvironmentIsTheUser(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "selfadmin")
	pgtest.MustExec(t, srv, db, "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY)")
	user := "self_" + pgtest.RandomString(6)
	password := "self-" + pgtest.RandomString(10)
	pgtest.MustExec(t, srv, "postgres", fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", user, password))
	t.Cleanup(func() { srv.Exec(context.Background(), "postgres", "DROP ROLE IF EXISTS "+user) })
	t.Setenv("PGUSER", user) // read by the driver, as libpq would
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: self, type: postgresql, database: %s, connect: {host: %s, port: %d, sslmode: disable},
     admin: {password: {fromEnv: CP_PASSWORD}}, user: {name: %s, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`, db, srv.Host, srv.Port, user)), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"CP_PASSWORD": password}}
	code, out := cli.run("plan", "--detailed-exitcode", "spec.yaml")
	if code != exitChanges {
		t.Fatalf("plan: exit %d, want 2:\n%s", code, out)
	}
	mustMatch(t, out, `^  ! blocker: auroracfg connects as `+user+`, which is the replication user itself: it never changes the role it connects as`)
	if strings.Contains(out, "alter role") || strings.Contains(out, "grant ") {
		t.Errorf("plan changes the admin's own role:\n%s", out)
	}
	if code, out := cli.run("apply", "--auto-approve", "spec.yaml"); code == exitOK || strings.Contains(out, "committed") {
		t.Errorf("apply: exit %d:\n%s", code, out)
	}
}

// TestUntrustedCertificateIsNoTransientFault: the server's certificate is
// signed by a CA the spec's sslrootcert is not: the error is said at once,
// never retried as a transient connection fault.
func TestUntrustedCertificateIsNoTransientFault(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL test server", err)
	}
	defer srv.Stop()
	serverCert, serverKey := selfSigned(t, "127.0.0.1")
	if err := srv.EnableTLS(context.Background(), serverCert, serverKey); err != nil {
		t.Fatal(err)
	}
	otherCA, _ := selfSigned(t, "some other CA")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ca.pem"), otherCA, 0o644)
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(`version: 1
schemas: [{name: s, include: [public]}]
sources:
  - {name: tls, type: postgresql, database: postgres, connect: {host: %s, port: %d, sslmode: verify-full, sslrootcert: ca.pem},
     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: tls_cp, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`, srv.Host, srv.Port)), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "tls-" + pgtest.RandomString(8)}}
	code, out := cli.run("plan", "spec.yaml")
	if code != exitError || !strings.Contains(out, "certificate") || strings.Contains(out, "retrying") {
		t.Errorf("plan against an untrusted certificate: exit %d, want 1 at once, naming the certificate:\n%s", code, out)
	}
}

// selfSigned makes a self-signed certificate for host, and its key (PEM).
func selfSigned(t *testing.T, host string) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	if ip := net.ParseIP(host); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
}
