// Package aurora is auroracfg's AWS edge for Aurora PostgreSQL sources: it
// observes the cluster, its parameter groups and security groups, resolves
// secrets from Secrets Manager, and executes the AWS actions of a plan. The
// PostgreSQL side goes through sources/postgres on the writer endpoint.
package aurora

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/auroracfg/auroracfg/plan"
)

// observation is one look at the AWS side.
type observation struct {
	state         *plan.AWSObserved
	managedSecret string // the cluster's RDS-managed master user secret ARN
}

// observe reads the cluster and what the plan needs around it: a small
// constant number of calls per source (describe once, reuse).
func observe(ctx context.Context, c Clients, d *plan.DesiredAurora) (*observation, error) {
	out, err := c.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(d.Cluster)})
	if err != nil {
		return nil, fmt.Errorf("describe cluster %q in %s: %w", d.Cluster, d.Region, err)
	}
	if len(out.DBClusters) != 1 {
		return nil, fmt.Errorf("describe cluster %q in %s: found %d clusters", d.Cluster, d.Region, len(out.DBClusters))
	}
	dc := out.DBClusters[0]
	if d.GlobalCluster == "" { // a globalCluster source was resolved to the primary already
		if err := checkGlobal(ctx, c, dc); err != nil {
			return nil, err
		}
	}
	cl := clusterOf(dc)
	st := &plan.AWSObserved{Region: d.Region, Cluster: cl}
	if cl.VpcID, err = vpcOf(ctx, c, dc); err != nil {
		return nil, err
	}
	st.Cluster.VpcID = cl.VpcID
	if !plan.IsDefaultParameterGroup(cl.ParameterGroup) {
		if st.AttachedParams, err = parameters(ctx, c, cl.ParameterGroup); err != nil {
			return nil, err
		}
	}
	if d.ParameterGroup != cl.ParameterGroup {
		if st.TargetGroup, err = parameterGroup(ctx, c, d.ParameterGroup); err != nil {
			return nil, err
		}
	}
	if d.ParameterGroup == cl.ParameterGroup || st.TargetGroup != nil {
		if st.GroupSharedWith, err = clustersUsing(ctx, c, d.ParameterGroup, cl.ID); err != nil {
			return nil, err
		}
	}
	if d.Network != nil {
		if st.SecurityGroup, err = securityGroup(ctx, c, d.Network, cl.VpcID); err != nil {
			return nil, err
		}
	}
	if d.PrivateLink != nil {
		if st.PrivateLink, err = observePrivateLink(ctx, c, d.PrivateLink, st.Cluster); err != nil {
			return nil, err
		}
	}
	o := &observation{state: st}
	if dc.MasterUserSecret != nil {
		o.managedSecret = aws.ToString(dc.MasterUserSecret.SecretArn)
	}
	return o, nil
}

