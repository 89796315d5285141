package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/sources/secret"
)

func sourceOn(t *testing.T, srv *pgtest.Server, db string) *Source {
	t.Helper()
	admin, err := pgx.ParseConfig(srv.ConnString(pgtest.SuperUser, srv.SuperPassword, db))
	if err != nil {
		t.Fatal(err)
	}
	user, err := pgx.ParseConfig(srv.ConnString("kept_user", "x", db))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSourceFromConfigs("kept", admin, user, secret.Value{})
	t.Cleanup(s.Close)
	return s
}

// TestApplyKeepsThePlansConnection: an apply's plan keeps its observation's
// connection for the lock; a plan does not; a kept connection that died
// while idle (a prompt, a server restart) is replaced, not used.
func TestApplyKeepsThePlansConnection(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "kept")
	ctx := context.Background()
	d := desiredFor("kept_user", "public").Scope()

	plain := sourceOn(t, srv, db)
	if _, _, err := plain.Observe(ctx, d); err != nil {
		t.Fatal(err)
	}
	if plain.idle != nil {
		t.Errorf("a plan kept its observation's connection")
	}

	s := sourceOn(t, srv, db).KeepObservedConnection()
	if _, _, err := s.Observe(ctx, d); err != nil {
		t.Fatal(err)
	}
	observed := s.idle
	if observed == nil {
		t.Fatal("an apply's plan did not keep its connection")
	}
	lock, err := s.TakeLock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lock.conn != observed {
		t.Errorf("the lock connected again instead of using the plan's connection")
	}
	if conn := lock.unlock(); conn != nil {
		s.keep(ctx, conn)
	}

	// Kill the kept connection's backend and let it look idle for a while.
	pid := s.idle.PgConn().PID()
	killer, err := srv.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer killer.Close(ctx)
	if _, err := killer.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	s.idleAt = time.Now().Add(-pingAfterIdle)
	lock, err = s.TakeLock(ctx)
	if err != nil {
		t.Fatalf("TakeLock after the kept connection died: %v", err)
	}
	defer lock.Release()
	if lock.conn.PgConn().PID() == pid {
		t.Errorf("the lock used the dead connection")
	}
}
