package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// An apply costs few connections because one admin connection carries it
// from the lock to the hand-off: the apply lock is taken on it, the
// transaction runs on it, and once the lock is given back it is kept (idle)
// for the observation after the apply and then the hand-off's query, which
// each take it instead of connecting again. The apply's own plan keeps its
// observation's connection for the lock (KeepObservedConnection); a plan
// never keeps one: its observation connects and closes. A connection lost
// on the way is simply not kept, and the next step connects anew; one that
// sat idle for a while (a confirmation prompt) is pinged first, as a server
// or a NAT may have dropped it without a word.

// adminConn is the kept connection when there is a live one, else a new one;
// kept says which.
func (s *Source) adminConn(ctx context.Context) (conn *pgx.Conn, kept bool, err error) {
	if c := s.idle; c != nil {
		s.idle = nil
		if !c.IsClosed() && (time.Since(s.idleAt) < pingAfterIdle || c.Ping(ctx) == nil) {
			return c, true, nil
		}
		c.Close(ctx)
	}
	conn, err = s.connect(ctx)
	return conn, false, err
}

// keep parks conn for the next step when it is alive, or closes it.
func (s *Source) keep(ctx context.Context, conn *pgx.Conn) {
	if conn.IsClosed() {
		return
	}
	if s.idle != nil {
		s.idle.Close(ctx)
	}
	s.idle, s.idleAt = conn, time.Now()
}

// pingAfterIdle is how long a kept connection is trusted without a ping.
const pingAfterIdle = 2 * time.Second

// KeepObservedConnection makes the next observation keep its admin
// connection for the step after it: an apply's plan, whose lock is taken
// on the same connection (and whose statements the server has parsed
// already) instead of connecting again.
func (s *Source) KeepObservedConnection() *Source {
	s.keepObserved = true
	return s
}

// Close closes the kept connection, if any.
func (s *Source) Close() {
	if s.idle != nil {
		s.idle.Close(context.Background())
		s.idle = nil
	}
}
