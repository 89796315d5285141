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

// Lock takes the source's advisory lock on a dedicated connection and holds
// it until unlock is called; a second apply fails fast instead of waiting or
// interleaving. Plans never lock.
func (s *Source) Lock(ctx context.Context) (unlock func(), err error) {
	l, err := s.TakeLock(ctx)
	if err != nil {
		return nil, err
	}
	return l.Release, nil
}

// ApplyLock is a held apply lock.
type ApplyLock struct {
	conn *pgx.Conn
}

// TakeLock takes the source's apply lock (see Lock).
func (s *Source) TakeLock(ctx context.Context) (*ApplyLock, error) {
	conn, err := s.connect(ctx)
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

// Release gives the lock up.
func (l *ApplyLock) Release() {
	if l != nil {
		l.conn.Close(context.Background())
	}
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
