package awsfake

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
)

func TestMain(m *testing.M) { mototest.Main(m, pgtest.Run) }

// emulatedCluster makes a cluster with two instances (the first the
// writer) and a cluster parameter group in a fresh moto account, and
// returns the emulation around moto's client with database db of a real
// server playing the writer.
func emulatedCluster(t *testing.T) (*RDS, *rds.Client, *pgtest.Server, string) {
	t.Helper()
	ctx := context.Background()
	pg, db := pgtest.NewDatabase(t, "awsfake")
	account, cfg := mototest.FreshAccount(t, "us-east-1")
	client := rds.NewFromConfig(cfg)
	if _, err := client.CreateDBClusterParameterGroup(ctx, &rds.CreateDBClusterParameterGroupInput{DBClusterParameterGroupName: aws.String("cdc"),
		DBParameterGroupFamily: aws.String("aurora-postgresql15"), Description: aws.String("cdc")}); err != nil {
		t.Fatal(err)
	}
	if err := mototest.CreateAuroraCluster(ctx, client, "c", "c-1", "c-2"); err != nil {
		t.Fatal(err)
	}
	return RDSIn(account, "us-east-1", t.TempDir(), client, pg, db), client, pg, db
}

// memberStatus is each member's parameter group status, as the emulation
// describes the cluster.
func memberStatus(t *testing.T, e *RDS) map[string]string {
	t.Helper()
	out, err := e.DescribeDBClusters(context.Background(), &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String("c")})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range out.DBClusters[0].DBClusterMembers {
		got[aws.ToString(m.DBInstanceIdentifier)] = aws.ToString(m.DBClusterParameterGroupStatus)
	}
	return got
}

// The pending-reboot cycle AWS documents for a cluster parameter group,
// which moto lacks: attaching a group, or changing a static parameter of an
// attached one, leaves every member pending-reboot; a static parameter
// cannot be applied immediately; rebooting the writer reboots the cluster
// (Aurora PostgreSQL), makes the group's value live on the database, ends
// the sessions on it, and reads "rebooting" for a while.
func TestRDSRebootCycle(t *testing.T) {
	ctx := context.Background()
	e, _, pg, db := emulatedCluster(t)
	if got := memberStatus(t, e); got["c-1"] == "pending-reboot" || got["c-2"] == "pending-reboot" {
		t.Fatalf("a new cluster's members: %v, want none pending-reboot", got)
	}
	if _, err := e.ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String("c"), DBClusterParameterGroupName: aws.String("cdc")}); err != nil {
		t.Fatal(err)
	}
	if got := memberStatus(t, e); got["c-1"] != "pending-reboot" || got["c-2"] != "pending-reboot" {
		t.Errorf("after attaching a group: %v, want both pending-reboot", got)
	}
	param := func(method rdstypes.ApplyMethod) *rds.ModifyDBClusterParameterGroupInput {
		return &rds.ModifyDBClusterParameterGroupInput{DBClusterParameterGroupName: aws.String("cdc"), Parameters: []rdstypes.Parameter{{
			ParameterName: aws.String("rds.logical_replication"), ParameterValue: aws.String("1"), ApplyMethod: method}}}
	}
	if _, err := e.ModifyDBClusterParameterGroup(ctx, param(rdstypes.ApplyMethodImmediate)); err == nil {
		t.Error("a static parameter applied immediately was accepted; AWS refuses it")
	}
	if _, err := e.ModifyDBClusterParameterGroup(ctx, param(rdstypes.ApplyMethodPendingReboot)); err != nil {
		t.Fatal(err)
	}

	// a session of auroracfg's on the writer, which the reboot ends
	session, err := pgx.Connect(ctx, pg.ConnString(pgtest.SuperUser, pg.SuperPassword, db)+" application_name=auroracfg")
	if err != nil {
		t.Fatal(err)
	}
	defer session.Close(ctx)

	if _, err := e.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String("c-1")}); err != nil {
		t.Fatal(err)
	}
	if got := memberStatus(t, e); got["c-1"] == "pending-reboot" || got["c-2"] == "pending-reboot" {
		t.Errorf("after the writer's reboot: %v, want none pending-reboot (the readers restart with it)", got)
	}
	if err := session.Ping(ctx); err == nil {
		t.Error("auroracfg's session on the writer survived its reboot")
	}
	conn, err := pg.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var live string
	if err := conn.QueryRow(ctx, "SHOW rds.logical_replication").Scan(&live); err != nil || live != "1" {
		t.Errorf("SHOW rds.logical_replication after the reboot: %q (%v), want 1", live, err)
	}
	var statuses []string
	for range 4 {
		out, err := e.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("c-1")})
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, aws.ToString(out.DBInstances[0].DBInstanceStatus))
	}
	if statuses[0] != "rebooting" || statuses[3] != "available" {
		t.Errorf("describes after the reboot: %v, want rebooting first, available at last", statuses)
	}
}

