package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/auroracfg/auroracfg/internal/faultproxy"
	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
)

const failoverSpec = `version: 1
schemas: [{name: app, include: [app]}]
sources:
  - name: fo-prod
    type: aurora-postgresql
    region: us-east-1
    cluster: fo
    database: postgres
    # The cluster endpoint, as DNS would resolve it: a proxy the test moves.
    connect: {host: %s, port: %s, sslmode: disable}
    admin: {user: postgres, password: {fromEnv: ADMIN_PASSWORD}}
    user: {name: fo_cp, password: {fromEnv: CP_PASSWORD}}
    parameterGroup: {name: fo-clickpipes, reboot: allowed}
    schemas: [app]
`

// tap passes writes through and calls on for each one that contains
// pattern, once, before passing it on.
type tap struct {
	w       io.Writer
	pattern string
	on      func()
	once    *sync.Once
}

func (t tap) Write(p []byte) (int, error) {
	if strings.Contains(string(p), t.pattern) {
		t.once.Do(t.on)
	}
	return t.w.Write(p)
}

func addr(s *pgtest.Server) string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// TestFailoverMidApply fails the cluster over while apply's transaction is
// on its way to the writer: the emulator moves the writer role to the
// reader, the old writer's PostgreSQL goes away, and the cluster endpoint
// (a proxy standing in for its DNS name) now leads to the new writer's
// PostgreSQL, a standby not yet promoted. Apply is interrupted, lands on a
// reader when it observes again, says so and retries; once the standby is
// promoted it finds what the lost transaction had not committed and
// converges there. An endpoint that keeps leading to a reader is a clear
// error after the bounded retries.
func TestFailoverMidApply(t *testing.T) {
	ctx := context.Background()
	moto := mototest.Shared(t)
	primary, err := pgtest.Start(pgtest.Options{})
	if err != nil {
		pgtest.Unavailable(t, "PostgreSQL test server", err)
	}
	defer primary.Stop()
	pgtest.MustExec(t, primary, "postgres", "CREATE ROLE rds_replication; CREATE SCHEMA app; CREATE TABLE app.orders (id int PRIMARY KEY)")
	standby, err := pgtest.StartStandby(primary)
	if err != nil {
		t.Fatalf("standby: %v", err)
	}
	defer standby.Stop()

	account := mototest.NewAccount()
	cfg, err := moto.Config(ctx, account, "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	rdsClient := rds.NewFromConfig(cfg)
	if _, err := createCluster(ctx, rdsClient, ec2.NewFromConfig(cfg), "fo", nil); err != nil {
		t.Fatalf("create cluster: %v", err)
	}
	endpoint, err := faultproxy.Start(addr(primary))
	if err != nil {
		t.Fatal(err)
	}
	defer endpoint.Close()
	host, port := endpoint.HostPort()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(failoverSpec, host, port)), 0o644)

	emulator := emulatorFor(account, primary, "postgres")
	failover := func() {
		if err := standby.CatchUp(ctx, primary); err != nil {
			t.Errorf("standby catch-up: %v", err)
		}
		// The premise of what follows: the new writer carries the setting
		// the cluster's reboot gave (a database setting, so replicated).
		if err := waitForSetting(ctx, standby, "rds.logical_replication", "1"); err != nil {
			t.Errorf("standby before the failover: %v", err)
		}
		if _, err := rdsClient.FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String("fo"), TargetDBInstanceIdentifier: aws.String("fo-2")}); err != nil {
			t.Errorf("failover: %v", err)
		}
		emulator.MoveWriter(standby)
		// DNS moves first; then the old writer goes away, with the
		// connections still open to it. They are reset before its server
		// stops: stopping takes a while, and a reset after it could hit
		// apply's next connection, already on the new writer.
		endpoint.SetTarget(addr(standby))
		endpoint.ResetAll()
		primary.Stop()
	}
	endpoint.On(faultproxy.ClientToServer, "CREATE PUBLICATION", failover)
	var promoted sync.Once
	cli := &cliSession{t: t, dir: dir, environ: map[string]string{"ADMIN_PASSWORD": primary.SuperPassword, "CP_PASSWORD": "fo-" + pgtest.RandomString(8)},
		configure: func(e *env) {
			shortWaits(e)
			e.awsClients = motoClients(moto, account, primary, "postgres")
			promote := func() {
				if err := standby.Promote(); err != nil {
					t.Errorf("promote: %v", err)
				}
			}
			e.stdout = tap{w: e.stdout, pattern: "led to a reader", on: promote, once: &promoted}
			e.stderr = e.stdout
		}}

	code, out := cli.run("apply", "--auto-approve", "spec.yaml")
	if code != exitOK {
		t.Fatalf("apply through a failover: exit %d:\n%s", code, out)
	}
	mustMatch(t, out,
		`^fo-prod: ~ reboot cluster fo \(writer fo-1 first; it restarts the readers too\)$`,
		`^fo-prod: interrupted: connection lost .*; observing again and retrying in 1ms \(attempt 2 of 4\)$`,
		`^fo-prod: interrupted: observe again: the writer endpoint of cluster fo led to a reader \(`+host+`:`+port+`/postgres is in recovery\): a failover may be in progress, or connect.host names a reader; observing again and retrying in 2ms \(attempt 3 of 4\)$`,
		`(?s)in recovery.*fo-prod: \+ create publication clickpipes_publication .*committed 5 actions`,
		`^fo-prod: converged: ready for ClickPipes$`)
	if !endpoint.Fired() {
		t.Fatal("the failover never happened")
	}
	var published int
	conn, err := standby.Connect(ctx, "postgres")
	if err != nil {
		t.Fatal(err)
	}
	conn.QueryRow(ctx, "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'clickpipes_publication'").Scan(&published)
	conn.Close(ctx)
	if published != 1 {
		t.Errorf("the new writer publishes %d tables, want 1", published)
	}
	if code, again := cli.run("plan", "--detailed-exitcode", "spec.yaml"); code != exitOK {
		t.Errorf("plan on the new writer: exit %d, want 0:\n%s", code, again)
	}

	// The endpoint keeps leading to a reader (say connect.host names a
	// reader endpoint): bounded retries, then an error that says what to check.
	reader, err := pgtest.StartStandby(standby)
	if err != nil {
		t.Fatalf("reader: %v", err)
	}
	defer reader.Stop()
	endpoint.SetTarget(addr(reader))
	code, out = cli.run("plan", "spec.yaml")
	if code != exitError {
		t.Fatalf("plan on a reader: exit %d, want 1:\n%s", code, out)
	}
	if n := strings.Count(out, "fo-prod: observe failed: the writer endpoint of cluster fo led to a reader"); n != 3 {
		t.Errorf("%d retry lines, want 3:\n%s", n, out)
	}
	mustMatch(t, out, `^Error: source fo-prod: the writer endpoint of cluster fo led to a reader .*: a failover may be in progress`)
}

// waitForSetting polls new sessions on srv's postgres database until name
// reads want, for at most 10 seconds.
func waitForSetting(ctx context.Context, srv *pgtest.Server, name, want string) error {
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		conn, err := srv.Connect(ctx, "postgres")
		if err != nil {
			return err
		}
		err = conn.QueryRow(ctx, "SELECT coalesce(current_setting($1, true), '')", name).Scan(&got)
		conn.Close(ctx)
		if err != nil {
			return err
		}
		if got == want {
			return nil
		}
	}
	return fmt.Errorf("%s is %q in new sessions after 10s, want %q", name, got, want)
}
