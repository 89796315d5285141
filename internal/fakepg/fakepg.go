// Package fakepg is a listener that speaks just enough of PostgreSQL's
// startup to play a hostile or impersonated server in tests: it refuses TLS
// and reads the startup message, then hands the connection to the test.
package fakepg

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// sslRequest is the code of the SSLRequest message.
const sslRequest = 80877103

// Serve accepts connections on a loopback port until the test ends; each
// is handled by serve once its startup message was read. It returns the port.
func Serve(t *testing.T, serve func(net.Conn)) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				if readStartup(c) == nil {
					serve(c)
				}
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// readStartup answers SSLRequests with "N" (no TLS) and reads the startup
// message.
func readStartup(c net.Conn) error {
	for {
		var n uint32
		if err := binary.Read(c, binary.BigEndian, &n); err != nil {
			return err
		}
		if n < 8 {
			return errors.New("short startup message")
		}
		body := make([]byte, n-4)
		if _, err := io.ReadFull(c, body); err != nil {
			return err
		}
		if binary.BigEndian.Uint32(body) != sslRequest {
			return nil
		}
		if _, err := c.Write([]byte("N")); err != nil {
			return err
		}
	}
}
