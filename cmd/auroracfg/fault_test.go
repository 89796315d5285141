package main

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// resetProxy forwards TCP connections to target, except the first reset
// connections, which it aborts with a TCP reset as soon as they arrive: a
// server that drops connections while it restarts. (A dozen lines of test
// code are a better fit than a fault-injection library for one fault.)
func resetProxy(t *testing.T, target string, reset int) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range open {
			c.Close()
		}
	})
	go func() {
		for n := 0; ; n++ {
			c, err := l.Accept()
			if err != nil {
				return
			}
			if n < reset {
				c.(*net.TCPConn).SetLinger(0) // close with RST
				c.Close()
				continue
			}
			go func() {
				defer c.Close()
				up, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer up.Close()
				mu.Lock()
				open = append(open, c, up)
				mu.Unlock()
				go func() { io.Copy(up, c); up.(*net.TCPConn).CloseWrite() }()
				io.Copy(c, up)
			}()
		}
	}()
	return l.Addr().String()
}

// TestObserveRetriesConnectionResets: the first two connections are reset;
// plan retries, says so, and then plans normally.
func TestObserveRetriesConnectionResets(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "fault")
	addr := resetProxy(t, net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)), 2)
	host, port, _ := net.SplitHostPort(addr)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(`version: 1
schemas: [{name: s, include: [public]}]
sources:
  - {name: flaky, type: postgresql, database: `+db+`, connect: {host: `+host+`, port: `+port+`, sslmode: disable},
     admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}, user: {name: fault_cp, password: {fromEnv: CP_PASSWORD}}, schemas: [s]}
`), 0o644)
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "fault-" + pgtest.RandomString(8)}}
	code, out := cli.run("plan", "--detailed-exitcode", "spec.yaml")
	if code != exitChanges {
		t.Fatalf("plan through resets: exit %d, want 2:\n%s", code, out)
	}
	// Each reset fails one attempt (an attempt may also spend both resets,
	// if the driver opens a second connection while failing).
	if n := strings.Count(out, "flaky: observe failed: "); n < 1 || n > 2 {
		t.Errorf("%d retry lines, want 1 or 2:\n%s", n, out)
	}
	mustMatch(t, out, `connection reset by peer; retrying in 1s \(attempt 2 of 4\)$`, `\+ create role fault_cp`)
}
