package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"
	"github.com/jackc/pgx/v5"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/sources/aurora"
)

// motoFor returns the package's moto server; a script that needs it fails
// in CI and is skipped, saying why, elsewhere when it cannot start.
func motoFor(ts *testscript.TestScript) *mototest.Server {
	srv, err := mototest.SharedServer()
	if err != nil {
		if os.Getenv("CI") != "" {
			ts.Fatalf("moto AWS emulator unavailable (CI is set, so this fails instead of skipping): %v", err)
		}
		ts.Value("t").(testscript.T).Skip("moto AWS emulator unavailable, skipping: ", err)
	}
	return srv
}

// awsClientsFor builds the clients a script's auroracfg uses: the emulator,
// in the script's own account, with the reboot emulation below.
func awsClientsFor(ts *testscript.TestScript, pg *pgtest.Server) func(ctx context.Context, region string) (aurora.Clients, error) {
	return func(ctx context.Context, region string) (aurora.Clients, error) {
		return motoClients(motoFor(ts), ts.Getenv("MOTO_ACCOUNT"), pg, ts.Getenv("DB"))(ctx, region)
	}
}

// rebootEmulator is the small fake of the one AWS behaviour moto lacks
// (see shared/reference/moto-notes.md §4.6-7): after a cluster parameter
// group is attached, or a static parameter changes, members read
// pending-reboot until rebooted; and a reboot makes the cluster's
// rds.logical_replication live, which the test PostgreSQL (playing the
// writer) shows through a per-database setting, and with it the replication
// privilege of rds_replication's members (pgtest.EmulateRDSReplication).
// Everything else is moto.
type rebootEmulator struct {
	aurora.RDSAPI
	pg *pgtest.Server
	db string

	mu        sync.Mutex
	pending   map[string]bool
	rebooting map[string]int // instance → describes left that still say "rebooting"
	busy      int            // ModifyDBCluster calls left that find the cluster busy
	// stealLock makes the next writer reboot hand auroracfg's apply lock
	// to another session (held in thief), as if another apply slipped in.
	stealLock bool
	thief     *pgx.Conn
}

var emulators sync.Map // account → *rebootEmulator, so state survives across commands of a script

func emulatorFor(account string, inner aurora.RDSAPI, pg *pgtest.Server, db string) *rebootEmulator {
	e, _ := emulators.LoadOrStore(account, &rebootEmulator{pg: pg, db: db, pending: map[string]bool{}, rebooting: map[string]int{}})
	em := e.(*rebootEmulator)
	if inner != nil {
		em.RDSAPI = inner
	}
	return em
}

func (e *rebootEmulator) markPending(ctx context.Context, cluster string) {
	out, err := e.RDSAPI.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(cluster)})
	if err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, c := range out.DBClusters {
		for _, m := range c.DBClusterMembers {
			e.pending[aws.ToString(m.DBInstanceIdentifier)] = true
		}
	}
}

// ModifyDBCluster refuses while the cluster is busy with another change, as
// AWS does with InvalidDBClusterStateFault (moto has no transient states).
func (e *rebootEmulator) ModifyDBCluster(ctx context.Context, in *rds.ModifyDBClusterInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterOutput, error) {
	e.mu.Lock()
	busy := e.busy > 0
	if busy {
		e.busy--
	}
	e.mu.Unlock()
	if busy {
		return nil, &smithy.GenericAPIError{Code: "InvalidDBClusterStateFault",
			Message: fmt.Sprintf("DbCluster %s is not in available state (emulated)", aws.ToString(in.DBClusterIdentifier))}
	}
	out, err := e.RDSAPI.ModifyDBCluster(ctx, in, opts...)
	if err == nil && in.DBClusterParameterGroupName != nil {
		e.markPending(ctx, aws.ToString(in.DBClusterIdentifier))
	}
	return out, err
}

