package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jackc/pgx/v5"
)

// lockClass is the first half of auroracfg's advisory lock keys ("auro");
// the second is a hash of the source name. Advisory locks are scoped to a
// database, so the lock guards one source in one database: the same source
// is never applied twice at once, while distinct sources sharing a
// database still run in parallel.
const lockClass = 0x6175726f

// lockObject is the source's half of the key.
func lockObject(source string) int32 {
	h := fnv.New32a()
	h.Write([]byte(source))
	return int32(h.Sum32())
}

// ErrLocked means another process is applying to the same source database.
var ErrLocked = errors.New("being applied by another process")

// Lock takes the source's advisory lock and holds it until unlock is
// called; a second apply fails fast instead of waiting or interleaving. The
// apply's transaction runs on the lock's connection (Begin), which unlock
// keeps for the observation after the apply. Plans never lock.
func (s *Source) Lock(ctx context.Context) (unlock func(), err error) {
	l, err := s.TakeLock(ctx)
	if err != nil {
		return nil, err
	}
	s.lock = l
	return func() {
		if s.lock == nil {
			return
		}
		if conn := s.lock.unlock(); conn != nil {
			s.keep(context.Background(), conn)
		}
		s.lock = nil
	}, nil
}

// Relock takes the apply lock again when the session holding it ended (a
// reboot of the writer), so that no other apply slips in meanwhile; with no
// lock taken, or one still held, there is nothing to do.
func (s *Source) Relock(ctx context.Context) error {
	if s.lock == nil || s.lock.Held(ctx) {
		return nil
	}
	l, err := s.TakeLock(ctx)
	if err != nil {
		return err
	}
	s.lock.Release() // its session is gone; this frees the client side
	s.lock = l
	return nil
}

// ApplyLock is a held apply lock.
type ApplyLock struct {
	conn *pgx.Conn
}

// TakeLock takes the source's apply lock on a connection of its own (see
// Lock).
func (s *Source) TakeLock(ctx context.Context) (*ApplyLock, error) {
	conn, _, err := s.adminConn(ctx)
	if err != nil {
		return nil, err
	}
	var got bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1::int4, $2::int4)", lockClass, lockObject(s.name)).Scan(&got); err != nil {
		conn.Close(ctx)
		return nil, fmt.Errorf("take the apply lock: %w", err)
	}
	if !got {
		defer conn.Close(ctx)
		return nil, holderError(ctx, conn, s.name)
	}
	return &ApplyLock{conn: conn}, nil
}

// Held reports whether the lock's connection is still alive: a server
// restart (an Aurora reboot) ends the session and the lock with it.
func (l *ApplyLock) Held(ctx context.Context) bool {
	return l != nil && !l.conn.IsClosed() && l.conn.Ping(ctx) == nil
}

// Release gives the lock up by closing its connection.
func (l *ApplyLock) Release() {
	if l != nil {
		l.conn.Close(context.Background())
	}
}

// unlock gives the lock up and returns its connection, still open, or nil
// when it could not be given up cleanly (then the connection is closed,
// which frees the lock too).
func (l *ApplyLock) unlock() *pgx.Conn {
	ctx := context.Background()
	if l.conn.IsClosed() {
		return nil
	}
	if _, err := l.conn.Exec(ctx, "SELECT pg_advisory_unlock_all()"); err != nil {
		l.conn.Close(ctx)
		return nil
	}
	return l.conn
}

// holderError names the process that holds the lock.
func holderError(ctx context.Context, conn *pgx.Conn, source string) error {
	var pid int
	var since time.Time
	var app string
	err := conn.QueryRow(ctx, `
		SELECT a.pid, a.backend_start, a.application_name
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.granted
		  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
		int64(lockClass), int64(uint32(lockObject(source)))).Scan(&pid, &since, &app)
	if err != nil {
		return fmt.Errorf("source %s is %w", source, ErrLocked)
	}
	return fmt.Errorf("source %s is %w (pid %d, %s, since %s)", source, ErrLocked, pid, app, since.UTC().Format(time.RFC3339))
}
