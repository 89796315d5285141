package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
)

const auroraSpec = `version: 1
schemas:
  - name: orders
    include: [app, Sales]
    futureTablesOwnedBy: [app_owner]
    withoutPrimaryKey: full
networks:
  - name: cp-use1
    clickpipesRegion: us-east-1
    securityGroup: {name: clickpipes-ingress}
sources:
  - name: orders-prod
    type: aurora-postgresql
    region: us-east-1
    cluster: orders-prod
    database: orders
    # The emulated cluster's endpoint does not resolve: a local PostgreSQL plays its writer.
    connect: {host: 127.0.0.1, port: %d, sslmode: disable}
    admin: {user: postgres, password: {fromSecretsManager: {secret: orders-prod/master, key: password}}}
    parameterGroup: {name: orders-prod-clickpipes, reboot: allowed}
    user: {name: clickpipes_aurora, password: {fromSecretsManager: {secret: orders-prod/clickpipes}}}
    schemas: [orders]
    network: cp-use1
`

// auroraDemo sets up an Aurora cluster in the moto emulator whose writer is
// played by srv's "orders" database, and returns the spec path and the
// environment that points auroracfg at the emulator.
func auroraDemo(ctx context.Context, srv *pgtest.Server, dir string) (spec string, env []string, stop func(), err error) {
	moto, err := mototest.Start()
	if err != nil {
		return "", nil, nil, err
	}
	cfg, err := moto.Config(ctx, "123456789012", "us-east-1")
	if err != nil {
		moto.Stop()
		return "", nil, nil, err
	}
	if err := seedAWS(ctx, cfg, srv.SuperPassword); err != nil {
		moto.Stop()
		return "", nil, nil, fmt.Errorf("seed emulator: %w", err)
	}
	for _, stmt := range []string{"CREATE ROLE rds_replication", "CREATE DATABASE orders"} {
		if err := srv.Exec(ctx, "postgres", stmt); err != nil {
			moto.Stop()
			return "", nil, nil, err
		}
	}
	if err := srv.Exec(ctx, "orders", strings.Replace(appSchema, "CREATE ROLE app_owner NOLOGIN;", "", 1)); err != nil {
		moto.Stop()
		return "", nil, nil, err
	}
	proxy, err := rebootProxy(moto.URL, rds.NewFromConfig(cfg), srv)
	if err != nil {
		moto.Stop()
		return "", nil, nil, err
	}
	spec = filepath.Join(dir, "aurora.yaml")
	if err := os.WriteFile(spec, []byte(fmt.Sprintf(auroraSpec, srv.Port)), 0o644); err != nil {
		return "", nil, nil, err
	}
	env = []string{"AWS_ENDPOINT_URL=" + proxy.URL, "AWS_ACCESS_KEY_ID=demo", "AWS_SECRET_ACCESS_KEY=demo", "AWS_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true", "AWS_CA_BUNDLE="}
	return spec, env, func() { proxy.Close(); moto.Stop() }, nil
}

// seedAWS creates the cluster (default parameter group, a writer and a
// reader) and the secrets the spec references.
func seedAWS(ctx context.Context, cfg aws.Config, adminPassword string) error {
	e, r, sm := ec2.NewFromConfig(cfg), rds.NewFromConfig(cfg), secretsmanager.NewFromConfig(cfg)
	vpcs, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return err
	}
	sg, err := e.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("orders-db"), Description: aws.String("database"), VpcId: vpcs.Vpcs[0].VpcId})
	if err != nil {
		return err
	}
	if _, err := r.CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String("orders-prod"), Engine: aws.String("aurora-postgresql"),
		EngineVersion: aws.String("15.4"), MasterUsername: aws.String("postgres"), MasterUserPassword: aws.String("not-the-real-one"),
		VpcSecurityGroupIds: []string{aws.ToString(sg.GroupId)}, DBClusterParameterGroupName: aws.String("default.aurora-postgresql15")}); err != nil {
		return err
	}
	for _, id := range []string{"orders-prod-1", "orders-prod-2"} {
		if _, err := r.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(id), DBClusterIdentifier: aws.String("orders-prod"),
			Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large")}); err != nil {
			return err
		}
	}
	for name, value := range map[string]string{
		"orders-prod/master":     fmt.Sprintf(`{"username": "postgres", "password": %q}`, adminPassword),
		"orders-prod/clickpipes": "demo-" + pgtest.RandomString(8),
	} {
		if _, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String(value)}); err != nil {
			return err
		}
	}
	return nil
}

// rebootProxy forwards to moto and emulates what moto lacks: when the writer
// reboots, its sessions end and the value of rds.logical_replication in the
// cluster's parameter group becomes live on the PostgreSQL playing the
// writer; and when the
// cluster is described, rds_replication's members get the replication
// privilege Aurora would give them (pgtest.EmulateRDSReplication).
func rebootProxy(motoURL string, r *rds.Client, srv *pgtest.Server) (*server, error) {
	target, _ := url.Parse(motoURL)
	forward := httputil.NewSingleHostReverseProxy(target)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		if form.Get("Action") == "DescribeDBClusters" {
			srv.EmulateRDSReplication(req.Context(), "orders")
		}
		forward.ServeHTTP(w, req)
		if form.Get("Action") == "RebootDBInstance" {
			makeLive(req.Context(), r, srv)
		}
	})
	s := &server{URL: "http://" + l.Addr().String(), srv: &http.Server{Handler: h}}
	go s.srv.Serve(l)
	return s, nil
}

func makeLive(ctx context.Context, r *rds.Client, srv *pgtest.Server) {
	c, err := r.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String("orders-prod")})
	if err != nil {
		return
	}
	p, err := r.DescribeDBClusterParameters(ctx, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: c.DBClusters[0].DBClusterParameterGroup})
	if err != nil {
		return
	}
	for _, prm := range p.Parameters {
		if aws.ToString(prm.ParameterName) == "rds.logical_replication" {
			v, _ := strconv.Atoi(aws.ToString(prm.ParameterValue))
			srv.Exec(ctx, "postgres", fmt.Sprintf("ALTER DATABASE %s SET rds.logical_replication = '%d'", pgx.Identifier{"orders"}.Sanitize(), v))
		}
	}
	// A reboot ends every session, as Aurora's does: sessions opened before
	// it must not go on seeing the old setting (apply takes its lock again
	// on a new one).
	srv.Exec(ctx, "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'orders' AND pid <> pg_backend_pid()")
}

type server struct {
	URL string
	srv *http.Server
}

func (s *server) Close() { s.srv.Close() }
