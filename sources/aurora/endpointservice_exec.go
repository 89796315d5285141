package aurora

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/auroracfg/auroracfg/plan"
)

// executePrivateLink runs the changes of the private paths; done is false
// for any other change. Every step looks before it creates, so a step
// repeated after a crash finds its object and moves on.
func (s *Session) executePrivateLink(ctx context.Context, a plan.Action) (done bool, err error) {
	switch ch := a.Change.(type) {
	case plan.CreateLoadBalancer:
		return true, s.createLoadBalancer(ctx, ch)
	case plan.EnableCrossZone:
		return true, s.enableCrossZone(ctx, ch)
	case plan.CreateTargetGroup:
		return true, s.createTargetGroup(ctx, ch)
	case plan.PointTarget:
		return true, s.pointTarget(ctx, ch)
	case plan.CreateListener:
		return true, s.createListener(ctx, ch)
	case plan.CreateEndpointService:
		return true, s.createEndpointService(ctx, ch)
	case plan.RequireAcceptance:
		return true, s.withService(ctx, ch.LoadBalancer, func(id string) error {
			_, err := s.src.clients.EndpointServices.ModifyVpcEndpointServiceConfiguration(ctx, &ec2.ModifyVpcEndpointServiceConfigurationInput{
				ServiceId: aws.String(id), AcceptanceRequired: aws.Bool(true)})
			return wrap("require acceptance on "+id, err)
		})
	case plan.AllowPrincipals, plan.RemovePrincipals:
		return true, s.setPrincipals(ctx, ch)
	case plan.SetSupportedRegions:
		return true, s.setSupportedRegions(ctx, ch)
	case plan.AcceptConnections:
		return true, s.acceptConnections(ctx, ch)
	case plan.CreateResourceGateway:
		return true, s.createResourceGateway(ctx, ch)
	case plan.CreateResourceConfiguration:
		return true, s.createResourceConfiguration(ctx, ch)
	case plan.ShareResource:
		return true, s.shareResource(ctx, ch)
	}
	return false, nil
}

var managedTag = []elbtypes.Tag{{Key: aws.String("managed-by"), Value: aws.String("auroracfg")}}

func (s *Session) createLoadBalancer(ctx context.Context, ch plan.CreateLoadBalancer) error {
	api := s.src.clients.ELB
	if lb, err := loadBalancerNamed(ctx, api, ch.Name); err != nil || lb != nil {
		return err
	}
	in := &elb.CreateLoadBalancerInput{Name: aws.String(ch.Name), Type: elbtypes.LoadBalancerTypeEnumNetwork,
		Scheme: elbtypes.LoadBalancerSchemeEnumInternal, Subnets: ch.Subnets, Tags: managedTag}
	if len(ch.SecurityGroups) > 0 {
		in.SecurityGroups = ch.SecurityGroups
	}
	_, err := api.CreateLoadBalancer(ctx, in)
	if hasCode(err, "DuplicateLoadBalancerName") {
		return nil // the SDK retried a create whose answer was lost: it is there
	}
	return wrap("create load balancer "+ch.Name, err)
}

func (s *Session) enableCrossZone(ctx context.Context, ch plan.EnableCrossZone) error {
	lb, err := loadBalancerNamed(ctx, s.src.clients.ELB, ch.LoadBalancer)
	if err != nil {
		return err
	}
	if lb == nil {
		return fmt.Errorf("load balancer %s does not exist", ch.LoadBalancer)
	}
	_, err = s.src.clients.ELB.ModifyLoadBalancerAttributes(ctx, &elb.ModifyLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn,
		Attributes: []elbtypes.LoadBalancerAttribute{{Key: aws.String(crossZoneAttribute), Value: aws.String("true")}}})
	return wrap("turn on cross-zone load balancing on "+ch.LoadBalancer, err)
}

func (s *Session) createTargetGroup(ctx context.Context, ch plan.CreateTargetGroup) error {
	api := s.src.clients.ELB
	if tg, err := targetGroupNamed(ctx, api, ch.Name); err != nil || tg != nil {
		return err
	}
	_, err := api.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String(ch.Name), Protocol: elbtypes.ProtocolEnumTcp,
		Port: aws.Int32(int32(ch.Port)), VpcId: aws.String(ch.VpcID), TargetType: elbtypes.TargetTypeEnumIp,
		HealthCheckProtocol: elbtypes.ProtocolEnumTcp, Tags: managedTag})
	if hasCode(err, "DuplicateTargetGroupName") {
		return nil // the SDK retried a create whose answer was lost: it is there
	}
	return wrap("create target group "+ch.Name, err)
}

