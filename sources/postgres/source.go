package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// Source is one spec source backed by a PostgreSQL server.
type Source struct {
	name         string
	admin        *pgx.ConnConfig
	user         *pgx.ConnConfig
	userPassword secret.Value
	// userErr is why the user's password could not be resolved: observing
	// and applying need it (the probe logs in with it, apply sets it), the
	// hand-off only names its reference.
	userErr error
	waits   plan.WaitHooks // lock waits are reported to it (nil: silent)
	lock    *ApplyLock     // held while applying; the apply's transaction runs on its connection
	idle    *pgx.Conn      // kept after an apply for the next step (conns.go)
	idleAt  time.Time      // when idle was parked
	// keepObserved keeps the observation's connection for the apply lock
	// that follows (KeepObservedConnection).
	keepObserved bool
}

// NewSource resolves a spec source's secrets and connection settings.
// Nothing is contacted yet. An admin password that cannot be resolved is an
// error naming every unresolved secret of the source at once; a user
// password alone is kept as the source's error for Observe and Begin (see
// UserPassword), so the hand-off still works.
func NewSource(src *schema.Source, r secret.Resolver) (*Source, error) {
	ctx := context.Background()
	adminPW, adminErr := r.Resolve(ctx, src.Admin.Password)
	userPW, userErr := UserPassword(ctx, r, src.User.Password)
	if adminErr != nil {
		return nil, JoinSecretErrors(fmt.Errorf("admin password: %w", adminErr), userErr)
	}
	connect := WithBaseDir(src.Connect, r.BaseDir)
	admin, err := ConnConfig(connect, src.Database, src.Admin.User, adminPW.Reveal())
	if err != nil {
		return nil, err
	}
	user, err := ConnConfig(connect, src.Database, src.User.Name, userPW.Reveal())
	if err != nil {
		return nil, err
	}
	return NewSourceFromConfigs(src.Name, admin, user, userPW).WithUserError(userErr), nil
}

// UserPassword resolves the user's password and checks that both libpq and
// pgx can log in with it; the error says "user password: …".
func UserPassword(ctx context.Context, r secret.Resolver, ref *schema.SecretRef) (secret.Value, error) {
	pw, err := r.Resolve(ctx, ref)
	if err == nil {
		err = CheckPassword(pw.Reveal())
	}
	if err != nil {
		return secret.Value{}, fmt.Errorf("user password: %w", err)
	}
	return pw, nil
}

