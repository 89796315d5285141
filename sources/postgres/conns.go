package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// An apply costs few connections because one admin connection carries it
// from the lock to the hand-off: the apply lock is taken on it, the
// transaction runs on it, and once the lock is given back it is kept (idle)
// for the observation after the apply and then the hand-off's query, which
// each take it instead of connecting again. A plan never keeps one: its
// observation connects and closes. A connection lost on the way is simply
// not kept, and the next step connects anew.

// adminConn is the kept connection when there is a live one, else a new one;
// kept says which.
func (s *Source) adminConn(ctx context.Context) (conn *pgx.Conn, kept bool, err error) {
	if c := s.idle; c != nil {
		s.idle = nil
		if !c.IsClosed() {
			return c, true, nil
		}
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
	s.idle = conn
}

// Close closes the kept connection, if any.
func (s *Source) Close() {
	if s.idle != nil {
		s.idle.Close(context.Background())
		s.idle = nil
	}
}
