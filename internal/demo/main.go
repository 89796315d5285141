// Command demo runs auroracfg's main job on a throwaway PostgreSQL server:
// validate, plan, apply, plan again. It is what `make demo` runs.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// appSchema is a small application database: a partitioned table, a table
// without a primary key, mixed-case names, and an owner role.
const appSchema = `
CREATE ROLE app_owner NOLOGIN;
CREATE SCHEMA app AUTHORIZATION app_owner;
CREATE SCHEMA "Sales" AUTHORIZATION app_owner;
SET ROLE app_owner;
CREATE TABLE app.customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES app.customers, total numeric);
CREATE TABLE app.audit_log (at timestamptz DEFAULT now(), message text);
CREATE TABLE app.events (id bigint, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE "Sales"."Quotes" (id bigint PRIMARY KEY, amount numeric);
RESET ROLE;
CREATE TABLE public.not_in_scope (id bigint PRIMARY KEY);
`

func main() {
	bin := flag.String("bin", "bin/auroracfg", "the auroracfg binary to demonstrate")
	spec := flag.String("spec", "examples/quickstart.yaml", "the spec to apply")
	flag.Parse()
	if err := demo(*bin, *spec); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func demo(bin, spec string) error {
	ctx := context.Background()
	step("starting a throwaway PostgreSQL server")
	srv, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		return err
	}
	defer srv.Stop()
	fmt.Printf("PostgreSQL %d on %s:%d (data in %s, removed afterwards)\n\n", srv.Version, srv.Host, srv.Port, srv.Dir)
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE shop"); err != nil {
		return err
	}
	if err := srv.Exec(ctx, "shop", appSchema); err != nil {
		return fmt.Errorf("seed app database: %w", err)
	}
	env := append(os.Environ(),
		"PGHOST="+srv.Host, "PGPORT="+strconv.Itoa(srv.Port),
		"SHOP_ADMIN_PASSWORD="+srv.SuperPassword, "CLICKPIPES_PASSWORD=demo-"+pgtest.RandomString(8))
	steps := []struct {
		args     []string
		wantCode int
	}{
		{[]string{"validate", spec}, 0},
		{[]string{"plan", spec}, 0},
		{[]string{"apply", "--auto-approve", spec}, 0},
		{[]string{"plan", "--detailed-exitcode", spec}, 0},
	}
	for _, s := range steps {
		step("auroracfg " + strings.Join(s.args, " "))
		cmd := exec.Command(bin, s.args...)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, os.Stdout, os.Stderr
		err := cmd.Run()
		code := cmd.ProcessState.ExitCode()
		if code != s.wantCode {
			return fmt.Errorf("auroracfg %s exited %d, want %d (%v)", s.args[0], code, s.wantCode, err)
		}
	}
	step("Aurora: a cluster in the moto AWS emulator (default parameter group, writer + reader), its writer played by the same PostgreSQL")
	dir, err := os.MkdirTemp("", "auroracfg-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	aspec, aenv, stop, err := auroraDemo(ctx, srv, dir)
	if err != nil {
		return fmt.Errorf("aurora demo: %w", err)
	}
	defer stop()
	aenv = append(os.Environ(), aenv...)
	for _, s := range []struct {
		args     []string
		wantCode int
	}{
		{[]string{"plan", aspec}, 0},
		{[]string{"apply", "--auto-approve", aspec}, 0},
		{[]string{"plan", "--detailed-exitcode", aspec}, 0},
	} {
		step("auroracfg " + strings.Join(s.args, " "))
		cmd := exec.Command(bin, s.args...)
		cmd.Env, cmd.Stdout, cmd.Stderr = aenv, os.Stdout, os.Stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != s.wantCode {
			return fmt.Errorf("auroracfg %s exited %d, want %d (%v)", s.args[0], code, s.wantCode, err)
		}
	}
	step("done: both sources are ready for a ClickPipe; the servers are being removed")
	return nil
}

func step(msg string) { fmt.Printf("\n==> %s\n", msg) }