// pointTarget registers the writer first and then deregisters the stale
// targets, so the path never has no target at all.
func (s *Session) pointTarget(ctx context.Context, ch plan.PointTarget) error {
	api := s.src.clients.ELB
	tg, err := targetGroupNamed(ctx, api, ch.TargetGroup)
	if err != nil {
		return err
	}
	if tg == nil {
		return fmt.Errorf("target group %s does not exist", ch.TargetGroup)
	}
	if _, err := api.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: tg.TargetGroupArn,
		Targets: []elbtypes.TargetDescription{{Id: aws.String(ch.IP), Port: aws.Int32(int32(ch.Port))}}}); err != nil {
		return fmt.Errorf("register %s:%d in %s: %w", ch.IP, ch.Port, ch.TargetGroup, err)
	}
	var stale []elbtypes.TargetDescription
	for _, t := range ch.Stale {
		host, port, err := net.SplitHostPort(t)
		if err != nil {
			return fmt.Errorf("stale target %q: %w", t, err)
		}
		p, _ := strconv.Atoi(port)
		stale = append(stale, elbtypes.TargetDescription{Id: aws.String(host), Port: aws.Int32(int32(p))})
	}
	if len(stale) == 0 {
		return nil
	}
	_, err = api.DeregisterTargets(ctx, &elb.DeregisterTargetsInput{TargetGroupArn: tg.TargetGroupArn, Targets: stale})
	if notFound(err, "InvalidTarget") {
		return nil // gone already
	}
	return wrap("deregister the stale targets of "+ch.TargetGroup, err)
}

func (s *Session) createListener(ctx context.Context, ch plan.CreateListener) error {
	api := s.src.clients.ELB
	lb, err := loadBalancerNamed(ctx, api, ch.LoadBalancer)
	if err != nil {
		return err
	}
	tg, err := targetGroupNamed(ctx, api, ch.TargetGroup)
	if err != nil {
		return err
	}
	if lb == nil || tg == nil {
		return fmt.Errorf("listener: load balancer %s or target group %s does not exist", ch.LoadBalancer, ch.TargetGroup)
	}
	if l, err := listenerOn(ctx, api, aws.ToString(lb.LoadBalancerArn), ch.Port); err != nil || l != nil {
		return err
	}
	_, err = api.CreateListener(ctx, &elb.CreateListenerInput{LoadBalancerArn: lb.LoadBalancerArn, Port: aws.Int32(int32(ch.Port)),
		Protocol: elbtypes.ProtocolEnumTcp, DefaultActions: []elbtypes.Action{{Type: elbtypes.ActionTypeEnumForward, TargetGroupArn: tg.TargetGroupArn}},
		Tags: managedTag})
	if hasCode(err, "DuplicateListener") {
		return nil // the SDK retried a create whose answer was lost: it is there
	}
	return wrap("create the listener of "+ch.LoadBalancer, err)
}

func (s *Session) createEndpointService(ctx context.Context, ch plan.CreateEndpointService) error {
	lb, err := loadBalancerNamed(ctx, s.src.clients.ELB, ch.LoadBalancer)
	if err != nil {
		return err
	}
	if lb == nil {
		return fmt.Errorf("endpoint service: load balancer %s does not exist", ch.LoadBalancer)
	}
	api := s.src.clients.EndpointServices
	if svc, err := serviceOf(ctx, api, aws.ToString(lb.LoadBalancerArn)); err != nil || svc != nil {
		return err
	}
	in := &ec2.CreateVpcEndpointServiceConfigurationInput{NetworkLoadBalancerArns: []string{aws.ToString(lb.LoadBalancerArn)},
		AcceptanceRequired: aws.Bool(true),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeVpcEndpointService,
			Tags: []ec2types.Tag{{Key: aws.String("managed-by"), Value: aws.String("auroracfg")}}}}}
	if len(ch.Regions) > 0 {
		in.SupportedRegions = ch.Regions
	}
	_, err = api.CreateVpcEndpointServiceConfiguration(ctx, in)
	return wrap("create the endpoint service of "+ch.LoadBalancer, err)
}

// withService runs f on the id of the endpoint service of a load balancer.
func (s *Session) withService(ctx context.Context, lbName string, f func(id string) error) error {
	svc, err := s.serviceOn(ctx, lbName)
	if err != nil {
		return err
	}
	return f(aws.ToString(svc.ServiceId))
}

