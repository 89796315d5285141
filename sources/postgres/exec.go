package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// lockTimeout bounds how long an action waits for a table lock held by the
// application (ALTER TABLE … REPLICA IDENTITY needs an exclusive lock), so
// apply fails clearly instead of queueing every application query behind it.
const lockTimeout = "5s"

// Session executes one source's actions in a single transaction; each action
// runs under its own savepoint so that a failed action is rolled back alone
// and independent actions still run.
type Session struct {
	conn         *pgx.Conn
	owned        bool // the session closes conn when it ends
	userPassword secret.Value
	closed       bool
	locks        *lockWatch // reports lock waits (nil: silent)
}

// Begin opens the transaction on conn; the session closes conn when it ends
// if it owns it.
func Begin(ctx context.Context, conn *pgx.Conn, userPassword secret.Value, owned bool) (*Session, error) {
	if _, err := conn.Exec(ctx, "BEGIN; SET LOCAL lock_timeout = '"+lockTimeout+"'"); err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Session{conn: conn, owned: owned, userPassword: userPassword}, nil
}

// Execute runs one action.
func (s *Session) Execute(ctx context.Context, a plan.Action) error {
	stmts, err := s.statements(a)
	if err != nil {
		return err
	}
	err = s.run(ctx, stmts)
	var pgErr *pgconn.PgError
	if a.Kind() == plan.KindCreateRole && errors.As(err, &pgErr) && pgErr.Code == "42710" {
		// The role appeared since the plan (another apply, a crash after
		// commit): make it what the action wanted instead.
		stmts[0].sql = strings.Replace(stmts[0].sql, "CREATE ROLE", "ALTER ROLE", 1)
		err = s.run(ctx, stmts)
	}
	return err
}

// ExecuteBatch runs many actions as one pipelined batch (one round trip)
// under one savepoint. On any error it rolls back to that savepoint, so the
// caller can retry action by action to find and isolate the failure.
func (s *Session) ExecuteBatch(ctx context.Context, actions []plan.Action) error {
	b := &pgx.Batch{}
	b.Queue("SAVEPOINT auroracfg_batch")
	for _, a := range actions {
		stmts, err := s.statements(a)
		if err != nil {
			return err
		}
		for _, stmt := range stmts {
			b.Queue(stmt.sql, stmt.args...)
		}
	}
	b.Queue("RELEASE SAVEPOINT auroracfg_batch")
	if err := s.locks.watched(ctx, s.conn, func() error { return s.conn.SendBatch(ctx, b).Close() }); err != nil {
		if s.conn.IsClosed() {
			return connectionLost(err)
		}
		if _, rbErr := s.conn.Exec(ctx, "ROLLBACK TO SAVEPOINT auroracfg_batch"); rbErr != nil {
			return fmt.Errorf("%w (and the rollback to the savepoint failed: %v)", err, rbErr)
		}
		return err
	}
	return nil
}

// run executes statements in one round trip (a pipelined batch, each with
// its arguments) under a savepoint.
func (s *Session) run(ctx context.Context, stmts []statement) error {
	b := &pgx.Batch{}
	b.Queue("SAVEPOINT auroracfg_action")
	for _, stmt := range stmts {
		b.Queue(stmt.sql, stmt.args...)
	}
	b.Queue("RELEASE SAVEPOINT auroracfg_action")
	if err := s.locks.watched(ctx, s.conn, func() error { return s.conn.SendBatch(ctx, b).Close() }); err != nil {
		if s.conn.IsClosed() {
			return connectionLost(err)
		}
		if _, rbErr := s.conn.Exec(ctx, "ROLLBACK TO SAVEPOINT auroracfg_action"); rbErr != nil {
			return fmt.Errorf("%w (and the rollback to the savepoint failed: %v)", err, rbErr)
		}
		return err
	}
	return nil
}

