// Package faultproxy is a TCP proxy for tests that injects the faults a
// production database connection meets: reset connections, a
// reset in the middle of a statement, latency, a server restarting under a
// transaction, and an endpoint that moves (a failover). Faults can be tied to
// the bytes that cross it — "reset when the client sends CREATE PUBLICATION",
// "drop the connection when the server answers COMMIT" — so a test hits the
// exact moment it means to, every run.
//
// Shopify's toxiproxy was the alternative; its toxics act on time and byte
// counts, not on content, so they cannot aim at one statement of a
// pipelined transaction, and it cannot move its upstream mid-test without
// its HTTP API. This is a small proxy with exactly those two abilities.
package faultproxy

import (
	"bytes"
	"io"
	"net"
	"sync"
	"time"
)

// Direction says which way bytes travel.
type Direction int

const (
	ClientToServer Direction = iota
	ServerToClient
)

// Proxy forwards connections from its address to a target.
type Proxy struct {
	l  net.Listener
	mu sync.Mutex
	// guarded by mu
	target   string
	latency  time.Duration
	rules    []*rule
	conns    map[*link]bool
	accepted int
}

type rule struct {
	dir     Direction
	pattern []byte
	hook    func()
	fired   bool
}

// link is one proxied connection: client side and server side.
type link struct{ client, server net.Conn }

// Start listens on a free loopback port and forwards to target.
func Start(target string) (*Proxy, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{l: l, target: target, conns: map[*link]bool{}}
	go p.serve()
	return p, nil
}

// Addr is host:port to connect to.
func (p *Proxy) Addr() string { return p.l.Addr().String() }

// HostPort is Addr split, for connection settings.
func (p *Proxy) HostPort() (string, string) {
	host, port, _ := net.SplitHostPort(p.Addr())
	return host, port
}

// Accepted is how many connections arrived so far.
func (p *Proxy) Accepted() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// SetTarget moves new connections to another server; open ones stay where
// they are (as a DNS change does).
func (p *Proxy) SetTarget(target string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.target = target
}

// SetLatency delays every chunk of bytes, both ways, by d.
func (p *Proxy) SetLatency(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latency = d
}

// On runs hook the first time bytes containing pattern travel in dir, before
// they are forwarded: the hook may reset every connection (ResetAll), so the
// bytes never arrive, or restart the server, so they arrive too late.
func (p *Proxy) On(dir Direction, pattern string, hook func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules = append(p.rules, &rule{dir: dir, pattern: []byte(pattern), hook: hook})
}

// Fired reports whether every rule's hook has run.
func (p *Proxy) Fired() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range p.rules {
		if !r.fired {
			return false
		}
	}
	return true
}

// ResetAll aborts every open connection with a TCP reset, both sides.
func (p *Proxy) ResetAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for l := range p.conns {
		reset(l.client)
		reset(l.server)
		delete(p.conns, l)
	}
}

// Close stops accepting and drops every connection.
func (p *Proxy) Close() {
	p.l.Close()
	p.ResetAll()
}

func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetLinger(0) // close sends RST
	}
	c.Close()
}

func (p *Proxy) serve() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.accepted++
		target := p.target
		p.mu.Unlock()
		go p.forward(c, target)
	}
}

func (p *Proxy) forward(client net.Conn, target string) {
	server, err := net.Dial("tcp", target)
	if err != nil {
		reset(client)
		return
	}
	l := &link{client: client, server: server}
	p.mu.Lock()
	p.conns[l] = true
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.pipe(server, client, ClientToServer)
		close(done)
	}()
	p.pipe(client, server, ServerToClient)
	<-done
	client.Close()
	server.Close()
	p.mu.Lock()
	delete(p.conns, l)
	p.mu.Unlock()
}

// pipe copies src to dst chunk by chunk, applying latency and rules. A
// pattern split across two reads is still seen: the tail of the previous
// chunk is searched with the next.
func (p *Proxy) pipe(dst, src net.Conn, dir Direction) {
	buf := make([]byte, 32*1024)
	var tail []byte
	for {
		n, err := src.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			window := append(tail, chunk...)
			p.fire(dir, window)
			tail = lastBytes(window, 64)
			if d := p.delay(); d > 0 {
				time.Sleep(d)
			}
			if _, werr := dst.Write(chunk); werr != nil {
				src.Close()
				return
			}
		}
		if err != nil {
			if err == io.EOF {
				if tc, ok := dst.(*net.TCPConn); ok {
					tc.CloseWrite()
					return
				}
			}
			dst.Close()
			return
		}
	}
}

func lastBytes(b []byte, n int) []byte {
	if len(b) <= n {
		return append([]byte(nil), b...)
	}
	return append([]byte(nil), b[len(b)-n:]...)
}

func (p *Proxy) delay() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.latency
}

// fire runs, outside the lock, the hooks of rules that match for the first time.
func (p *Proxy) fire(dir Direction, window []byte) {
	var hooks []func()
	p.mu.Lock()
	for _, r := range p.rules {
		if !r.fired && r.dir == dir && bytes.Contains(window, r.pattern) {
			r.fired = true
			hooks = append(hooks, r.hook)
		}
	}
	p.mu.Unlock()
	for _, h := range hooks {
		h()
	}
}
