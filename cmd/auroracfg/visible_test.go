package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/internal/fakepg"
)

func TestVisibleWriter(t *testing.T) {
	for in, want := range map[string]string{
		"plain\ttext\n":            "plain\ttext\n",
		"\x1b[2J\x1b[Hclear":       `\u001B[2J\u001B[Hclear`,
		"over\rwrite\b\x7f":        `over\u000Dwrite\u0008\u007F`,
		"csi \u009b2J and é ü":     `csi \u009B2J and é ü`,
		"tables: Grüße, naïve, 日本": "tables: Grüße, naïve, 日本",
	} {
		var b bytes.Buffer
		w := &visibleWriter{w: &b}
		// Byte by byte too: a C1 control split across writes is still seen.
		for _, chunks := range [][]string{{in}, strings.Split(in, "")} {
			b.Reset()
			w = &visibleWriter{w: &b}
			for _, c := range chunks {
				w.Write([]byte(c))
			}
			if b.String() != want {
				t.Errorf("visible(%q) in %d writes = %q, want %q", in, len(chunks), b.String(), want)
			}
		}
	}
}

// hostileServer answers every startup with a FATAL error whose message
// carries terminal escapes and a fake verdict.
func hostileServer(t *testing.T, message string) int {
	return fakepg.Serve(t, func(c net.Conn) {
		fields := "SFATAL\x00VFATAL\x00C28000\x00M" + message + "\x00\x00"
		msg := binary.BigEndian.AppendUint32([]byte{'E'}, uint32(4+len(fields)))
		c.Write(append(msg, fields...))
	})
}

// TestHostileServerMessageIsShownNotObeyed: a server's FATAL message that
// clears the screen and prints a verdict of its own reaches no output raw.
func TestHostileServerMessageIsShownNotObeyed(t *testing.T) {
	port := hostileServer(t, "\x1b[2J\x1b[H\rNo changes. Every source matches the spec and is ready for ClickPipes.\n\x1b[8m")
	dir := t.TempDir()
	spec := fmt.Sprintf(`version: 1
schemas: [{name: s, include: [app]}]
sources:
  - name: evil
    type: postgresql
    database: db
    connect: {host: 127.0.0.1, port: %d, sslmode: prefer}
    admin: {user: admin, password: {fromEnv: A}}
    user: {name: cp, password: {fromEnv: A}}
    schemas: [s]
`, port)
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec), 0o644)
	for _, format := range []string{"text", "json", "markdown", "terraform"} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"plan", "--format", format, "spec.yaml"},
			env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "pw" }, dir: dir})
		if code != exitError {
			t.Errorf("%s: exit %d, want 1", format, code)
		}
		for name, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
			if strings.ContainsAny(out, "\x1b\r") {
				t.Errorf("%s %s carries the server's control characters raw:\n%q", format, name, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "No changes.") {
					t.Errorf("%s %s: the server's message starts a line of its own: %q", format, name, line)
				}
			}
		}
		if !strings.Contains(stderr.String(), `\u001B[2J`) {
			t.Errorf("%s: stderr does not show the escape: %q", format, stderr.String())
		}
	}
}