func (e *rebootEmulator) ModifyDBClusterParameterGroup(ctx context.Context, in *rds.ModifyDBClusterParameterGroupInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterParameterGroupOutput, error) {
	for _, p := range in.Parameters {
		if p.ApplyMethod == rdstypes.ApplyMethodImmediate && aws.ToString(p.ParameterName) == "rds.logical_replication" {
			return nil, fmt.Errorf("InvalidParameterCombination: cannot use immediate apply method for static parameter (emulated AWS check)")
		}
	}
	out, err := e.RDSAPI.ModifyDBClusterParameterGroup(ctx, in, opts...)
	if err == nil {
		clusters, _ := e.RDSAPI.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
		for _, c := range clusters.DBClusters {
			if aws.ToString(c.DBClusterParameterGroup) == aws.ToString(in.DBClusterParameterGroupName) {
				e.markPending(ctx, aws.ToString(c.DBClusterIdentifier))
			}
		}
	}
	return out, err
}

func (e *rebootEmulator) DescribeDBClusters(ctx context.Context, in *rds.DescribeDBClustersInput, opts ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	out, err := e.RDSAPI.DescribeDBClusters(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	if err := e.pg.EmulateRDSReplication(ctx, e.db); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := range out.DBClusters {
		for j, m := range out.DBClusters[i].DBClusterMembers {
			if e.pending[aws.ToString(m.DBInstanceIdentifier)] {
				out.DBClusters[i].DBClusterMembers[j].DBClusterParameterGroupStatus = aws.String("pending-reboot")
			}
		}
	}
	return out, nil
}

// DescribeDBInstances reports "rebooting" for a few describes after a reboot.
func (e *rebootEmulator) DescribeDBInstances(ctx context.Context, in *rds.DescribeDBInstancesInput, opts ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	out, err := e.RDSAPI.DescribeDBInstances(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, inst := range out.DBInstances {
		id := aws.ToString(inst.DBInstanceIdentifier)
		if e.rebooting[id] > 0 {
			e.rebooting[id]--
			out.DBInstances[i].DBInstanceStatus = aws.String("rebooting")
		}
	}
	return out, nil
}

// RebootDBInstance: rebooting the writer restarts the readers too (Aurora
// PostgreSQL), and the writer comes back with its group's values live.
func (e *rebootEmulator) RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, opts ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	out, err := e.RDSAPI.RebootDBInstance(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	inst := aws.ToString(out.DBInstance.DBInstanceIdentifier)
	cluster := aws.ToString(out.DBInstance.DBClusterIdentifier)
	e.mu.Lock()
	e.rebooting[inst] = 3
	e.mu.Unlock()
	clusters, err := e.RDSAPI.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(cluster)})
	if err != nil {
		return nil, err
	}
	c := clusters.DBClusters[0]
	writer := false
	e.mu.Lock()
	for _, m := range c.DBClusterMembers {
		if aws.ToString(m.DBInstanceIdentifier) == inst && aws.ToBool(m.IsClusterWriter) {
			writer = true
		}
	}
	for _, m := range c.DBClusterMembers {
		if writer || aws.ToString(m.DBInstanceIdentifier) == inst {
			delete(e.pending, aws.ToString(m.DBInstanceIdentifier))
		}
	}
	e.mu.Unlock()
	if writer {
		if err := e.restartSessions(ctx); err != nil {
			return nil, err
		}
		params, err := e.RDSAPI.DescribeDBClusterParameters(ctx, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: c.DBClusterParameterGroup})
		value := "0"
		if err == nil {
			for _, p := range params.Parameters {
				if aws.ToString(p.ParameterName) == "rds.logical_replication" {
					value = aws.ToString(p.ParameterValue)
				}
			}
		}
		if err := e.pg.Exec(ctx, "postgres", fmt.Sprintf("ALTER DATABASE %s SET rds.logical_replication = '%s'", pgx.Identifier{e.db}.Sanitize(), value)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// restartSessions ends auroracfg's sessions on the writer's database, as
// the writer's reboot does (the apply lock's among them); with stealLock,
// another session takes the lock they held.
func (e *rebootEmulator) restartSessions(ctx context.Context) error {
	conn, err := e.pg.Connect(ctx, e.db)
	if err != nil {
		return err
	}
	var class, object int64
	err = conn.QueryRow(ctx, `SELECT coalesce(max(l.classid::int8), 0), coalesce(max(l.objid::int8), 0)
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND a.application_name = 'auroracfg' AND a.datname = current_database()`).Scan(&class, &object)
	if err == nil {
		_, err = conn.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE application_name = 'auroracfg' AND datname = current_database() AND pid <> pg_backend_pid()`)
	}
	e.mu.Lock()
	steal := e.stealLock && class != 0
	e.stealLock = false
	e.mu.Unlock()
	if err != nil || !steal {
		conn.Close(ctx)
		return err
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1::int8::int4, $2::int8::int4)", class, int64(int32(uint32(object)))); err != nil {
		conn.Close(ctx)
		return err
	}
	e.mu.Lock()
	e.thief = conn
	e.mu.Unlock()
	return nil
}

// cmdAWS manipulates and shows the emulator's state in a script's account:
//
//	aws cluster NAME [-version V] [-managed-secret] [-tag K=V]   create a cluster with a writer and a reader
//	aws secret NAME VALUE                                         create a Secrets Manager secret
//	aws rule GROUP-NAME CIDR DESCRIPTION                          add an ingress rule on TCP 5432
//	aws global NAME PRIMARY                                       make NAME a us-west-2 secondary of PRIMARY's global database
//	aws show cluster NAME | rules GROUP-NAME | params GROUP
//	aws busy N                                                    the next N ModifyDBCluster calls find the cluster busy
//	aws steal-lock-at-reboot | release-lock                       another session takes auroracfg's apply lock while the writer reboots; it lets go
func cmdAWS(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: aws cluster|secret|rule|global|show|busy|steal-lock-at-reboot|release-lock …")
	}
	ctx := context.Background()
	srv := motoFor(ts)
	cfg, err := srv.Config(ctx, ts.Getenv("MOTO_ACCOUNT"), "us-east-1")
	ts.Check(err)
	r, e := rds.NewFromConfig(cfg), ec2.NewFromConfig(cfg)
	var out strings.Builder
	switch args[0] {
	case "cluster":
		var vpc string
		vpc, err = createCluster(ctx, r, e, args[1], args[2:])
		ts.Setenv("VPC", vpc)
	case "secret":
		value := envRef.ReplaceAllStringFunc(args[2], func(m string) string { return ts.Getenv(m[2 : len(m)-1]) })
		_, err = secretsmanager.NewFromConfig(cfg).CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(args[1]), SecretString: aws.String(value)})
	case "rule":
		var gid string
		if gid, err = groupID(ctx, e, args[1]); err == nil {
			_, err = e.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(gid), IpPermissions: []ec2types.IpPermission{{
				IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
				IpRanges: []ec2types.IpRange{{CidrIp: aws.String(args[2]), Description: aws.String(strings.Join(args[3:], " "))}}}}})
		}
	case "global":
		err = makeSecondary(ctx, srv, ts.Getenv("MOTO_ACCOUNT"), r, args[1], args[2])
	case "show":
		err = show(ctx, r, e, &out, args[1:])
	case "busy", "steal-lock-at-reboot", "release-lock":
		em := emulatorFor(ts.Getenv("MOTO_ACCOUNT"), nil, ts.Value("pg").(*pgtest.Server), ts.Getenv("DB"))
		em.mu.Lock()
		switch args[0] {
		case "busy":
			em.busy, err = strconv.Atoi(args[1])
		case "steal-lock-at-reboot":
			em.stealLock = true
		case "release-lock":
			if em.thief != nil {
				em.thief.Close(ctx)
				em.thief = nil
			}
		}
		em.mu.Unlock()
	default:
		ts.Fatalf("aws: unknown subcommand %q", args[0])
	}
	if (err != nil) != neg {
		ts.Fatalf("aws %s: %v", strings.Join(args, " "), err)
	}
	fmt.Fprint(ts.Stdout(), out.String())
}

func createCluster(ctx context.Context, r *rds.Client, e *ec2.Client, name string, flags []string) (string, error) {
	version, managed := "15.4", false
	var tags []rdstypes.Tag
	for i := 0; i < len(flags); i++ {
		switch flags[i] {
		case "-version":
			i++
			version = flags[i]
		case "-managed-secret":
			managed = true
		case "-tag":
			i++
			k, v, _ := strings.Cut(flags[i], "=")
			tags = append(tags, rdstypes.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
	}
	vpcs, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return "", err
	}
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	sg, err := e.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(name + "-db"), Description: aws.String("db"), VpcId: aws.String(vpc)})
	if err != nil {
		return "", err
	}
	in := &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(name), Engine: aws.String("aurora-postgresql"), EngineVersion: aws.String(version),
		MasterUsername: aws.String("postgres"), VpcSecurityGroupIds: []string{aws.ToString(sg.GroupId)}, Tags: tags,
		DBClusterParameterGroupName: aws.String("default.aurora-postgresql" + strings.Split(version, ".")[0])}
	if managed {
		in.ManageMasterUserPassword = aws.Bool(true)
	} else {
		in.MasterUserPassword = aws.String("unused-password")
	}
	if _, err := r.CreateDBCluster(ctx, in); err != nil {
		return "", err
	}
	for _, id := range []string{name + "-1", name + "-2"} {
		if _, err := r.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(id), DBClusterIdentifier: aws.String(name),
			Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large")}); err != nil {
			return "", err
		}
	}
	return vpc, nil
}

func makeSecondary(ctx context.Context, srv *mototest.Server, account string, r *rds.Client, name, primary string) error {
	out, err := r.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(primary)})
	if err != nil {
		return err
	}
	if _, err := r.CreateGlobalCluster(ctx, &rds.CreateGlobalClusterInput{GlobalClusterIdentifier: aws.String("g-" + primary), SourceDBClusterIdentifier: out.DBClusters[0].DBClusterArn}); err != nil {
		return err
	}
	west, err := srv.Config(ctx, account, "us-west-2")
	if err != nil {
		return err
	}
	_, err = rds.NewFromConfig(west).CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(name), Engine: aws.String("aurora-postgresql"),
		EngineVersion: aws.String("15.4"), GlobalClusterIdentifier: aws.String("g-" + primary)})
	return err
}

func groupID(ctx context.Context, e *ec2.Client, name string) (string, error) {
	out, err := e.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{{Name: aws.String("group-name"), Values: []string{name}}}})
	if err != nil || len(out.SecurityGroups) == 0 {
		return "", fmt.Errorf("security group %s: %v", name, err)
	}
	return aws.ToString(out.SecurityGroups[0].GroupId), nil
}

// show prints emulator state in a stable, comparable form.
func show(ctx context.Context, r *rds.Client, e *ec2.Client, out *strings.Builder, args []string) error {
	switch args[0] {
	case "cluster":
		c, err := r.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(args[1])})
		if err != nil {
			return err
		}
		cl := c.DBClusters[0]
		var groups []string
		for _, g := range cl.VpcSecurityGroups {
			sg, err := e.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{aws.ToString(g.VpcSecurityGroupId)}})
			if err != nil {
				return err
			}
			groups = append(groups, aws.ToString(sg.SecurityGroups[0].GroupName))
		}
		sort.Strings(groups)
		fmt.Fprintf(out, "parameter-group: %s\nsecurity-groups: %s\n", aws.ToString(cl.DBClusterParameterGroup), strings.Join(groups, ","))
	case "rules":
		gid, err := groupID(ctx, e, args[1])
		if err != nil {
			return err
		}
		rules, err := e.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{gid}}}})
		if err != nil {
			return err
		}
		var lines []string
		for _, rule := range rules.SecurityGroupRules {
			if !aws.ToBool(rule.IsEgress) {
				lines = append(lines, fmt.Sprintf("%s %d %s %s", aws.ToString(rule.IpProtocol), aws.ToInt32(rule.FromPort), aws.ToString(rule.CidrIpv4), aws.ToString(rule.Description)))
			}
		}
		sort.Strings(lines)
		for _, l := range lines {
			fmt.Fprintln(out, l)
		}
	case "params":
		p, err := r.DescribeDBClusterParameters(ctx, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: aws.String(args[1])})
		if err != nil {
			return err
		}
		var lines []string
		for _, prm := range p.Parameters {
			lines = append(lines, fmt.Sprintf("%s=%s (%s)", aws.ToString(prm.ParameterName), aws.ToString(prm.ParameterValue), prm.ApplyMethod))
		}
		sort.Strings(lines)
		fmt.Fprintln(out, strings.Join(lines, "\n"))
	default:
		return fmt.Errorf("show: unknown %q", args[0])
	}
	return nil
}
