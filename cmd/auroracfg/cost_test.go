package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/smithy-go/middleware"

	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/sources/aurora"
)

// callCounter counts AWS API calls by operation, through a middleware on
// the real SDK clients.
type callCounter struct {
	mu    sync.Mutex
	calls map[string]int
}

func (c *callCounter) option(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("count", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
		c.mu.Lock()
		c.calls[middleware.GetServiceID(ctx)+"."+middleware.GetOperationName(ctx)]++
		c.mu.Unlock()
		return next.HandleInitialize(ctx, in)
	}), middleware.Before)
}

func (c *callCounter) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.calls
	c.calls = map[string]int{}
	return out
}

// TestAuroraNoChangePlanCost: a no-change plan of a converged Aurora source
// costs a small constant number of AWS calls (describe once, reuse). Run
// with -v to see them by operation.
func TestAuroraNoChangePlanCost(t *testing.T) {
	srv, db := pgtest.NewDatabase(t, "cost")
	moto := mototest.Shared(t)
	ctx := context.Background()
	account := mototest.NewAccount()
	cfg, err := moto.Config(ctx, account, "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := createCluster(ctx, rds.NewFromConfig(cfg), ec2.NewFromConfig(cfg), "cost", nil); err != nil {
		t.Fatal(err)
	}
	pgtest.MustExec(t, srv, "postgres", "DO $$ BEGIN CREATE ROLE rds_replication; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
	pgtest.MustExec(t, srv, db, "CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY)")
	t.Cleanup(func() { srv.Exec(ctx, "postgres", "DROP ROLE IF EXISTS cost_cp") })
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "spec.yaml"), []byte(fmt.Sprintf(`version: 1
schemas: [{name: s, include: [app]}]
networks: [{name: cp, clickpipesRegion: us-east-1, securityGroup: {name: cost-cp}}]
sources:
  - {name: cost, type: aurora-postgresql, region: us-east-1, cluster: cost, database: %s, network: cp,
     connect: {host: %s, port: %d, sslmode: disable}, schemas: [s],
     admin: {user: postgres, password: {fromEnv: ADMIN}}, user: {name: cost_cp, password: {fromEnv: CP}},
     parameterGroup: {reboot: allowed}}
`, db, srv.Host, srv.Port)), 0o644)
	counter := &callCounter{calls: map[string]int{}}
	environ := map[string]string{"ADMIN": srv.SuperPassword, "CP": "cost-password"}
	e := env{stdin: strings.NewReader(""), getenv: func(k string) string { return environ[k] }, dir: dir,
		pollInterval: time.Millisecond, progressInterval: time.Millisecond,
		awsClients: func(ctx context.Context, region string) (aurora.Clients, error) {
			cfg, err := moto.Config(ctx, account, region)
			cfg.APIOptions = append(cfg.APIOptions, counter.option)
			c := aurora.NewClients(cfg)
			c.RDS = emulatorFor(account, c.RDS, srv, db)
			return c, err
		}}
	var out bytes.Buffer
	e.stdout, e.stderr = &out, &out
	if code := run(ctx, []string{"apply", "--auto-approve", "spec.yaml"}, e); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out.String())
	}
	counter.reset()
	out.Reset()
	if code := run(ctx, []string{"plan", "--detailed-exitcode", "spec.yaml"}, e); code != 0 {
		t.Fatalf("plan after apply: exit %d, want 0 (no changes)\n%s", code, out.String())
	}
	calls := counter.reset()
	total := 0
	var ops []string
	for op, n := range calls {
		total += n
		ops = append(ops, fmt.Sprintf("%s=%d", op, n))
	}
	sort.Strings(ops)
	t.Logf("no-change Aurora plan: %d AWS calls: %s", total, strings.Join(ops, " "))
	if total > 6 {
		t.Errorf("no-change plan made %d AWS calls, want at most 6: %v", total, ops)
	}
}