// Commit commits every action that succeeded.
func (s *Session) Commit(ctx context.Context) error {
	s.closed = true
	defer s.end(ctx)
	if _, err := s.conn.Exec(ctx, "COMMIT"); err != nil {
		if s.conn.IsClosed() {
			err = connectionLost(err)
		}
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Rollback abandons the transaction unless it was committed.
func (s *Session) Rollback(ctx context.Context) {
	if s.closed {
		return
	}
	s.closed = true
	// Roll back even when ctx was cancelled by an interrupt, briefly; a
	// connection that cannot roll back is closed (the server then does),
	// never kept with a transaction open.
	rbCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := s.conn.Exec(rbCtx, "ROLLBACK"); err != nil {
		s.conn.Close(rbCtx)
		return
	}
	s.end(ctx)
}

// end closes the connection if the session owns it.
func (s *Session) end(ctx context.Context) {
	if s.owned {
		s.conn.Close(ctx)
	}
}

// Probe logs in as the user with the spec's password, the way a ClickPipe
// will; it never reads password hashes. When the user holds the replication
// privilege it logs in the way the ClickPipes engine validates a source: a
// replication connection (replication=database) running IDENTIFY_SYSTEM,
// which also catches pg_hba.conf rules and proxies that refuse replication.
// Only when that fails for another reason than the password does it fall
// back to a plain login, to tell the two apart.
func Probe(ctx context.Context, cfg *pgx.ConnConfig, replication bool) (plan.LoginResult, plan.ReplicationProbe, error) {
	var repl plan.ReplicationProbe
	if replication {
		repl.Tried = true
		err := identifySystemRetried(ctx, cfg)
		if err == nil {
			repl.OK = true
			return plan.LoginOK, repl, nil
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "28P01" {
			return plan.LoginBadPassword, plan.ReplicationProbe{}, nil
		}
		repl.Error = describeRefusal(err)
	}
	login, err := ProbeLogin(ctx, cfg)
	return login, repl, err
}

// sendersBusy: the server refused a replication connection because every
// WAL sender is taken (53300, too many connections): a moment's condition
// of the server, not a verdict on the source.
func sendersBusy(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "53300"
}

// identifySystemRetried is identifySystem, tried again a few times while
// the server has no free WAL sender (other probes or pipes hold them).
func identifySystemRetried(ctx context.Context, cfg *pgx.ConnConfig) error {
	wait := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := identifySystem(ctx, cfg)
		if !sendersBusy(err) || attempt == 4 {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// identifySystem opens a replication connection as cfg's user and runs
// IDENTIFY_SYSTEM over the simple query protocol, as walsenders require.
func identifySystem(ctx context.Context, cfg *pgx.ConnConfig) error {
	rc := cfg.Config.Copy()
	if rc.RuntimeParams == nil {
		rc.RuntimeParams = map[string]string{}
	}
	rc.RuntimeParams["replication"] = "database"
	conn, err := pgconn.ConnectConfig(ctx, rc)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "IDENTIFY_SYSTEM").ReadAll()
	return err
}

// describeRefusal is the server's reason for refusing a connection, without
// the connection details pgconn wraps around it.
func describeRefusal(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return plan.Visible(fmt.Sprintf("%s (SQLSTATE %s)", pgErr.Message, pgErr.Code))
	}
	return plan.Visible(err.Error())
}

// ProbeLogin tries to log in as the user with the spec's password, the way a
// ClickPipe will; it never reads password hashes.
func ProbeLogin(ctx context.Context, cfg *pgx.ConnConfig) (plan.LoginResult, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		conn.Close(ctx)
		return plan.LoginOK, nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01": // invalid_password
			return plan.LoginBadPassword, nil
		case "28000": // invalid_authorization_specification: pg_hba, NOLOGIN
			return plan.LoginRefused, nil
		}
	}
	return plan.LoginNotTried, fmt.Errorf("log in as %s: %w", plan.QuoteIdent(cfg.User), err)
}

// validSlotName is PostgreSQL's rule for replication slot names.
func validSlotName(name string) bool {
	if name == "" || len(name) > 63 {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
