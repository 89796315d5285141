package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/auroracfg/auroracfg/plan"
)

// lockWaitInterval is how often a statement waiting for a lock says so.
const lockWaitInterval = time.Second

// lockWatch reports what an apply statement waits for: while a statement
// runs longer than lockWaitInterval, a second connection asks the server
// which sessions block the apply's (pg_blocking_pids) and prints it; when
// lock_timeout ends the wait, the error names the last holder seen.
type lockWatch struct {
	source string
	admin  *pgx.ConnConfig // for the watching connection
	waits  plan.WaitHooks
}

// lockHolder is a session that holds a lock the apply waits for.
type lockHolder struct {
	pid   int
	app   string
	since time.Time
}

func (h lockHolder) String() string {
	app := h.app
	if app == "" {
		app = "no application_name"
	}
	return plan.Visible(fmt.Sprintf("pid %d, %s, started %s", h.pid, app, h.since.UTC().Format(time.RFC3339)))
}

// watched runs a statement on conn, reporting its lock waits.
func (w *lockWatch) watched(ctx context.Context, conn *pgx.Conn, run func() error) error {
	if w == nil {
		return run()
	}
	done := make(chan struct{})
	holders := make(chan *lockHolder, 1)
	go func() { holders <- w.watch(ctx, conn.PgConn().PID(), done) }()
	err := run()
	close(done)
	last := <-holders
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" {
		if last == nil {
			return fmt.Errorf("gave up after lock_timeout (%s) waiting for a lock: %w", lockTimeout, err)
		}
		return fmt.Errorf("gave up after lock_timeout (%s) waiting for a lock held by %s: %w", lockTimeout, last, err)
	}
	return err
}

// watch prints a line every lockWaitInterval while pid waits for a lock,
// until done; it returns the last holder seen.
func (w *lockWatch) watch(ctx context.Context, pid uint32, done <-chan struct{}) *lockHolder {
	start := time.Now()
	t := time.NewTicker(lockWaitInterval)
	defer t.Stop()
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	var last *lockHolder
	for {
		select {
		case <-done:
			return last
		case <-ctx.Done():
			return last
		case <-t.C:
		}
		if conn == nil {
			c, err := pgx.ConnectConfig(ctx, w.admin)
			if err != nil {
				continue
			}
			conn = c
		}
		h, err := blockingHolder(ctx, conn, pid)
		if err != nil || h == nil {
			continue
		}
		last = h
		w.waits.Waiting(plan.Waiting{Source: w.source, For: plan.WaitLock, Elapsed: time.Since(start).Round(time.Second),
			Holder: &plan.ApplyHolder{PID: h.pid, Application: h.app, Since: h.since.UTC().Format(time.RFC3339)}})
	}
}

// blockingHolder is the first session blocking pid, nil when none does.
func blockingHolder(ctx context.Context, conn *pgx.Conn, pid uint32) (*lockHolder, error) {
	var h lockHolder
	var app *string
	var since *time.Time
	err := conn.QueryRow(ctx, `
		SELECT a.pid, a.application_name, a.backend_start
		FROM pg_stat_activity a
		WHERE a.pid = ANY(pg_blocking_pids($1::int))
		ORDER BY a.backend_start LIMIT 1`, int(pid)).Scan(&h.pid, &app, &since)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if app != nil {
		h.app = *app
	}
	if since != nil {
		h.since = *since
	}
	return &h, nil
}
