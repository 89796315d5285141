package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSlowSourceShowsProgress: a server that accepts connections and never
// answers makes plan print steady progress lines, then fail when the
// connection times out (PGCONNECT_TIMEOUT), naming the source.
func TestSlowSourceShowsProgress(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c) // accept and never answer
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	}()
	t.Setenv("PGCONNECT_TIMEOUT", "1")
	dir := t.TempDir()
	port := l.Addr().(*net.TCPAddr).Port
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - {name: slow-db, type: postgresql, database: d, connect: {host: 127.0.0.1, port: `+strconv.Itoa(port)+`, sslmode: disable},
     admin: {user: a, password: {fromEnv: P}}, user: {password: {fromEnv: P}}, schemas: [s]}
`), 0o644)
	var stdout, stderr bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "pw" }, dir: dir,
		observeInterval: 100 * time.Millisecond, retryDelay: time.Millisecond}
	if code := run(context.Background(), []string{"plan", "spec.yaml"}, e); code != exitError {
		t.Fatalf("plan against a hanging server: exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "slow-db: still observing … [0m0") {
		t.Errorf("no progress line in stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "Error: source slow-db: connect to 127.0.0.1:") {
		t.Errorf("the failure does not name the source:\n%s", stderr.String())
	}
}
