package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	ramtypes "github.com/aws/aws-sdk-go-v2/service/ram/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	latticetypes "github.com/aws/aws-sdk-go-v2/service/vpclattice/types"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/auroracfg/auroracfg/internal/awsfake"
	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// cmdAWSPrivate is the script's aws command for private networks:
//
//	aws subnets                               set SUBNET1, SUBNET2 to two default subnets of the VPC, SUBNETS to all
//	aws failover NAME                         make the cluster's other instance its writer
//	aws request-endpoint LB ENDPOINT ACCOUNT  ACCOUNT creates an interface endpoint to LB's endpoint service
//	aws show endpoint-service LB | resource-path NAME
func cmdAWSPrivate(ctx context.Context, ts *testscript.TestScript, args []string, out *strings.Builder) (bool, error) {
	account := ts.Getenv("MOTO_ACCOUNT")
	c, err := motoClients(motoFor(ts), account, ts.Value("pg").(*pgtest.Server), ts.Getenv("DB"))(ctx, "us-east-1")
	if err != nil {
		return true, err
	}
	e := c.EC2.(interface {
		DescribeSubnets(context.Context, *ec2.DescribeSubnetsInput, ...func(*ec2.Options)) (*ec2.DescribeSubnetsOutput, error)
	})
	switch args[0] {
	case "subnets":
		subnets, err := e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{ts.Getenv("VPC")}}}})
		if err != nil {
			return true, err
		}
		sort.Slice(subnets.Subnets, func(i, j int) bool {
			return aws.ToString(subnets.Subnets[i].AvailabilityZone) < aws.ToString(subnets.Subnets[j].AvailabilityZone)
		})
		var ids []string
		for _, s := range subnets.Subnets {
			ids = append(ids, aws.ToString(s.SubnetId))
		}
		ts.Setenv("SUBNET1", ids[0])
		ts.Setenv("SUBNET2", ids[1])
		return true, nil
	case "failover":
		cfg, err := motoFor(ts).Config(ctx, account, "us-east-1")
		if err != nil {
			return true, err
		}
		_, err = rds.NewFromConfig(cfg).FailoverDBCluster(ctx, &rds.FailoverDBClusterInput{DBClusterIdentifier: aws.String(args[1])})
		return true, err
	case "request-endpoint":
		id, err := serviceIDOf(ctx, c.ELB.(*elb.Client), c.EndpointServices.(*awsfake.EndpointConnections), args[1])
		if err != nil {
			return true, err
		}
		return true, c.EndpointServices.(*awsfake.EndpointConnections).Request(ctx, id, args[2], args[3])
	case "show":
		switch args[1] {
		case "endpoint-service":
			return true, showEndpointService(ctx, c.ELB.(*elb.Client), c.EndpointServices.(*awsfake.EndpointConnections), args[2], out)
		case "resource-path":
			return true, showResourcePath(ctx, c.Lattice.(*awsfake.Lattice), args[2], out)
		}
	}
	return false, nil
}

func serviceIDOf(ctx context.Context, lbs *elb.Client, svcs *awsfake.EndpointConnections, lbName string) (string, error) {
	lb, err := lbs.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{lbName}})
	if err != nil {
		return "", err
	}
	all, err := svcs.DescribeVpcEndpointServiceConfigurations(ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{})
	if err != nil {
		return "", err
	}
	for _, s := range all.ServiceConfigurations {
		if len(s.NetworkLoadBalancerArns) == 1 && s.NetworkLoadBalancerArns[0] == aws.ToString(lb.LoadBalancers[0].LoadBalancerArn) {
			return aws.ToString(s.ServiceId), nil
		}
	}
	return "", fmt.Errorf("load balancer %s has no endpoint service", lbName)
}