// serviceOn is the endpoint service of the load balancer.
func (s *Session) serviceOn(ctx context.Context, lbName string) (*ec2types.ServiceConfiguration, error) {
	lb, err := loadBalancerNamed(ctx, s.src.clients.ELB, lbName)
	if err != nil {
		return nil, err
	}
	if lb == nil {
		return nil, fmt.Errorf("load balancer %s does not exist", lbName)
	}
	svc, err := serviceOf(ctx, s.src.clients.EndpointServices, aws.ToString(lb.LoadBalancerArn))
	if err != nil {
		return nil, err
	}
	if svc == nil {
		return nil, fmt.Errorf("load balancer %s has no endpoint service", lbName)
	}
	return svc, nil
}

// setSupportedRegions adds and removes what is still to add and remove:
// AWS refuses to remove a region the service does not support, which a
// repeated call would ask.
func (s *Session) setSupportedRegions(ctx context.Context, ch plan.SetSupportedRegions) error {
	svc, err := s.serviceOn(ctx, ch.LoadBalancer)
	if err != nil {
		return err
	}
	var supported []string
	for _, r := range svc.SupportedRegions {
		supported = append(supported, aws.ToString(r.Region))
	}
	var add, remove []string
	for _, r := range ch.Add {
		if !slices.Contains(supported, r) {
			add = append(add, r)
		}
	}
	for _, r := range ch.Remove {
		if slices.Contains(supported, r) {
			remove = append(remove, r)
		}
	}
	if len(add) == 0 && len(remove) == 0 {
		return nil
	}
	id := aws.ToString(svc.ServiceId)
	_, err = s.src.clients.EndpointServices.ModifyVpcEndpointServiceConfiguration(ctx, &ec2.ModifyVpcEndpointServiceConfigurationInput{
		ServiceId: aws.String(id), AddSupportedRegions: add, RemoveSupportedRegions: remove})
	return wrap("set the supported regions of "+id, err)
}

func (s *Session) setPrincipals(ctx context.Context, ch plan.Change) error {
	in := &ec2.ModifyVpcEndpointServicePermissionsInput{}
	var lbName string
	switch c := ch.(type) {
	case plan.AllowPrincipals:
		lbName, in.AddAllowedPrincipals = c.LoadBalancer, c.Principals
	case plan.RemovePrincipals:
		lbName, in.RemoveAllowedPrincipals = c.LoadBalancer, c.Principals
	}
	return s.withService(ctx, lbName, func(id string) error {
		in.ServiceId = aws.String(id)
		_, err := s.src.clients.EndpointServices.ModifyVpcEndpointServicePermissions(ctx, in)
		return wrap("change the principals of "+id, err)
	})
}

// acceptConnections accepts the plan's connections; AWS reports the ones it
// could not accept one by one, which fail the step.
// acceptConnections accepts the endpoints that still wait: one accepted
// already (a retry after a lost answer) is done, and AWS would refuse it.
func (s *Session) acceptConnections(ctx context.Context, ch plan.AcceptConnections) error {
	return s.withService(ctx, ch.LoadBalancer, func(id string) error {
		accepted := map[string]bool{}
		conns := ec2.NewDescribeVpcEndpointConnectionsPaginator(s.src.clients.EndpointServices, &ec2.DescribeVpcEndpointConnectionsInput{
			Filters: []ec2types.Filter{{Name: aws.String("service-id"), Values: []string{id}}}})
		for conns.HasMorePages() {
			page, err := conns.NextPage(ctx)
			if err != nil {
				return fmt.Errorf("describe the endpoint connections of %s: %w", id, err)
			}
			for _, cn := range page.VpcEndpointConnections {
				accepted[aws.ToString(cn.VpcEndpointId)] = string(cn.VpcEndpointState) == plan.ConnectionAvailable
			}
		}
		var todo []string
		for _, e := range ch.Endpoints {
			if !accepted[e] {
				todo = append(todo, e)
			}
		}
		if len(todo) == 0 {
			return nil
		}
		out, err := s.src.clients.EndpointServices.AcceptVpcEndpointConnections(ctx, &ec2.AcceptVpcEndpointConnectionsInput{
			ServiceId: aws.String(id), VpcEndpointIds: todo})
		if err != nil {
			return fmt.Errorf("accept the connections of %s: %w", id, err)
		}
		for _, u := range out.Unsuccessful {
			if u.Error != nil {
				return fmt.Errorf("accept %s: %s: %s", aws.ToString(u.ResourceId), aws.ToString(u.Error.Code), aws.ToString(u.Error.Message))
			}
		}
		return nil
	})
}
