package postgres

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/secret"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// statementCounter counts the statements a connection sends.
type statementCounter struct{ n int }

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n++
	return ctx
}
func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (c *statementCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}
func (c *statementCounter) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {
	c.n++
}
func (c *statementCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func desiredFor(user string, schemas ...string) plan.Desired {
	spec := &schema.Spec{Schemas: []schema.Scope{{Name: "s", Include: schemas, FutureTablesOwnedBy: []string{"nobody_here"}}}}
	return plan.DesiredFor(spec, &schema.Source{Name: "src", Type: "postgresql", Schemas: []string{"s"},
		User: schema.User{Name: user}, Publication: schema.Publication{Name: "pub", Tables: "schemas"}}, plan.RunOptions{})
}

// planOf observes the source through its edge and diffs, as the pipeline does.
func planOf(t *testing.T, s *Source, d plan.Desired) plan.SourcePlan {
	t.Helper()
	o, _, err := s.Observe(context.Background(), d.Scope())
	if err != nil {
		t.Fatalf("Observe: %v", err)
	}
	return plan.Build(d, o)
}

func countObserve(t *testing.T, srv *pgtest.Server, db string, d plan.Desired) (int, *plan.Observed) {
	t.Helper()
	cfg, err := pgx.ParseConfig(srv.ConnString(pgtest.SuperUser, srv.SuperPassword, db))
	if err != nil {
		t.Fatal(err)
	}
	counter := &statementCounter{}
	cfg.Tracer = counter
	ctx := context.Background()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	o, err := Observe(ctx, conn, d.Scope())
	if err != nil {
		t.Fatalf("Observe: %v", err)
	}
	return counter.n, o
}

// TestObserveSendsConstantStatements: one schema or forty, with tables in
// each, observing costs the same statements in one batch.
func TestObserveSendsConstantStatements(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "observe")
	var names []string
	var ddl strings.Builder
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("s%02d", i)
		names = append(names, name)
		fmt.Fprintf(&ddl, "CREATE SCHEMA %s; CREATE TABLE %s.a (id int PRIMARY KEY); CREATE TABLE %s.b (v int);", name, name, name)
	}
	pgtest.MustExec(t, srv, db, ddl.String())
	one, small := countObserve(t, srv, db, desiredFor("nobody", names[0]))
	many, large := countObserve(t, srv, db, desiredFor("nobody", names...))
	if one != many || many > 12 {
		t.Errorf("statements: %d for 1 schema, %d for 40 schemas; want the same, at most 12", one, many)
	}
	// "nobody" cannot read any table, so every table needs a grant and is read.
	if len(small.Tables) != 2 || len(large.Tables) != 80 || len(large.Schemas) != 40 {
		t.Errorf("observed %d/%d tables and %d schemas, want 2/80 and 40", len(small.Tables), len(large.Tables), len(large.Schemas))
	}
}

func TestObserveReadsTables(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "tables")
	pgtest.MustExec(t, srv, db, `
		CREATE SCHEMA app;
		CREATE TABLE app.pk (id int PRIMARY KEY);
		CREATE TABLE app.nokey (v int);
		CREATE TABLE app.full (v int); ALTER TABLE app.full REPLICA IDENTITY FULL;
		CREATE TABLE app.byindex (v int NOT NULL); CREATE UNIQUE INDEX byindex_v ON app.byindex (v);
		ALTER TABLE app.byindex REPLICA IDENTITY USING INDEX byindex_v;
		CREATE TABLE app.ev (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
		CREATE TABLE app.ev_2026 PARTITION OF app.ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
		CREATE SCHEMA other; CREATE TABLE other.x (id int);`)
	_, o := countObserve(t, srv, db, desiredFor("nobody", "app"))
	var got []string
	for _, tb := range o.Tables {
		got = append(got, fmt.Sprintf("%s root=%s part=%v ident=%c identity=%v", tb.TableName, tb.Root, tb.Partitioned, tb.ReplicaIdentity, tb.HasReplicaIdentity()))
	}
	sort.Strings(got)
	want := []string{
		"app.byindex root=. part=false ident=i identity=true",
		"app.ev root=. part=true ident=d identity=true",
		"app.ev_2026 root=app.ev part=false ident=d identity=true",
		"app.full root=. part=false ident=f identity=true",
		"app.nokey root=. part=false ident=d identity=false",
		"app.pk root=. part=false ident=d identity=true",
	}
	// "." is how an empty TableName prints: unquoted empty parts.
	for i := range want {
		want[i] = strings.Replace(want[i], "root=.", `root="".""`, 1)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
}

