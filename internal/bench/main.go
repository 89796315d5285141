// Command bench measures auroracfg at scale on a throwaway PostgreSQL: the
// first apply and a no-change plan at 10 and 500 schemas x 20 tables, with
// wall time (process start included) and the statements and connections the
// server logged (log_statement = all, log_connections = on).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

const tablesPerSchema = 20

func main() {
	bin := flag.String("bin", "bin/auroracfg", "auroracfg binary to measure")
	sizes := flag.String("schemas", "10,500", "comma-separated schema counts")
	runs := flag.Int("runs", 7, "no-change plan runs per size (the median is reported)")
	flag.BoolVar(&showDurations, "durations", false, "also print the server time of each statement of the last no-change plan")
	flag.Parse()
	if err := bench(*bin, strings.Split(*sizes, ","), *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// showDurations prints where a no-change plan's server time goes.
var showDurations bool

type measure struct {
	wall        time.Duration
	statements  int
	connections int
	durations   []string // "12.3 ms  SELECT …", with -durations
	logged      string   // the server log written meanwhile
}

func bench(bin string, sizes []string, runs int) error {
	settings := map[string]string{"log_statement": "'all'", "log_connections": "on", "log_line_prefix": "'%m [%p] '"}
	if showDurations { // each statement logged once, with its time
		settings["log_statement"], settings["log_min_duration_statement"] = "'none'", "0"
	}
	srv, err := pgtest.Start(pgtest.Options{Settings: settings})
	if err != nil {
		return err
	}
	defer srv.Stop()
	dir, err := os.MkdirTemp("", "auroracfg-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Printf("PostgreSQL %d, %d tables per schema, each table owned by an application role\n\n", srv.Version, tablesPerSchema)
	fmt.Printf("%-8s %-16s %10s %11s %12s\n", "schemas", "run", "wall", "statements", "connections")
	for _, size := range sizes {
		var n int
		fmt.Sscan(size, &n)
		spec, err := seed(srv, dir, n)
		if err != nil {
			return err
		}
		env := append(os.Environ(), "BENCH_ADMIN="+srv.SuperPassword, "BENCH_CP=bench-"+pgtest.RandomString(6))
		first, err := measured(srv, bin, env, "apply", "--auto-approve", spec)
		if err != nil {
			return err
		}
		print(n, "first apply", first)
		if floor, err := applyFloorOf(srv, n, first.logged); err == nil {
			print(n, "DDL floor", floor)
			fmt.Printf("%-8d %-16s %9.2fx\n", n, "apply / floor", float64(first.wall)/float64(floor.wall))
		} else {
			fmt.Printf("%-8d %-16s %s\n", n, "DDL floor", err)
		}
		var plans []measure
		for i := 0; i < runs; i++ {
			m, err := measured(srv, bin, env, "plan", "--detailed-exitcode", spec)
			if err != nil {
				return err
			}
			plans = append(plans, m)
		}
		sort.Slice(plans, func(i, j int) bool { return plans[i].wall < plans[j].wall })
		median := plans[len(plans)/2]
		print(n, "no-change plan*", median)
		if floor, err := floorOf(srv, n, runs); err == nil {
			print(n, "floor*", floor)
			fmt.Printf("%-8d %-16s %9.2fx\n", n, "plan / floor", float64(median.wall)/float64(floor.wall))
		} else {
			fmt.Printf("%-8d %-16s %s\n", n, "floor", err)
		}
		for _, d := range plans[len(plans)-1].durations {
			fmt.Printf("           %s\n", d)
		}
	}
	fmt.Printf("\n* median of %d runs. Statements are the server's log_statement lines (one per\n"+
		"  extended-protocol execute or simple-protocol query message); connections are\n"+
		"  'connection authorized' lines: the admin connection plus the user's login probe\n  (a replication connection running IDENTIFY_SYSTEM once the user may replicate).\n", runs)
	return nil
}

func print(n int, what string, m measure) {
	fmt.Printf("%-8d %-16s %8.0fms %11d %12d\n", n, what, float64(m.wall.Microseconds())/1000, m.statements, m.connections)
}

// seed creates a database with n schemas of tablesPerSchema tables owned by
// an application role, and a spec for it.
func seed(srv *pgtest.Server, dir string, n int) (string, error) {
	db := fmt.Sprintf("bench_%d", n)
	names, err := seedDatabase(srv, db, n)
	if err != nil {
		return "", err
	}
	// The same tables once more, for the first apply's DDL floor.
	if _, err := seedDatabase(srv, db+"_floor", n); err != nil {
		return "", err
	}
	spec := fmt.Sprintf(`version: 1
schemas:
  - name: all
    include: [%s]
    futureTablesOwnedBy: [bench_owner]
sources:
  - name: bench
    type: postgresql
    database: %s
    connect: {host: %s, port: %d, sslmode: disable}
    admin: {user: postgres, password: {fromEnv: BENCH_ADMIN}}
    user: {name: bench_cp_%d, password: {fromEnv: BENCH_CP}}
    schemas: [all]
`, strings.Join(names, ", "), db, srv.Host, srv.Port, n)
	path := filepath.Join(dir, db+".yaml")
	return path, os.WriteFile(path, []byte(spec), 0o644)
}

// seedDatabase creates database db with n schemas of tablesPerSchema tables.
func seedDatabase(srv *pgtest.Server, db string, n int) ([]string, error) {
	ctx := context.Background()
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE "+db); err != nil {
		return nil, err
	}
	if err := srv.Exec(ctx, db, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_owner') THEN CREATE ROLE bench_owner; END IF; END $$"); err != nil {
		return nil, err
	}
	// In chunks: one transaction creating 10,000 tables exhausts the lock table.
	var names []string
	for start := 0; start < n; start += 50 {
		var b strings.Builder
		for s := start; s < n && s < start+50; s++ {
			name := fmt.Sprintf("s%04d", s)
			names = append(names, name)
			fmt.Fprintf(&b, "CREATE SCHEMA %s AUTHORIZATION bench_owner;\n", name)
		}
		b.WriteString("SET ROLE bench_owner;\n")
		for _, name := range names[start:] {
			for t := 0; t < tablesPerSchema; t++ {
				fmt.Fprintf(&b, "CREATE TABLE %s.t%02d (id bigint PRIMARY KEY, v text);\n", name, t)
			}
		}
		if err := srv.Exec(ctx, db, b.String()); err != nil {
			return nil, fmt.Errorf("seed %s: %w", db, err)
		}
	}
	return names, nil
}

// floorOf is the least any tool must do for a no-change plan: start a
// process (psql), connect as the admin and read the scope's tables with
// their privileges and replica identity in one query; the median of runs.
func floorOf(srv *pgtest.Server, n, runs int) (measure, error) {
	if _, err := exec.LookPath("psql"); err != nil {
		return measure{}, fmt.Errorf("psql not found: %w", err)
	}
	query := `SELECT c.oid, c.relname, c.relacl, c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname ~ '^s[0-9]{4}$' AND c.relkind IN ('r', 'p')`
	var all []measure
	for i := 0; i < runs; i++ {
		cmd := exec.Command("psql", "-X", "-q", "-o", "/dev/null", "-h", srv.Host, "-p", fmt.Sprint(srv.Port), "-U", pgtest.SuperUser,
			"-d", fmt.Sprintf("bench_%d", n), "-c", query)
		cmd.Env = append(os.Environ(), "PGPASSWORD="+srv.SuperPassword)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return measure{}, fmt.Errorf("psql: %w: %s", err, out)
		}
		all = append(all, measure{wall: time.Since(start), statements: 1, connections: 1})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].wall < all[j].wall })
	return all[len(all)/2], nil
}

