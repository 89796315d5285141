package aurora

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/auroracfg/auroracfg/plan"
)

// crossZoneAttribute is the load balancer attribute of cross-zone load
// balancing (off by default on a network load balancer).
const crossZoneAttribute = "load_balancing.cross_zone.enabled"

// observeEndpointService reads the NLB path by its resource name: load
// balancer, target group and its targets, the listener on the port, and
// the endpoint service of the load balancer with its permissions and
// connections.
func observeEndpointService(ctx context.Context, c Clients, name string, port int, pl *plan.PrivateLinkObserved) error {
	lb, err := loadBalancerNamed(ctx, c.ELB, name)
	if err != nil || lb == nil {
		return err
	}
	pl.LoadBalancer = loadBalancerOf(*lb)
	attrs, err := c.ELB.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
	if err != nil {
		return fmt.Errorf("describe the attributes of load balancer %s: %w", name, err)
	}
	for _, a := range attrs.Attributes {
		if aws.ToString(a.Key) == crossZoneAttribute {
			pl.LoadBalancer.CrossZone = aws.ToString(a.Value) == "true"
		}
	}
	tg, err := targetGroupNamed(ctx, c.ELB, name)
	if err != nil {
		return err
	}
	if tg != nil {
		if pl.TargetGroup, err = targetGroupOf(ctx, c.ELB, *tg); err != nil {
			return err
		}
	}
	if pl.Listener, err = listenerOn(ctx, c.ELB, aws.ToString(lb.LoadBalancerArn), port); err != nil {
		return err
	}
	svc, err := serviceOf(ctx, c.EndpointServices, aws.ToString(lb.LoadBalancerArn))
	if err != nil || svc == nil {
		return err
	}
	pl.EndpointService, err = endpointServiceOf(ctx, c.EndpointServices, *svc)
	return err
}

func loadBalancerNamed(ctx context.Context, api elb.DescribeLoadBalancersAPIClient, name string) (*elbtypes.LoadBalancer, error) {
	out, err := api.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{name}})
	if notFound(err, "LoadBalancerNotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("describe load balancer %s: %w", name, err)
	}
	if len(out.LoadBalancers) == 0 {
		return nil, nil
	}
	return &out.LoadBalancers[0], nil
}

func loadBalancerOf(lb elbtypes.LoadBalancer) *plan.LoadBalancer {
	out := &plan.LoadBalancer{ARN: aws.ToString(lb.LoadBalancerArn), Name: aws.ToString(lb.LoadBalancerName), Type: string(lb.Type),
		Scheme: string(lb.Scheme), VpcID: aws.ToString(lb.VpcId), DNSName: aws.ToString(lb.DNSName)}
	if lb.State != nil {
		out.State = string(lb.State.Code)
	}
	for _, az := range lb.AvailabilityZones {
		out.Subnets = append(out.Subnets, aws.ToString(az.SubnetId))
	}
	sort.Strings(out.Subnets)
	return out
}

func targetGroupNamed(ctx context.Context, api elb.DescribeTargetGroupsAPIClient, name string) (*elbtypes.TargetGroup, error) {
	out, err := api.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{Names: []string{name}})
	if notFound(err, "TargetGroupNotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("describe target group %s: %w", name, err)
	}
	if len(out.TargetGroups) == 0 {
		return nil, nil
	}
	return &out.TargetGroups[0], nil
}

func targetGroupOf(ctx context.Context, api elb.DescribeTargetHealthAPIClient, tg elbtypes.TargetGroup) (*plan.TargetGroup, error) {
	out := &plan.TargetGroup{ARN: aws.ToString(tg.TargetGroupArn), Name: aws.ToString(tg.TargetGroupName), Protocol: string(tg.Protocol),
		TargetType: string(tg.TargetType), VpcID: aws.ToString(tg.VpcId), Port: int(aws.ToInt32(tg.Port))}
	health, err := api.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: tg.TargetGroupArn})
	if err != nil {
		return nil, fmt.Errorf("describe the targets of %s: %w", out.Name, err)
	}
	for _, h := range health.TargetHealthDescriptions {
		if h.Target == nil {
			continue
		}
		out.Targets = append(out.Targets, plan.Target{IP: aws.ToString(h.Target.Id), Port: int(aws.ToInt32(h.Target.Port))})
	}
	sort.Slice(out.Targets, func(i, j int) bool { return out.Targets[i].String() < out.Targets[j].String() })
	return out, nil
}

