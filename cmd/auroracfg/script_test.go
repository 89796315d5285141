package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
)

func TestMain(m *testing.M) {
	if code, isChild := crashChild(); isChild {
		os.Exit(code)
	}
	code := pgtest.Run(m)
	mototest.StopShared() // before os.Exit, which runs no deferred call
	os.Exit(code)
}

// TestScripts runs the CLI sessions in testdata/script against the package's
// real PostgreSQL server. Each script has its own database ($DB), its own
// replication role ($CPUSER) and owner role ($OWNER), since roles are
// cluster-wide and scripts run in parallel.
func TestScripts(t *testing.T) {
	srv := pgtest.Shared(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(ts *testscript.Env) error {
			// Names derive from the script's name so that outputs are
			// deterministic and can be compared byte for byte.
			suffix := strings.ToLower(path.Base(ts.T().(interface{ Name() string }).Name()))
			db := "script_" + suffix
			if err := srv.DropDatabase(context.Background(), db); err != nil {
				return err
			}
			if err := srv.Exec(context.Background(), "postgres", "CREATE DATABASE "+pgx.Identifier{db}.Sanitize()); err != nil {
				return err
			}
			ts.Setenv("PGHOST", srv.Host)
			ts.Setenv("PGPORT", strconv.Itoa(srv.Port))
			ts.Setenv("DB", db)
			ts.Setenv("ADMIN_PASSWORD", srv.SuperPassword)
			ts.Setenv("CPUSER", "cp_"+suffix)
			ts.Setenv("OWNER", "owner_"+suffix)
			ts.Setenv("CP_PASSWORD", "Recognisable-Secret-"+suffix)
			ts.Setenv("MOTO_ACCOUNT", mototest.NewAccount())
			ts.Values["t"], ts.Values["pg"] = ts.T(), srv
			// Aurora sources need the rds_replication role; on vanilla
			// PostgreSQL it is a plain role (cluster-wide, shared by scripts).
			srv.Exec(context.Background(), "postgres", "DO $$ BEGIN CREATE ROLE rds_replication; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
			ts.Defer(func() {
				srv.DropDatabase(context.Background(), db)
			})
			return nil
		},
		Condition: majorCondition(srv.Version),
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"auroracfg": cmdAuroracfg,
			"exitcode":  cmdExitcode,
			"envsubst":  cmdEnvsubst,
			"sql":       cmdSQL(srv),
			"hold":      cmdHold(srv),
			"nosecret":  cmdNoSecret,
			"aws":       cmdAWS,
		},
	})
}

// majorCondition lets a script write what differs by PostgreSQL major per
// major: [pg12] holds on 12 only, [pg15+] on 15 and later, [!pg15+] before 15.
func majorCondition(major int) func(string) (bool, error) {
	return func(cond string) (bool, error) {
		n, atLeast := strings.CutSuffix(strings.TrimPrefix(cond, "pg"), "+")
		want, err := strconv.Atoi(n)
		if !strings.HasPrefix(cond, "pg") || err != nil {
			return false, fmt.Errorf("unknown condition %q (want pgNN or pgNN+)", cond)
		}
		if atLeast {
			return major >= want, nil
		}
		return major == want, nil
	}
}

// cmdAuroracfg runs the CLI in-process with the script's environment, and
// records its exit code for exitcode.
func cmdAuroracfg(ts *testscript.TestScript, neg bool, args []string) {
	var captured bytes.Buffer
	e := env{
		stdin: strings.NewReader(ts.Getenv("STDIN")), stdout: io.MultiWriter(ts.Stdout(), &captured), stderr: io.MultiWriter(ts.Stderr(), &captured),
		getenv: ts.Getenv, dir: ts.MkAbs("."), isTerminal: ts.Getenv("TERMINAL") == "1",
		awsClients: awsClientsFor(ts, ts.Value("pg").(*pgtest.Server)), pollInterval: time.Millisecond, progressInterval: time.Millisecond, retryDelay: time.Millisecond,
	}
	code := run(context.Background(), args, e)
	if name, found := findSecret(captured.String(), ts.Getenv); found {
		ts.Fatalf("auroracfg %s printed the secret $%s", strings.Join(args, " "), name)
	}
	ts.Setenv("EXIT", strconv.Itoa(code))
	if (code != 0) != neg {
		ts.Fatalf("auroracfg %s: exit code %d", strings.Join(args, " "), code)
	}
}