func clusterOf(dc rdstypes.DBCluster) plan.Cluster {
	cl := plan.Cluster{
		ID: aws.ToString(dc.DBClusterIdentifier), ARN: aws.ToString(dc.DBClusterArn),
		Engine: aws.ToString(dc.Engine), EngineVersion: aws.ToString(dc.EngineVersion), Status: aws.ToString(dc.Status),
		Endpoint: aws.ToString(dc.Endpoint), ReaderEndpoint: aws.ToString(dc.ReaderEndpoint), Port: int(aws.ToInt32(dc.Port)),
		ParameterGroup: aws.ToString(dc.DBClusterParameterGroup), Tags: map[string]string{},
	}
	for _, m := range dc.DBClusterMembers {
		cl.Members = append(cl.Members, plan.ClusterMember{Instance: aws.ToString(m.DBInstanceIdentifier), Writer: aws.ToBool(m.IsClusterWriter),
			ParameterGroupStatus: aws.ToString(m.DBClusterParameterGroupStatus)})
	}
	for _, g := range dc.VpcSecurityGroups {
		cl.SecurityGroupIDs = append(cl.SecurityGroupIDs, aws.ToString(g.VpcSecurityGroupId))
	}
	// AWS's order is not a promise: plans and saved-plan digests must not
	// depend on it.
	sort.Strings(cl.SecurityGroupIDs)
	for _, t := range dc.TagList {
		cl.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return cl
}

// ErrGlobalSecondary means the cluster is a secondary of an Aurora Global
// Database: ClickPipes must use the primary region's writer.
var ErrGlobalSecondary = errors.New("cluster is a secondary of an Aurora Global Database")

// checkGlobal refuses a secondary cluster of a Global Database, naming the
// primary. AWS marks the primary member IsWriter; the emulator marks none,
// in which case the first member (the cluster the global database was
// created from) is taken as the primary.
func checkGlobal(ctx context.Context, c Clients, dc rdstypes.DBCluster) error {
	gid := aws.ToString(dc.GlobalClusterIdentifier)
	if gid == "" {
		return nil
	}
	if a, err := arn.Parse(gid); err == nil {
		gid = a.Resource[strings.LastIndex(a.Resource, ":")+1:]
	}
	out, err := c.RDS.DescribeGlobalClusters(ctx, &rds.DescribeGlobalClustersInput{GlobalClusterIdentifier: aws.String(gid)})
	if err != nil {
		return fmt.Errorf("describe global database %s: %w", gid, err)
	}
	for _, g := range out.GlobalClusters {
		if aws.ToString(g.GlobalClusterIdentifier) != gid || len(g.GlobalClusterMembers) == 0 {
			continue
		}
		primary := g.GlobalClusterMembers[0]
		for _, m := range g.GlobalClusterMembers {
			if aws.ToBool(m.IsWriter) {
				primary = m
			}
		}
		primaryARN := aws.ToString(primary.DBClusterArn)
		if primaryARN == aws.ToString(dc.DBClusterArn) {
			return nil
		}
		region, name := primaryARN, primaryARN
		if a, err := arn.Parse(primaryARN); err == nil {
			region, name = a.Region, strings.TrimPrefix(a.Resource, "cluster:")
		}
		return fmt.Errorf("%w %s: connect ClickPipes to the primary cluster %s in %s (its writer endpoint) instead",
			ErrGlobalSecondary, gid, name, region)
	}
	return nil
}

// vpcOf finds the cluster's VPC through its first security group.
func vpcOf(ctx context.Context, c Clients, dc rdstypes.DBCluster) (string, error) {
	if len(dc.VpcSecurityGroups) == 0 {
		return "", nil
	}
	out, err := c.EC2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{aws.ToString(dc.VpcSecurityGroups[0].VpcSecurityGroupId)}})
	if err != nil {
		return "", fmt.Errorf("describe the cluster's security group: %w", err)
	}
	if len(out.SecurityGroups) == 0 {
		return "", nil
	}
	return aws.ToString(out.SecurityGroups[0].VpcId), nil
}

// managedParams are the parameters auroracfg reads from a parameter group.
var managedParams = []string{plan.ParamLogicalReplication, plan.ParamWalSenderTimeout, plan.ParamMaxSlotWalKeepSize}

// parameters reads the managed parameters' values set in a group (following
// every page). A parameter that is not listed has the engine default.
func parameters(ctx context.Context, c Clients, group string) (map[string]string, error) {
	values := map[string]string{}
	p := rds.NewDescribeDBClusterParametersPaginator(c.RDS, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: aws.String(group)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe parameters of %s: %w", group, err)
		}
		for _, prm := range page.Parameters {
			name := aws.ToString(prm.ParameterName)
			for _, m := range managedParams {
				if name == m && prm.ParameterValue != nil {
					values[name] = aws.ToString(prm.ParameterValue)
				}
			}
		}
	}
	return values, nil
}

// parameterGroup returns the named group with its managed values, or nil
// when it does not exist.
func parameterGroup(ctx context.Context, c Clients, name string) (*plan.ParameterGroup, error) {
	out, err := c.RDS.DescribeDBClusterParameterGroups(ctx, &rds.DescribeDBClusterParameterGroupsInput{DBClusterParameterGroupName: aws.String(name)})
	var nf *rdstypes.DBParameterGroupNotFoundFault
	if errors.As(err, &nf) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("describe parameter group %s: %w", name, err)
	}
	if len(out.DBClusterParameterGroups) == 0 {
		return nil, nil
	}
	g := out.DBClusterParameterGroups[0]
	params, err := parameters(ctx, c, name)
	if err != nil {
		return nil, err
	}
	return &plan.ParameterGroup{Name: name, Family: aws.ToString(g.DBParameterGroupFamily), Params: params}, nil
}