// A cluster busy with a change refuses another with
// InvalidDBClusterStateFault, as AWS does; moto has no transient states.
func TestRDSBusyCluster(t *testing.T) {
	ctx := context.Background()
	e, _, _, _ := emulatedCluster(t)
	e.SetBusy(1)
	in := &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String("c"), DBClusterParameterGroupName: aws.String("cdc")}
	if _, err := e.ModifyDBCluster(ctx, in); code(err) != "InvalidDBClusterStateFault" {
		t.Errorf("modify while busy: %v, want InvalidDBClusterStateFault", err)
	}
	if _, err := e.ModifyDBCluster(ctx, in); err != nil {
		t.Errorf("modify once no longer busy: %v", err)
	}
}

// What moto lacks for a Global Database: the primary is marked IsWriter
// (the first member, then whichever a switchover made primary), and tags on
// the global database's ARN are kept and described, in a file that a new
// process reads, and removed by anyone with tag rights.
func TestRDSGlobalDatabase(t *testing.T) {
	ctx := context.Background()
	e, client, _, _ := emulatedCluster(t)
	c, err := client.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String("c")})
	if err != nil {
		t.Fatal(err)
	}
	g, err := client.CreateGlobalCluster(ctx, &rds.CreateGlobalClusterInput{GlobalClusterIdentifier: aws.String("g"), SourceDBClusterIdentifier: c.DBClusters[0].DBClusterArn})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(g.GlobalCluster.GlobalClusterArn)
	describe := func() rdstypes.GlobalCluster {
		t.Helper()
		out, err := e.DescribeGlobalClusters(ctx, &rds.DescribeGlobalClustersInput{GlobalClusterIdentifier: aws.String("g")})
		if err != nil || len(out.GlobalClusters) != 1 {
			t.Fatalf("describe global: %v, %d found", err, len(out.GlobalClusters))
		}
		return out.GlobalClusters[0]
	}
	if m := describe().GlobalClusterMembers; len(m) == 0 || !aws.ToBool(m[0].IsWriter) {
		t.Errorf("members %+v: want the first marked IsWriter", m)
	}
	if _, err := e.AddTagsToResource(ctx, &rds.AddTagsToResourceInput{ResourceName: aws.String(arn),
		Tags: []rdstypes.Tag{{Key: aws.String("auroracfg:writer:s"), Value: aws.String("us-east-1/c")}}}); err != nil {
		t.Fatalf("tag a global database: %v", err)
	}
	tags := describe().TagList
	if len(tags) != 1 || aws.ToString(tags[0].Value) != "us-east-1/c" {
		t.Errorf("tags %+v, want auroracfg:writer:s = us-east-1/c", tags)
	}
	if err := Switchover(e.stateDir, "g", "elsewhere"); err != nil {
		t.Fatal(err)
	}
	if m := describe().GlobalClusterMembers; aws.ToBool(m[0].IsWriter) {
		t.Errorf("after a switchover to another cluster, %s is still IsWriter", aws.ToString(m[0].DBClusterArn))
	}
	if err := UntagGlobal(e.stateDir, "g"); err != nil {
		t.Fatal(err)
	}
	if tags := describe().TagList; len(tags) != 0 {
		t.Errorf("after untagging: %+v, want no tags", tags)
	}
}
