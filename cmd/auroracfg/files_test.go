package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// TestSavedPlanIsPrivate: plan --out over an existing, readable file leaves
// it readable by its owner only, as a new one is.
func TestSavedPlanIsPrivate(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "private")
	pgtest.MustExec(t, srv, db, "CREATE SCHEMA app")
	dir := t.TempDir()
	spec := fmt.Sprintf(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: p, type: postgresql, database: %s, connect: {host: %s, port: %d, sslmode: disable},
     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: private_cp, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`, db, srv.Host, srv.Port)
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec), 0o644)
	out := filepath.Join(dir, "plan.out")
	os.WriteFile(out, []byte("old"), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "private-" + pgtest.RandomString(8)}}
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