// securityGroup finds the network's security group (by id, or by name in
// the cluster's VPC) with its ingress rules; nil when it does not exist.
func securityGroup(ctx context.Context, c Clients, n *plan.DesiredNetwork, vpc string) (*plan.SecurityGroup, error) {
	in := &ec2.DescribeSecurityGroupsInput{}
	if n.SecurityGroupID != "" {
		in.GroupIds = []string{n.SecurityGroupID}
	} else {
		in.Filters = []ec2types.Filter{{Name: aws.String("group-name"), Values: []string{n.SecurityGroup}}}
		if vpc != "" {
			in.Filters = append(in.Filters, ec2types.Filter{Name: aws.String("vpc-id"), Values: []string{vpc}})
		}
	}
	out, err := c.EC2.DescribeSecurityGroups(ctx, in)
	if err != nil {
		if hasCode(err, "InvalidGroup.NotFound") {
			return nil, nil
		}
		return nil, fmt.Errorf("describe security group of network %s: %w", n.Name, err)
	}
	if len(out.SecurityGroups) == 0 {
		return nil, nil
	}
	g := out.SecurityGroups[0]
	sg := &plan.SecurityGroup{ID: aws.ToString(g.GroupId), Name: aws.ToString(g.GroupName), VpcID: aws.ToString(g.VpcId)}
	sg.Rules, err = ingressRules(ctx, c, sg.ID)
	return sg, err
}

// ingressRules lists a group's ingress rules (every page).
func ingressRules(ctx context.Context, c Clients, groupID string) ([]plan.IngressRule, error) {
	var all []ec2types.SecurityGroupRule
	p := ec2.NewDescribeSecurityGroupRulesPaginator(c.EC2, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{groupID}}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe rules of %s: %w", groupID, err)
		}
		all = append(all, page.SecurityGroupRules...)
	}
	return ingressRulesOf(all), nil
}

// ingressRulesOf keeps the IPv4 ingress rules, sorted by CIDR, ports,
// protocol and id: AWS's order is not a promise, and plans and saved-plan
// digests must not depend on it.
func ingressRulesOf(rules []ec2types.SecurityGroupRule) []plan.IngressRule {
	var out []plan.IngressRule
	for _, r := range rules {
		if aws.ToBool(r.IsEgress) || r.CidrIpv4 == nil {
			continue
		}
		out = append(out, plan.IngressRule{ID: aws.ToString(r.SecurityGroupRuleId), Protocol: aws.ToString(r.IpProtocol),
			FromPort: int(aws.ToInt32(r.FromPort)), ToPort: int(aws.ToInt32(r.ToPort)), CIDR: aws.ToString(r.CidrIpv4), Description: aws.ToString(r.Description)})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.CIDR != b.CIDR {
			return a.CIDR < b.CIDR
		}
		if a.FromPort != b.FromPort {
			return a.FromPort < b.FromPort
		}
		if a.ToPort != b.ToPort {
			return a.ToPort < b.ToPort
		}
		if a.Protocol != b.Protocol {
			return a.Protocol < b.Protocol
		}
		return a.ID < b.ID
	})
	return out
}

// clustersUsing lists the region's clusters other than self that use the
// parameter group, sorted.
func clustersUsing(ctx context.Context, c Clients, group, self string) ([]string, error) {
	var out []string
	p := rds.NewDescribeDBClustersPaginator(c.RDS, &rds.DescribeDBClustersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list the clusters using parameter group %s: %w", group, err)
		}
		for _, dc := range page.DBClusters {
			if id := aws.ToString(dc.DBClusterIdentifier); id != self && aws.ToString(dc.DBClusterParameterGroup) == group {
				out = append(out, id)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}
