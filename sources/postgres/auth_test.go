package postgres

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auroracfg/auroracfg/internal/fakepg"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// passwordThief is a fake PostgreSQL server that answers every startup
// with an authentication request of the given code (3 cleartext, 5 MD5)
// and records every byte the client sends after its startup message.
type passwordThief struct {
	port int
	mu   sync.Mutex
	sent bytes.Buffer
}

func newPasswordThief(t *testing.T, code uint32) *passwordThief {
	th := &passwordThief{}
	th.port = fakepg.Serve(t, func(c net.Conn) {
		req := []byte{'R', 0, 0, 0, 8, 0, 0, 0, byte(code)}
		if code == 5 {
			req = []byte{'R', 0, 0, 0, 12, 0, 0, 0, 5, 's', 'a', 'l', 't'}
		}
		c.Write(req)
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			th.mu.Lock()
			th.sent.Write(buf[:n])
			th.mu.Unlock()
			if err != nil {
				return
			}
		}
	})
	return th
}

func (th *passwordThief) received() string {
	th.mu.Lock()
	defer th.mu.Unlock()
	return th.sent.String()
}

// TestOnlySCRAMReceivesThePassword: a server asking for the password in
// cleartext or as MD5 gets nothing (neither the admin's nor the user's
// password), and the error names the method it asked for.
func TestOnlySCRAMReceivesThePassword(t *testing.T) {
	for code, method := range map[uint32]string{3: "cleartext password", 5: "md5"} {
		t.Run(method, func(t *testing.T) {
			th := newPasswordThief(t, code)
			port := th.port
			adminPW, userPW := "Admin-Secret-"+method, "User-Secret-"+method
			spec := &schema.Source{Name: "thief", Type: "postgresql", Database: "db",
				Connect: schema.Connect{Host: "127.0.0.1", Port: port, SSLMode: "prefer"},
				Admin:   schema.Admin{User: "admin", Password: &schema.SecretRef{FromEnv: "A"}},
				User:    schema.User{Name: "cp", Password: &schema.SecretRef{FromEnv: "U"}}}
			env := map[string]string{"A": adminPW, "U": userPW}
			src, err := NewSource(spec, secret.Resolver{Getenv: func(k string) string { return env[k] }})
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = src.Observe(context.Background(), plan.Scope{Source: "thief", User: "cp", Publication: "p"})
			if err == nil || !strings.Contains(err.Error(), "the server asked for "+method+" authentication") {
				t.Fatalf("Observe error = %v, want the refusal of %s", err, method)
			}
			if Retryable(err) {
				t.Errorf("a refused authentication method is retried: %v", err)
			}
			time.Sleep(100 * time.Millisecond) // whatever the client sent has arrived
			got := th.received()
			for _, pw := range []string{adminPW, userPW} {
				if strings.Contains(got, pw) {
					t.Errorf("the server received a password in %s", method)
				}
			}
			if strings.Contains(got, "p\x00") || strings.IndexByte(got, 'p') == 0 {
				t.Errorf("the client sent a password message: %q", got)
			}
		})
	}
}
