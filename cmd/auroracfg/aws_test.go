package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/auroracfg/auroracfg/internal/awsfake"
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

// cmdAWS manipulates and shows the emulator's state in a script's account:
//
//	aws cluster NAME [-version V] [-managed-secret] [-tag K=V] [-public-reader]   create a cluster with a writer and a reader
//	aws secret NAME VALUE                                         create a Secrets Manager secret
//	aws rule GROUP-NAME CIDR DESCRIPTION                          add an ingress rule on TCP 5432
//	aws global NAME PRIMARY                                       make NAME a us-west-2 secondary of PRIMARY's global database g-PRIMARY
//	aws switchover GLOBAL CLUSTER                                 make CLUSTER the global database's primary (emulated: moto has no switchover)
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
		// the addresses the test resolver gives the instances (internal/awsfake)
		ts.Setenv("IP1", awsfake.InstanceIP(args[1]+"-1"))
		ts.Setenv("IP2", awsfake.InstanceIP(args[1]+"-2"))
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
	case "switchover":
		err = awsfake.Switchover(fakeStateDir(ts.Getenv("MOTO_ACCOUNT")), args[1], args[2])
	case "untag-global":
		err = awsfake.UntagGlobal(fakeStateDir(ts.Getenv("MOTO_ACCOUNT")), args[1])
	case "show":
		if args[1] == "endpoint-service" || args[1] == "resource-path" {
			_, err = cmdAWSPrivate(ctx, ts, args, &out)
			break
		}
		err = show(ctx, r, e, &out, args[1:])
	case "busy", "steal-lock-at-reboot", "release-lock":
		em := emulatorFor(ts.Getenv("MOTO_ACCOUNT"), ts.Value("pg").(*pgtest.Server), ts.Getenv("DB"))
		switch args[0] {
		case "busy":
			var n int
			n, err = strconv.Atoi(args[1])
			em.SetBusy(n)
		case "steal-lock-at-reboot":
			em.StealLockAtNextReboot()
		case "release-lock":
			em.ReleaseLock(ctx)
		}
	default:
		var handled bool
		if handled, err = cmdAWSPrivate(ctx, ts, args, &out); !handled {
			ts.Fatalf("aws: unknown subcommand %q", args[0])
		}
	}
	if (err != nil) != neg {
		ts.Fatalf("aws %s: %v", strings.Join(args, " "), err)
	}
	if err != nil {
		fmt.Fprintln(ts.Stderr(), err) // an expected failure, for the script to match
	}
	fmt.Fprint(ts.Stdout(), out.String())
}

func createCluster(ctx context.Context, r *rds.Client, e *ec2.Client, name string, flags []string) (string, error) {
	version, managed, group, publicReader := "15.4", false, "", false
	var tags []rdstypes.Tag
	for i := 0; i < len(flags); i++ {
		switch flags[i] {
		case "-version":
			i++
			version = flags[i]
		case "-managed-secret":
			managed = true
		case "-public-reader": // the second instance is publicly accessible
			publicReader = true
		case "-parameter-group": // created when missing, with the engine's defaults
			i++
			group = flags[i]
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
	family := "aurora-postgresql" + strings.Split(version, ".")[0]
	if group == "" {
		group = "default." + family
	} else if _, err := r.CreateDBClusterParameterGroup(ctx, &rds.CreateDBClusterParameterGroupInput{DBClusterParameterGroupName: aws.String(group),
		DBParameterGroupFamily: aws.String(family), Description: aws.String("shared")}); err != nil && !strings.Contains(err.Error(), "AlreadyExists") {
		return "", err
	}
	in := &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(name), Engine: aws.String("aurora-postgresql"), EngineVersion: aws.String(version),
		MasterUsername: aws.String("postgres"), VpcSecurityGroupIds: []string{aws.ToString(sg.GroupId)}, Tags: tags,
		DBClusterParameterGroupName: aws.String(group)}
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
			Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large"),
			PubliclyAccessible: aws.Bool(publicReader && id == name+"-2")}); err != nil {
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
	// A secondary with its own security group and instances, as AWS makes
	// one: after a switchover it is the source's cluster.
	westEC2, westRDS := ec2.NewFromConfig(west), rds.NewFromConfig(west)
	vpcs, err := westEC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return err
	}
	sg, err := westEC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String(name + "-db"), Description: aws.String("db"), VpcId: vpcs.Vpcs[0].VpcId})
	if err != nil {
		return err
	}
	if _, err = westRDS.CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(name), Engine: aws.String("aurora-postgresql"),
		EngineVersion: aws.String("15.4"), GlobalClusterIdentifier: aws.String("g-" + primary), VpcSecurityGroupIds: []string{aws.ToString(sg.GroupId)}}); err != nil {
		return err
	}
	for _, id := range []string{name + "-1", name + "-2"} {
		if _, err := westRDS.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(id), DBClusterIdentifier: aws.String(name),
			Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large")}); err != nil {
			return err
		}
	}
	return nil
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