var (
	statementLine  = regexp.MustCompile(`(?m)LOG:  (statement|execute [^:]*):`)
	connectionLine = regexp.MustCompile(`(?m)LOG:  (replication )?connection authorized`)
	durationLine   = regexp.MustCompile(`(?m)LOG:  duration: ([0-9.]+) ms  (?:statement|execute [^:]*): ((?:.|\n\t)*)`)
)

// measured runs the binary and counts what the server logged meanwhile.
func measured(srv *pgtest.Server, bin string, env []string, args ...string) (measure, error) {
	before := logSize(srv)
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		return measure{}, fmt.Errorf("auroracfg %s: %w\n%s", strings.Join(args, " "), err, tailOf(string(out)))
	}
	time.Sleep(200 * time.Millisecond) // let the logging collector flush
	data, _ := os.ReadFile(srv.LogFile())
	logged := string(data[before:])
	m := measure{logged: logged, wall: wall, statements: len(statementLine.FindAllString(logged, -1)), connections: len(connectionLine.FindAllString(logged, -1))}
	if showDurations {
		for _, d := range durationLine.FindAllStringSubmatch(logged, -1) {
			m.durations = append(m.durations, fmt.Sprintf("%9s ms  %.70s", d[1], strings.Join(strings.Fields(d[2]), " ")))
		}
		m.statements = len(m.durations)
	}
	return m, nil
}

func logSize(srv *pgtest.Server) int64 {
	fi, err := os.Stat(srv.LogFile())
	if err != nil {
		return 0
	}
	return fi.Size()
}

func tailOf(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}
