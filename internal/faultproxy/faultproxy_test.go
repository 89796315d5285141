package faultproxy

import (
	"errors"
	"io"
	"net"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// echoServer answers each connection by echoing what it receives, prefixed
// with its name.
func echoServer(t *testing.T, name string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 1024)
				for {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					c.Write(append([]byte(name+":"), buf[:n]...))
				}
			}()
		}
	}()
	return l.Addr().String()
}

func start(t *testing.T, target string) *Proxy {
	t.Helper()
	p, err := Start(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func roundTrip(t *testing.T, c net.Conn, msg string) (string, error) {
	t.Helper()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte(msg)); err != nil {
		return "", err
	}
	buf := make([]byte, 1024)
	n, err := c.Read(buf)
	return string(buf[:n]), err
}

func TestForwardsAndMovesTarget(t *testing.T) {
	p := start(t, echoServer(t, "a"))
	first, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if got, err := roundTrip(t, first, "hi"); got != "a:hi" || err != nil {
		t.Fatalf("got %q, %v; want a:hi", got, err)
	}
	p.SetTarget(echoServer(t, "b"))
	second, _ := net.Dial("tcp", p.Addr())
	defer second.Close()
	if got, _ := roundTrip(t, second, "hi"); got != "b:hi" {
		t.Errorf("new connection after SetTarget: %q, want b:hi", got)
	}
	if got, _ := roundTrip(t, first, "again"); got != "a:again" {
		t.Errorf("open connection after SetTarget: %q, want a:again (it stays)", got)
	}
}

func TestHookResetsBeforeTheMatchingBytesArrive(t *testing.T) {
	p := start(t, echoServer(t, "a"))
	var fired atomic.Int32
	p.On(ClientToServer, "CREATE PUBLICATION", func() { fired.Add(1); p.ResetAll() })
	c, _ := net.Dial("tcp", p.Addr())
	defer c.Close()
	if got, _ := roundTrip(t, c, "CREATE ROLE"); got != "a:CREATE ROLE" {
		t.Fatalf("before the pattern: %q", got)
	}
	// The pattern split across two reads is still recognised.
	if got, _ := roundTrip(t, c, "CREATE PUBLI"); got != "a:CREATE PUBLI" {
		t.Fatalf("half the pattern: %q", got)
	}
	_, err := roundTrip(t, c, "CATION x")
	if !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, io.EOF) {
		t.Errorf("after the pattern: err %v, want a reset", err)
	}
	if fired.Load() != 1 || !p.Fired() {
		t.Errorf("hook ran %d times, want once", fired.Load())
	}
}
