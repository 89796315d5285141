package aurora

import (
	"context"
	"fmt"
	"net"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// observePrivateLink reads the private path of a source: the writer, the
// subnets, the cluster's ingress rules, auroracfg's own group, then the
// objects of the path's type. A constant number of calls per source.
func observePrivateLink(ctx context.Context, c Clients, p *plan.DesiredPrivateLink, cl plan.Cluster) (*plan.PrivateLinkObserved, error) {
	pl := &plan.PrivateLinkObserved{}
	var err error
	if pl.Writer, pl.PublicInstances, err = writerInstance(ctx, c, cl, p.Type == schema.PrivateLinkEndpointService); err != nil {
		return nil, err
	}
	if pl.Subnets, err = subnets(ctx, c, p.Subnets); err != nil {
		return nil, err
	}
	if len(p.SecurityGroups) == 0 {
		if pl.OwnGroup, err = securityGroup(ctx, c, &plan.DesiredNetwork{Name: p.Network, SecurityGroup: p.OwnGroup()}, cl.VpcID); err != nil {
			return nil, err
		}
	} else if len(cl.SecurityGroupIDs) > 0 {
		if pl.ClusterRules, err = ingressRulesOfGroups(ctx, c, cl.SecurityGroupIDs); err != nil {
			return nil, err
		}
	}
	switch p.Type {
	case schema.PrivateLinkEndpointService:
		if c.ELB == nil || c.EndpointServices == nil {
			return nil, fmt.Errorf("privateLink type endpointService needs Elastic Load Balancing and EC2 endpoint service clients")
		}
		err = observeEndpointService(ctx, c, p.ResourceName(), cl.Port, pl)
	case schema.PrivateLinkResource:
		err = observeResourcePath(ctx, c, p.ResourceName(), pl)
	}
	return pl, err
}

// writerInstance describes the cluster's instances (one call), returns the
// writer and the publicly accessible ones, and resolves the writer's
// endpoint when the path targets its address. A name that does not resolve
// is reported in the plan, not as an error.
func writerInstance(ctx context.Context, c Clients, cl plan.Cluster, resolve bool) (plan.WriterInstance, []string, error) {
	w := plan.WriterInstance{ID: cl.Writer()}
	var public []string
	p := rds.NewDescribeDBInstancesPaginator(c.RDS, &rds.DescribeDBInstancesInput{
		Filters: []rdstypes.Filter{{Name: aws.String("db-cluster-id"), Values: []string{cl.ID}}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return w, nil, fmt.Errorf("describe the instances of cluster %s: %w", cl.ID, err)
		}
		for _, inst := range page.DBInstances {
			id := aws.ToString(inst.DBInstanceIdentifier)
			if aws.ToBool(inst.PubliclyAccessible) {
				public = append(public, id)
			}
			if id == w.ID {
				w.PubliclyAccessible = aws.ToBool(inst.PubliclyAccessible)
				if inst.Endpoint != nil {
					w.Address = aws.ToString(inst.Endpoint.Address)
				}
			}
		}
	}
	sort.Strings(public)
	if !resolve || w.Address == "" {
		return w, public, nil
	}
	r := c.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	ips, err := r.LookupHost(ctx, w.Address)
	if err != nil {
		if ctx.Err() != nil {
			return w, nil, ctx.Err()
		}
		w.ResolveError = err.Error()
		return w, public, nil
	}
	sort.Strings(ips)
	w.IPs = ips
	return w, public, nil
}

// subnets describes the spec's subnets; the ones that do not exist are
// left out (the plan names them).
func subnets(ctx context.Context, c Clients, ids []string) ([]plan.Subnet, error) {
	var out []plan.Subnet
	p := ec2.NewDescribeSubnetsPaginator(c.EC2, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("subnet-id"), Values: ids}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe subnets %v: %w", ids, err)
		}
		for _, s := range page.Subnets {
			out = append(out, plan.Subnet{ID: aws.ToString(s.SubnetId), VpcID: aws.ToString(s.VpcId), CIDR: aws.ToString(s.CidrBlock),
				AZ: aws.ToString(s.AvailabilityZone), AvailableIPs: int(aws.ToInt32(s.AvailableIpAddressCount))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ingressRulesOfGroups lists the ingress rules of several groups at once.
func ingressRulesOfGroups(ctx context.Context, c Clients, groupIDs []string) ([]plan.IngressRule, error) {
	var all []ec2types.SecurityGroupRule
	p := ec2.NewDescribeSecurityGroupRulesPaginator(c.EC2, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: groupIDs}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe the rules of the cluster's security groups: %w", err)
		}
		all = append(all, page.SecurityGroupRules...)
	}
	return ingressRulesOf(all), nil
}

// notFound reports an AWS "does not exist" answer, by its error code.
func notFound(err error, codes ...string) bool {
	for _, code := range codes {
		if hasCode(err, code) {
			return true
		}
	}
	return false
}
