package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/internal/awsfake"
	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/sources/aurora"
)

// crashEnv makes the test binary run as auroracfg (see crashChild).
const crashEnv = "AURORACFG_TEST_CRASH_AFTER"

// crashChild runs the test binary as auroracfg when crashEnv is set: it
// prints every apply step ("crash test: step N: ID") and kills itself with
// SIGKILL right after step N (never when N is 0), the way an OOM kill or a
// lost CI runner would. AWS goes to moto with the reboot emulation, as in
// the scripts.
func crashChild() (int, bool) {
	limit, err := strconv.Atoi(os.Getenv(crashEnv))
	if err != nil {
		return 0, false
	}
	e := osEnv()
	shortWaits(&e)
	steps := 0
	e.afterStep = func(source, step string) {
		steps++
		fmt.Fprintf(os.Stderr, "crash test: step %d: %s\n", steps, step)
		if steps == limit {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // SIGKILL cannot be caught; nothing runs after it
		}
	}
	if account := os.Getenv("MOTO_ACCOUNT"); account != "" {
		port, _ := strconv.Atoi(os.Getenv("PGPORT"))
		pg := &pgtest.Server{Host: os.Getenv("PGHOST"), Port: port, SuperPassword: os.Getenv("ADMIN_PASSWORD")}
		e.awsClients = motoClients(&mototest.Server{URL: os.Getenv("MOTO_URL")}, account, pg, os.Getenv("DB"))
	}
	return run(context.Background(), os.Args[1:], e), true
}

// shortWaits makes retries and reboot polls wait milliseconds, and keeps
// periodic progress lines out of the output.
func shortWaits(e *env) {
	e.retryDelay, e.pollInterval, e.progressInterval = time.Millisecond, time.Millisecond, time.Hour
}

// motoClients builds AWS clients on the emulator in account, with the
// reboot emulation acting on database db of pg.
func motoClients(moto *mototest.Server, account string, pg *pgtest.Server, db string) func(context.Context, string) (aurora.Clients, error) {
	return func(ctx context.Context, region string) (aurora.Clients, error) {
		cfg, err := moto.Config(ctx, account, region)
		cfg.APIOptions = append(cfg.APIOptions, recordCalls(account))
		c := aurora.NewClients(cfg)
		fakes := fakeStateDir(account)
		c.RDS = awsfake.RDSIn(account, region, fakes, c.RDS, pg, db)
		conns := awsfake.NewEndpointConnections(c.EndpointServices, filepath.Join(fakes, "connections-"+region+".json"))
		lattice := awsfake.NewLattice(filepath.Join(fakes, "lattice-"+region+".json"), account, region)
		conns.Calls, lattice.Calls = callsOf(account).add, callsOf(account).add
		c.EndpointServices, c.Lattice, c.RAM, c.Resolver = conns, lattice, lattice.RAM(), awsfake.Resolver{}
		return c, err
	}
}

// defaultSubnets are two subnets of the VPC.
func defaultSubnets(ctx context.Context, e *ec2.Client, vpc string) ([]string, error) {
	out, err := e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpc}}}})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range out.Subnets {
		ids = append(ids, aws.ToString(s.SubnetId))
	}
	sort.Strings(ids)
	if len(ids) < 2 {
		return nil, fmt.Errorf("VPC %s has %d subnets", vpc, len(ids))
	}
	return ids[:2], nil
}

// emulatorFor is the RDS emulation of an account in us-east-1, as the
// commands of a script see it.
func emulatorFor(account string, pg *pgtest.Server, db string) *awsfake.RDS {
	return awsfake.RDSIn(account, "us-east-1", fakeStateDir(account), nil, pg, db)
}

// fakeStateDir is where the fakes of the calls moto lacks (internal/awsfake)
// keep an account's state: outside any process, like the emulator's, so a
// killed apply leaves it for the next one.
func fakeStateDir(account string) string {
	dir := filepath.Join(os.TempDir(), "auroracfg-awsfake", account)
	os.MkdirAll(dir, 0o700)
	return dir
}

const crashSpec = `version: 1
schemas: [{name: app, include: [app]}]
networks:
  - {name: cp, clickpipesRegion: us-east-1, securityGroup: {name: cp-crash}}
  - {name: es, privateLink: {type: endpointService, subnets: [SUBNETS], allowedRegions: [us-east-2]}}
  - {name: rs, privateLink: {type: resource, subnets: [SUBNETS]}}
sources:
  - name: crash
    type: %s
    database: %s
    connect: {host: %s, port: %d, sslmode: disable}
    admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}
    user: {name: %s, password: {fromEnv: CP_PASSWORD}}
    schemas: [app]
%s`