// TestHostileNamesInjectNothing creates and grants objects whose names are
// SQL fragments; they must be created as named and nothing else may run.
func TestHostileNamesInjectNothing(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "hostile")
	ctx := context.Background()
	canary := "canary_" + pgtest.RandomString(3)
	pgtest.MustExec(t, srv, db, "CREATE ROLE "+canary)
	schemaName := `s"; DROP ROLE ` + canary + `; --`
	tableName := `t'; DROP ROLE ` + canary + `; -- ü`
	user := `u"; DROP ROLE ` + canary + `; --`
	pgtest.MustExec(t, srv, db, fmt.Sprintf("CREATE SCHEMA %s; CREATE TABLE %s (id int PRIMARY KEY)",
		pgx.Identifier{schemaName}.Sanitize(), pgx.Identifier{schemaName, tableName}.Sanitize()))
	t.Cleanup(func() { srv.Exec(ctx, "postgres", "DROP ROLE IF EXISTS "+pgx.Identifier{user}.Sanitize()) })

	port := srv.Port
	spec := &schema.Spec{Schemas: []schema.Scope{{Name: "s", Include: []string{schemaName}}}}
	src := &schema.Source{Name: "hostile", Type: "postgresql", Database: db, Schemas: []string{"s"},
		Connect:     schema.Connect{Host: srv.Host, Port: port, SSLMode: "disable"},
		Admin:       schema.Admin{User: pgtest.SuperUser, Password: &schema.SecretRef{FromEnv: "ADMIN"}},
		User:        schema.User{Name: user, Password: &schema.SecretRef{FromEnv: "USER"}},
		Publication: schema.Publication{Name: `p"; DROP ROLE ` + canary + `; --`, Tables: "schemas"}}
	env := map[string]string{"ADMIN": srv.SuperPassword, "USER": `pw'; DROP ROLE ` + canary + `; --`}
	s, err := NewSource(src, secret.Resolver{Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	d := plan.DesiredFor(spec, src, plan.RunOptions{})
	applyAll(t, s, d)
	if sp := planOf(t, s, d); !sp.Ready() {
		t.Errorf("not converged after apply: %+v", sp)
	}
	conn, err := srv.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var canaries int
	var canSelect bool
	err = conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM pg_roles WHERE rolname = $1),
		has_table_privilege($2, format('%I.%I', $3::text, $4::text), 'SELECT')`, canary, user, schemaName, tableName).Scan(&canaries, &canSelect)
	if err != nil {
		t.Fatal(err)
	}
	if canaries != 1 || !canSelect {
		t.Errorf("canary roles = %d (want 1), user can select = %v (want true)", canaries, canSelect)
	}
}

func applyAll(t *testing.T, s *Source, d plan.Desired) {
	t.Helper()
	ctx := context.Background()
	sp := planOf(t, s, d)
	sess, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range sp.Actions {
		if err := sess.Execute(ctx, a); err != nil {
			t.Fatalf("execute %s: %v", a.ID, err)
		}
	}
	if err := sess.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestWalLevelReplicaIsABlocker(t *testing.T) {
	srv, err := pgtest.Start(pgtest.Options{Settings: map[string]string{"wal_level": "replica", "max_wal_senders": "1"}})
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL server with wal_level=replica", err)
	}
	defer srv.Stop()
	_, o := countObserve(t, srv, "postgres", desiredFor("nobody", "public"))
	sp := plan.Build(desiredFor("nobody", "public"), o)
	var ids []string
	var facts []plan.Reason
	for _, f := range sp.Blockers() {
		ids, facts = append(ids, f.ID()), append(facts, f.Fact)
	}
	// schema public of database postgres is empty: nothing to replicate
	if diff := cmp.Diff([]string{"wal-level", "max-wal-senders", "nothing-to-publish/s"}, ids); diff != "" {
		t.Errorf("blockers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]plan.Reason{plan.WalLevelNotLogical{WalLevel: "replica"}, plan.TooFewWalSenders{MaxWalSenders: 1}}, facts[:2]); diff != "" {
		t.Errorf("what was found (-want +got):\n%s", diff)
	}
}

// TestStandbyIsNotReady: a standby is observed (reads work there) and the
// plan is a single blocker naming the fix, with nothing to apply.
func TestStandbyIsNotReady(t *testing.T) {
	primary := pgtest.Shared(t)
	standby, err := pgtest.StartStandby(primary)
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL standby", err)
	}
	defer standby.Stop()
	spec := &schema.Spec{Schemas: []schema.Scope{{Name: "s", Include: []string{"public"}}}}
	src := &schema.Source{Name: "replica-one", Type: "postgresql", Database: "postgres", Schemas: []string{"s"},
		Connect:     schema.Connect{Host: standby.Host, Port: standby.Port, SSLMode: "disable"},
		Admin:       schema.Admin{User: pgtest.SuperUser, Password: &schema.SecretRef{FromEnv: "A"}},
		User:        schema.User{Name: "u", Password: &schema.SecretRef{FromEnv: "A"}},
		Publication: schema.Publication{Name: "p", Tables: "schemas"}}
	s, err := NewSource(src, secret.Resolver{Getenv: func(string) string { return standby.SuperPassword }})
	if err != nil {
		t.Fatal(err)
	}
	sp := planOf(t, s, plan.DesiredFor(spec, src, plan.RunOptions{}))
	if got := findingIDs(sp); !cmp.Equal(got, []string{"blocker:standby"}) || len(sp.Actions) != 0 {
		t.Errorf("plan on a standby: findings %v, %d actions; want only blocker:standby and no action", got, len(sp.Actions))
	}
}

func findingIDs(sp plan.SourcePlan) []string {
	var out []string
	for _, f := range sp.Findings {
		out = append(out, string(f.Severity)+":"+f.ID())
	}
	return out
}