// listenerOn finds the load balancer's listener on the port.
func listenerOn(ctx context.Context, api elb.DescribeListenersAPIClient, lbARN string, port int) (*plan.Listener, error) {
	p := elb.NewDescribeListenersPaginator(api, &elb.DescribeListenersInput{LoadBalancerArn: aws.String(lbARN)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe the listeners of %s: %w", lbARN, err)
		}
		for _, l := range page.Listeners {
			if int(aws.ToInt32(l.Port)) != port {
				continue
			}
			out := &plan.Listener{ARN: aws.ToString(l.ListenerArn), Protocol: string(l.Protocol), Port: port}
			for _, a := range l.DefaultActions {
				if a.Type == elbtypes.ActionTypeEnumForward && a.TargetGroupArn != nil {
					out.TargetGroupARN = aws.ToString(a.TargetGroupArn)
				}
			}
			return out, nil
		}
	}
	return nil, nil
}

// serviceOf finds the endpoint service whose load balancer is lbARN.
func serviceOf(ctx context.Context, api ec2.DescribeVpcEndpointServiceConfigurationsAPIClient, lbARN string) (*ec2types.ServiceConfiguration, error) {
	p := ec2.NewDescribeVpcEndpointServiceConfigurationsPaginator(api, &ec2.DescribeVpcEndpointServiceConfigurationsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe the endpoint services: %w", err)
		}
		for i, s := range page.ServiceConfigurations {
			for _, arn := range s.NetworkLoadBalancerArns {
				if arn == lbARN {
					return &page.ServiceConfigurations[i], nil
				}
			}
		}
	}
	return nil, nil
}

// endpointServiceReader reads who may connect to a service, and who has.
type endpointServiceReader interface {
	ec2.DescribeVpcEndpointServicePermissionsAPIClient
	ec2.DescribeVpcEndpointConnectionsAPIClient
}

func endpointServiceOf(ctx context.Context, api endpointServiceReader, s ec2types.ServiceConfiguration) (*plan.EndpointService, error) {
	id := aws.ToString(s.ServiceId)
	out := &plan.EndpointService{ID: id, Name: aws.ToString(s.ServiceName), State: string(s.ServiceState),
		AcceptanceRequired: aws.ToBool(s.AcceptanceRequired), DNSNames: s.BaseEndpointDnsNames}
	for _, r := range s.SupportedRegions {
		out.SupportedRegions = append(out.SupportedRegions, aws.ToString(r.Region))
	}
	sort.Strings(out.SupportedRegions)
	perms := ec2.NewDescribeVpcEndpointServicePermissionsPaginator(api, &ec2.DescribeVpcEndpointServicePermissionsInput{ServiceId: aws.String(id)})
	for perms.HasMorePages() {
		page, err := perms.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe the permissions of %s: %w", id, err)
		}
		for _, p := range page.AllowedPrincipals {
			out.Principals = append(out.Principals, aws.ToString(p.Principal))
		}
	}
	sort.Strings(out.Principals)
	conns := ec2.NewDescribeVpcEndpointConnectionsPaginator(api, &ec2.DescribeVpcEndpointConnectionsInput{
		Filters: []ec2types.Filter{{Name: aws.String("service-id"), Values: []string{id}}}})
	for conns.HasMorePages() {
		page, err := conns.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe the endpoint connections of %s: %w", id, err)
		}
		for _, cn := range page.VpcEndpointConnections {
			out.Connections = append(out.Connections, plan.EndpointConnection{EndpointID: aws.ToString(cn.VpcEndpointId),
				Owner: aws.ToString(cn.VpcEndpointOwner), State: string(cn.VpcEndpointState)})
		}
	}
	sort.Slice(out.Connections, func(i, j int) bool { return out.Connections[i].EndpointID < out.Connections[j].EndpointID })
	return out, nil
}