// JoinSecretErrors is one error naming every secret that could not be
// resolved (nil ones are left out), on one line.
func JoinSecretErrors(errs ...error) error {
	var kept []error
	for _, err := range errs {
		if err != nil {
			kept = append(kept, err)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	return secretErrors(kept)
}

// secretErrors are a source's unresolved secrets, never a transient fault
// (Retryable): joined with "; " rather than errors.Join's newlines, since a
// source's error is one line in every output.
type secretErrors []error

func (e secretErrors) Error() string {
	parts := make([]string, len(e))
	for i, err := range e {
		parts[i] = err.Error()
	}
	return strings.Join(parts, "; ")
}

func (e secretErrors) Unwrap() []error { return e }

// SecretProblem reports an error from secrets that could not be resolved.
func SecretProblem(err error) bool {
	var secrets secretErrors
	return errors.As(err, &secrets)
}

// WithUserError keeps err as the reason the user's password is missing.
func (s *Source) WithUserError(err error) *Source {
	s.userErr = JoinSecretErrors(err)
	return s
}

// NewSourceFromConfigs builds a source from resolved connection settings
// (the Aurora edge resolves the writer endpoint and secrets itself).
func NewSourceFromConfigs(name string, admin, user *pgx.ConnConfig, userPassword secret.Value) *Source {
	return &Source{name: name, admin: admin, user: user, userPassword: userPassword}
}

// Endpoint is where ClickPipes connects: the server this source reaches.
func (s *Source) Endpoint(context.Context) (string, int, error) {
	return s.admin.Host, int(s.admin.Port), nil
}

// Address is host:port/database of the admin connection.
func (s *Source) Address() string { return Address(s.admin) }

// Server is the PostgreSQL server (host:port) the source lives on.
func (s *Source) Server() string {
	return net.JoinHostPort(s.admin.Host, strconv.Itoa(int(s.admin.Port)))
}

// Name is the spec name of the source.
func (s *Source) Name() string { return s.name }

func (s *Source) connect(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, s.admin)
	if err != nil {
		return nil, fmt.Errorf("connect to %s as %s: %w", Address(s.admin), plan.QuoteIdent(s.admin.User), authRefused(err))
	}
	return conn, nil
}

// Observe reads the state of d's scope: one admin connection with one batch
// of catalog queries, and a login probe as the user; target is where. The probe starts together
// with the admin connection rather than after the catalog says whether the
// user exists and may replicate, so a plan costs one round of connections:
// it tries a replication connection (which falls back to a plain login when
// refused for another reason than the password), and its answer is read in
// the light of the catalog — discarded when there is no user to log in as,
// and the replication part when the user may not replicate yet.
func (s *Source) Observe(ctx context.Context, d plan.Scope) (o *plan.Observed, target string, err error) {
	if s.userErr != nil {
		return nil, "", s.userErr // before anything is contacted
	}
	probed := make(chan userProbe, 1)
	go func() {
		release := probeSlot(s.Server())
		defer release()
		login, repl, err := Probe(ctx, s.user, true)
		probed <- userProbe{login, repl, err}
	}()
	o, err = s.observeCatalog(ctx, d)
	p := <-probed // never leave the probe's connection behind
	if err != nil {
		return nil, "", err
	}
	if err := p.applyTo(o); err != nil {
		return nil, "", err
	}
	return o, s.Address(), nil
}

func (s *Source) observeCatalog(ctx context.Context, d plan.Scope) (*plan.Observed, error) {
	if s.lock != nil && !s.lock.conn.IsClosed() {
		// Under the apply lock (apply observes again once it holds it):
		// on the lock's own connection, which the apply goes on using.
		o, err := Observe(ctx, s.lock.conn, d)
		if err != nil {
			return nil, fmt.Errorf("observe %s: %w", Address(s.admin), err)
		}
		return o, nil
	}
	conn, kept, err := s.adminConn(ctx)
	if err != nil {
		return nil, err
	}
	if kept || s.keepObserved {
		defer s.keep(ctx, conn) // an apply's connection: the lock or the hand-off follows
	} else {
		defer conn.Close(ctx)
	}
	o, err := Observe(ctx, conn, d)
	if err != nil {
		return nil, fmt.Errorf("observe %s: %w", Address(s.admin), err)
	}
	return o, nil
}

// userProbe is what logging in as the user gave.
type userProbe struct {
	login plan.LoginResult
	repl  plan.ReplicationProbe
	err   error
}

// applyTo records the probe in o, as far as the catalog says it means
// something: nothing when the user does not exist or may not log in, no
// replication connection while the user may not replicate.
func (p userProbe) applyTo(o *plan.Observed) error {
	u := o.User
	if u == nil || !u.CanLogin {
		return nil
	}
	if p.err != nil {
		return p.err
	}
	o.Login = p.login
	if u.Replication || slices.Contains(u.MemberOf, plan.RDSReplicationRole) {
		o.Replication = p.repl
	}
	return nil
}

// Begin opens the apply's transaction: on the apply lock's connection while
// the lock is held (one connection for both), else on a new one.
func (s *Source) Begin(ctx context.Context) (*Session, error) {
	if s.userErr != nil {
		return nil, s.userErr
	}
	sess, err := s.begin(ctx)
	if err == nil && s.waits != nil {
		sess.locks = &lockWatch{source: s.name, admin: s.admin, waits: s.waits}
	}
	return sess, err
}

func (s *Source) begin(ctx context.Context) (*Session, error) {
	if s.lock != nil && !s.lock.conn.IsClosed() {
		return Begin(ctx, s.lock.conn, s.userPassword, false)
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return nil, err
	}
	sess, err := Begin(ctx, conn, s.userPassword, true)
	if err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return sess, nil
}

// WithWaits makes the source's apply sessions report lock waits to w.
func (s *Source) WithWaits(w plan.WaitHooks) *Source {
	s.waits = w
	return s
}

// PublishedTables lists what the publication replicates, as ClickPipes will
// see it (partitions through their root when the publication says so): the
// rows of the hand-off's table mappings. Empty when it does not exist yet.
func (s *Source) PublishedTables(ctx context.Context, d plan.Scope) ([]plan.TableName, error) {
	conn, _, err := s.adminConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows, _ := conn.Query(ctx, queryFor("published_tables", serverMajor(conn.PgConn())), d.Publication)
	tables, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.TableName, error) {
		var t plan.TableName
		return t, r.Scan(&t.Schema, &t.Name)
	})
	if err != nil {
		return nil, fmt.Errorf("list the tables of publication %s: %w", plan.QuoteIdent(d.Publication), err)
	}
	return tables, nil
}

// probesPerServer bounds the user probes (replication connections, each a
// WAL sender) one process runs at once against one server: a fleet of
// databases on one server planned with --parallelism 32 must not take more
// senders than the server has (max_wal_senders is 10 by default) and read
// its own refusals as the sources' faults.
const probesPerServer = 4

var probeSlots sync.Map // server → chan struct{}

// probeSlot waits for a probe slot of server and returns its release.
func probeSlot(server string) (release func()) {
	slots, _ := probeSlots.LoadOrStore(server, make(chan struct{}, probesPerServer))
	ch := slots.(chan struct{})
	ch <- struct{}{}
	return func() { <-ch }
}