const crashAurora = `    region: us-east-1
    %s
    parameterGroup: {name: crash-clickpipes, reboot: allowed}
    network: %s
`

// crashCase is one fresh source to crash an apply on.
type crashCase struct {
	t     *testing.T
	srv   *pgtest.Server
	moto  *mototest.Server
	cli   *cliSession
	user  string
	child []string // environment of the child process
}

// newCrashCase makes a fresh source; an Aurora one on network (cp: public,
// es: an endpoint service, rs: a VPC resource; global: public, on the
// primary of a Global Database with a us-west-2 secondary).
func newCrashCase(t *testing.T, sourceType, network string, n int) *crashCase {
	srv, db := pgtest.NewDatabase(t, "crash")
	pgtest.MustExec(t, srv, db, "CREATE SCHEMA app; CREATE TABLE app.orders (id int PRIMARY KEY); CREATE TABLE app.items (id int PRIMARY KEY)")
	c := &crashCase{t: t, srv: srv, user: fmt.Sprintf("crash_%s%s_%d", sourceType[:2], network, n)}
	environ := map[string]string{"ADMIN_PASSWORD": srv.SuperPassword, "CP_PASSWORD": "crash-" + pgtest.RandomString(8),
		"PGHOST": srv.Host, "PGPORT": strconv.Itoa(srv.Port), "DB": db}
	extra := ""
	subnets := []string{"subnet-unused"}
	if sourceType == "aurora-postgresql" {
		cluster, net := "cluster: crash", network
		if network == "global" {
			cluster, net = "globalCluster: g-crash", "cp"
		}
		extra = fmt.Sprintf(crashAurora, cluster, net)
		c.moto = mototest.Shared(t)
		environ["MOTO_ACCOUNT"], environ["MOTO_URL"] = mototest.NewAccount(), c.moto.URL
		pgtest.MustExec(t, srv, "postgres", "DO $$ BEGIN CREATE ROLE rds_replication; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
		cfg, err := c.moto.Config(context.Background(), environ["MOTO_ACCOUNT"], "us-east-1")
		if err != nil {
			t.Fatal(err)
		}
		vpc, err := createCluster(context.Background(), rds.NewFromConfig(cfg), ec2.NewFromConfig(cfg), "crash", nil)
		if err != nil {
			t.Fatal(err)
		}
		if subnets, err = defaultSubnets(context.Background(), ec2.NewFromConfig(cfg), vpc); err != nil {
			t.Fatal(err)
		}
		if network == "global" {
			if err := makeSecondary(context.Background(), c.moto, environ["MOTO_ACCOUNT"], rds.NewFromConfig(cfg), "crash-west", "crash"); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := t.TempDir()
	spec := strings.ReplaceAll(fmt.Sprintf(crashSpec, sourceType, db, srv.Host, srv.Port, c.user, extra), "SUBNETS", strings.Join(subnets, ", "))
	if err := os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	c.cli = &cliSession{t: t, dir: dir, environ: environ, configure: func(e *env) {
		shortWaits(e)
		if c.moto != nil {
			e.awsClients = motoClients(c.moto, environ["MOTO_ACCOUNT"], srv, db)
		}
	}}
	for k, v := range environ {
		c.child = append(c.child, k+"="+v)
	}
	return c
}

var stepLine = regexp.MustCompile(`(?m)^crash test: step (\d+): (\S+)$`)

// applyAndKill runs apply in a child process that kills itself after step
// limit; it returns the steps it reported and whether it was killed.
func (c *crashCase) applyAndKill(limit int) ([]string, bool, string) {
	cmd := exec.Command(os.Args[0], "apply", "--auto-approve", "spec.yaml")
	cmd.Dir = c.cli.dir
	cmd.Env = append(append(os.Environ(), c.child...), crashEnv+"="+strconv.Itoa(limit), "CI=")
	out, err := cmd.CombinedOutput()
	if name, found := findSecret(string(out), func(k string) string { return c.cli.environ[k] }); found {
		c.t.Errorf("the crashed apply printed the secret $%s", name)
	}
	var steps []string
	for _, m := range stepLine.FindAllStringSubmatch(string(out), -1) {
		steps = append(steps, strings.ReplaceAll(m[2], c.user, "USER"))
	}
	var exit *exec.ExitError
	killed := errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signaled() && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
	return steps, killed, string(out)
}

// waitForServerToNotice waits until no auroracfg session of the killed
// process is left on the server (its advisory lock goes with it).
func (c *crashCase) waitForServerToNotice() {
	ctx := context.Background()
	conn, err := c.srv.Connect(ctx, "postgres")
	if err != nil {
		c.t.Fatal(err)
	}
	defer conn.Close(ctx)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'auroracfg' AND datname = $1", c.cli.environ["DB"]).Scan(&n); err != nil {
			c.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	c.t.Fatal("the killed apply's sessions are still on the server after 10s")
}

// TestCrashAfterEveryStep kills apply (SIGKILL) right after each of its
// steps in turn, on a fresh source each time; every time, the next apply
// converges and the plan after it has nothing to do.
func TestCrashAfterEveryStep(t *testing.T) {
	for _, tc := range []struct {
		sourceType, network string
		want                []string // every step of a full apply, in order
	}{{
		sourceType: "postgresql",
		want:       []string{"role/USER", "usage/app", "select/app", "publication/clickpipes_publication", "commit"},
	}, {
		sourceType: "aurora-postgresql", network: "cp",
		want: []string{"parameter-group/crash-clickpipes", "parameters/crash-clickpipes", "attach-parameter-group/crash-clickpipes", "reboot/crash",
			"role/USER", "role/USER/rds_replication", "usage/app", "select/app", "publication/clickpipes_publication",
			"security-group/cp-crash", "attach-security-group/cp-crash", "ingress/cp-crash", "commit"},
	}, {
		sourceType: "aurora-postgresql", network: "es",
		want: []string{"parameter-group/crash-clickpipes", "parameters/crash-clickpipes", "attach-parameter-group/crash-clickpipes", "reboot/crash",
			"role/USER", "role/USER/rds_replication", "usage/app", "select/app", "publication/clickpipes_publication",
			"security-group/auroracfg-es", "attach-security-group/auroracfg-es", "ingress/auroracfg-es",
			"load-balancer/acfg-es", "cross-zone/acfg-es", "target-group/acfg-es", "target/acfg-es", "listener/acfg-es", "endpoint-service/acfg-es", "principal/acfg-es", "commit"},
	}, {
		sourceType: "aurora-postgresql", network: "rs",
		want: []string{"parameter-group/crash-clickpipes", "parameters/crash-clickpipes", "attach-parameter-group/crash-clickpipes", "reboot/crash",
			"role/USER", "role/USER/rds_replication", "usage/app", "select/app", "publication/clickpipes_publication",
			"security-group/auroracfg-rs", "attach-security-group/auroracfg-rs", "ingress/auroracfg-rs",
			"resource-gateway/acfg-rs", "resource-configuration/acfg-rs", "resource-share/acfg-rs", "commit"},
	}, {
		sourceType: "aurora-postgresql", network: "global",
		want: []string{"global-writer/g-crash", "parameter-group/crash-clickpipes", "parameters/crash-clickpipes", "attach-parameter-group/crash-clickpipes", "reboot/crash",
			"role/USER", "role/USER/rds_replication", "usage/app", "select/app", "publication/clickpipes_publication", "writer-record/clickpipes_publication",
			"security-group/cp-crash", "attach-security-group/cp-crash", "ingress/cp-crash", "commit"},
	}} {
		t.Run(strings.TrimSuffix(tc.sourceType+"/"+tc.network, "/"), func(t *testing.T) {
			full, killed, out := newCrashCase(t, tc.sourceType, tc.network, 0).applyAndKill(0)
			if killed || !strings.Contains(out, "crash: converged: ready for ClickPipes") {
				t.Fatalf("apply without a crash did not converge:\n%s", out)
			}
			if diff := cmp.Diff(tc.want, full); diff != "" {
				t.Fatalf("steps of a full apply (-want +got):\n%s\n%s", diff, out)
			}
			for k := 1; k <= len(full); k++ {
				t.Run(full[k-1], func(t *testing.T) {
					t.Parallel()
					c := newCrashCase(t, tc.sourceType, tc.network, k)
					steps, killed, out := c.applyAndKill(k)
					if !killed || len(steps) != k || steps[k-1] != full[k-1] {
						t.Fatalf("want a kill right after step %d (%s), got killed=%v after %v:\n%s", k, full[k-1], killed, steps, out)
					}
					c.waitForServerToNotice()
					code, again := c.cli.run("apply", "--auto-approve", "spec.yaml")
					// After a kill past the commit there is nothing left to do.
					done := strings.Contains(again, "crash: converged: ready for ClickPipes") || regexp.MustCompile(`(?m)^No changes\.`).MatchString(again)
					if code != exitOK || !done {
						t.Fatalf("apply after the crash: exit %d:\n%s", code, again)
					}
					if code, plan := c.cli.run("plan", "--detailed-exitcode", "spec.yaml"); code != exitOK {
						t.Errorf("plan after recovery: exit %d, want 0:\n%s", code, plan)
					}
				})
			}
		})
	}
}