// showEndpointService prints the NLB path without the emulator's random ids.
func showEndpointService(ctx context.Context, lbs *elb.Client, svcs *awsfake.EndpointConnections, name string, out *strings.Builder) error {
	lbOut, err := lbs.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{name}})
	if err != nil {
		return err
	}
	lb := lbOut.LoadBalancers[0]
	attrs, err := lbs.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		return err
	}
	crossZone := "false"
	for _, a := range attrs.Attributes {
		if aws.ToString(a.Key) == "load_balancing.cross_zone.enabled" {
			crossZone = aws.ToString(a.Value)
		}
	}
	fmt.Fprintf(out, "load balancer: %s %s, %d subnets, cross-zone %s\n", lb.Scheme, lb.Type, len(lb.AvailabilityZones), crossZone)
	tgs, err := lbs.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{Names: []string{name}})
	if err != nil {
		return err
	}
	tg := tgs.TargetGroups[0]
	health, err := lbs.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: tg.TargetGroupArn})
	if err != nil {
		return err
	}
	var targets []string
	for _, h := range health.TargetHealthDescriptions {
		targets = append(targets, fmt.Sprintf("%s:%d", aws.ToString(h.Target.Id), aws.ToInt32(h.Target.Port)))
	}
	sort.Strings(targets)
	fmt.Fprintf(out, "target group: %s %d %s, targets %s\n", tg.Protocol, aws.ToInt32(tg.Port), tg.TargetType, strings.Join(targets, ","))
	ls, err := lbs.DescribeListeners(ctx, &elb.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		return err
	}
	for _, l := range ls.Listeners {
		fmt.Fprintf(out, "listener: %s %d forwards to the target group: %v\n", l.Protocol, aws.ToInt32(l.Port), aws.ToString(l.DefaultActions[0].TargetGroupArn) == aws.ToString(tg.TargetGroupArn))
	}
	id, err := serviceIDOf(ctx, lbs, svcs, name)
	if err != nil {
		return err
	}
	cfg, err := svcs.DescribeVpcEndpointServiceConfigurations(ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{ServiceIds: []string{id}})
	if err != nil {
		return err
	}
	s := cfg.ServiceConfigurations[0]
	var regions []string
	for _, r := range s.SupportedRegions {
		regions = append(regions, aws.ToString(r.Region))
	}
	sort.Strings(regions)
	perms, err := svcs.DescribeVpcEndpointServicePermissions(ctx, &ec2.DescribeVpcEndpointServicePermissionsInput{ServiceId: aws.String(id)})
	if err != nil {
		return err
	}
	var principals []string
	for _, p := range perms.AllowedPrincipals {
		principals = append(principals, aws.ToString(p.Principal))
	}
	sort.Strings(principals)
	fmt.Fprintf(out, "endpoint service: acceptance required %v, regions %s, principals %s\n", aws.ToBool(s.AcceptanceRequired), strings.Join(regions, ","), strings.Join(principals, ","))
	conns, err := svcs.DescribeVpcEndpointConnections(ctx, &ec2.DescribeVpcEndpointConnectionsInput{Filters: []ec2types.Filter{{Name: aws.String("service-id"), Values: []string{id}}}})
	if err != nil {
		return err
	}
	for _, cn := range conns.VpcEndpointConnections {
		fmt.Fprintf(out, "connection: %s from %s %s\n", aws.ToString(cn.VpcEndpointId), aws.ToString(cn.VpcEndpointOwner), cn.VpcEndpointState)
	}
	return nil
}

// showResourcePath prints the resource path from the Lattice and RAM fake.
func showResourcePath(ctx context.Context, l *awsfake.Lattice, name string, out *strings.Builder) error {
	gws, err := l.ListResourceGateways(ctx, &vpclattice.ListResourceGatewaysInput{})
	if err != nil {
		return err
	}
	for next := gws.NextToken; next != nil; {
		more, err := l.ListResourceGateways(ctx, &vpclattice.ListResourceGatewaysInput{NextToken: next})
		if err != nil {
			return err
		}
		gws.Items, next = append(gws.Items, more.Items...), more.NextToken
	}
	for _, g := range gws.Items {
		if aws.ToString(g.Name) != name {
			continue
		}
		fmt.Fprintf(out, "resource gateway: %s, %d subnets, %d security groups\n", g.Status, len(g.SubnetIds), len(g.SecurityGroupIds))
		cfgs, err := l.ListResourceConfigurations(ctx, &vpclattice.ListResourceConfigurationsInput{ResourceGatewayIdentifier: g.Id})
		if err != nil {
			return err
		}
		for _, c := range cfgs.Items {
			full, err := l.GetResourceConfiguration(ctx, &vpclattice.GetResourceConfigurationInput{ResourceConfigurationIdentifier: c.Id})
			if err != nil {
				return err
			}
			target := "?"
			if arn, ok := full.ResourceConfigurationDefinition.(*latticetypes.ResourceConfigurationDefinitionMemberArnResource); ok {
				target = aws.ToString(arn.Value.Arn)
				target = target[strings.LastIndex(target, ":")+1:]
			}
			fmt.Fprintf(out, "resource configuration: %s %s of cluster %s\n", full.Status, full.Type, target)
		}
	}
	r := l.RAM()
	shares, err := r.GetResourceShares(ctx, &ram.GetResourceSharesInput{ResourceOwner: ramtypes.ResourceOwnerSelf, Name: aws.String(name)})
	if err != nil {
		return err
	}
	for _, s := range shares.ResourceShares {
		for _, kind := range []ramtypes.ResourceShareAssociationType{ramtypes.ResourceShareAssociationTypePrincipal, ramtypes.ResourceShareAssociationTypeResource} {
			a, err := r.GetResourceShareAssociations(ctx, &ram.GetResourceShareAssociationsInput{AssociationType: kind, ResourceShareArns: []string{aws.ToString(s.ResourceShareArn)}})
			if err != nil {
				return err
			}
			for _, x := range a.ResourceShareAssociations {
				entity := aws.ToString(x.AssociatedEntity)
				if kind == ramtypes.ResourceShareAssociationTypeResource {
					entity = "a resource configuration"
				}
				fmt.Fprintf(out, "share %s: %s %s\n", kind, entity, x.Status)
			}
		}
	}
	return nil
}