// cmdExitcode checks the exit code of the last auroracfg command: exitcode N.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: exitcode N")
	}
	if got := ts.Getenv("EXIT"); (got == args[0]) == neg {
		ts.Fatalf("last auroracfg exit code is %s, want %s%s", got, map[bool]string{true: "not ", false: ""}[neg], args[0])
	}
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// cmdEnvsubst replaces ${VAR} in files with the script's environment.
func cmdEnvsubst(ts *testscript.TestScript, neg bool, args []string) {
	for _, name := range args {
		path := ts.MkAbs(name)
		data, err := os.ReadFile(path)
		ts.Check(err)
		out := envRef.ReplaceAllStringFunc(string(data), func(m string) string { return ts.Getenv(m[2 : len(m)-1]) })
		ts.Check(os.WriteFile(path, []byte(out), 0o644))
	}
}

// cmdSQL runs SQL as the superuser on $DB and prints result rows, one per
// line with tab-separated columns: sql 'SELECT …'. ${VAR} in the SQL is
// expanded from the script's environment. With -as ROLE PASSWORD it
// connects as that role.
func cmdSQL(srv *pgtest.Server) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		user, password := pgtest.SuperUser, srv.SuperPassword
		if len(args) > 3 && args[0] == "-as" {
			user, password, args = args[1], args[2], args[3:]
		}
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, srv.ConnString(user, password, ts.Getenv("DB")))
		if err == nil {
			defer conn.Close(ctx)
			sql := envRef.ReplaceAllStringFunc(strings.Join(args, " "), func(m string) string { return ts.Getenv(m[2 : len(m)-1]) })
			err = printRows(ctx, conn, sql, ts.Stdout())
		}
		if (err != nil) != neg {
			ts.Fatalf("sql: %v", err)
		}
		if err != nil {
			fmt.Fprintln(ts.Stderr(), err)
		}
	}
}

func printRows(ctx context.Context, conn *pgx.Conn, sql string, w interface{ Write([]byte) (int, error) }) error {
	results, err := conn.PgConn().Exec(ctx, sql).ReadAll()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	for _, r := range results {
		for _, row := range r.Rows {
			cols := make([]string, len(row))
			for i, c := range row {
				cols[i] = string(c)
			}
			b.WriteString(strings.Join(cols, "\t") + "\n")
		}
	}
	_, err = w.Write(b.Bytes())
	return err
}

// cmdHold runs SQL as the superuser on $DB in a session that stays open
// until the script ends (to hold locks): hold 'SELECT pg_advisory_lock(…)'.
func cmdHold(srv *pgtest.Server) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, srv.ConnString(pgtest.SuperUser, srv.SuperPassword, ts.Getenv("DB")))
		ts.Check(err)
		ts.Defer(func() { conn.Close(ctx) })
		_, err = conn.Exec(ctx, strings.Join(args, " "))
		ts.Check(err)
	}
}

// secretVars name the environment variables holding the tests' secrets.
var secretVars = []string{"CP_PASSWORD", "ADMIN_PASSWORD", "NEW_PASSWORD"}

// findSecret reports which secret (by variable name) appears in out. Every
// auroracfg run in every script goes through it, whatever the script asserts.
func findSecret(out string, getenv func(string) string) (string, bool) {
	for _, name := range secretVars {
		if secret := getenv(name); secret != "" && strings.Contains(out, secret) {
			return name, true
		}
	}
	return "", false
}

// cmdNoSecret fails when the last command's stdout or stderr (any command,
// not only auroracfg: a saved plan shown with cat) contains a test secret.
func cmdNoSecret(ts *testscript.TestScript, neg bool, args []string) {
	for _, out := range []string{"stdout", "stderr"} {
		if name, found := findSecret(ts.ReadFile(out), ts.Getenv); found {
			ts.Fatalf("%s contains the secret $%s", out, name)
		}
	}
}
