package aurora

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"

	"github.com/auroracfg/auroracfg/internal/awsfake"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/sources/awsapi"
)

// roundTrip is one kind run by the edge, and how its effect is seen.
type roundTrip[O any] struct {
	change plan.Change
	before func() // what the world does first (a consumer's request)
	made   func(O) bool
}

// runRoundTrips runs each step's change through the edge's executor, once
// and again (a retry after a lost answer), observing before and after:
// the effect is absent before and present after, and the retry keeps it.
func runRoundTrips[O any](t *testing.T, session *Session, observe func() O, steps []roundTrip[O]) {
	t.Helper()
	ctx := context.Background()
	for _, step := range steps {
		kind := step.change.Kind()
		if step.before != nil {
			step.before()
		}
		if step.made(observe()) {
			t.Fatalf("%s: its effect is observed before it runs; the step proves nothing", kind)
		}
		a := plan.Action{ID: string(kind), Change: step.change}
		for run := 1; run <= 2; run++ {
			if err := session.executeAWS(ctx, a); err != nil {
				t.Fatalf("%s, run %d: %v", kind, run, err)
			}
			if after := observe(); !step.made(after) {
				t.Fatalf("%s, run %d: the observation does not show it: %+v", kind, run, after)
			}
		}
	}
}

// twoSubnets are two subnets of the emulator's default VPC.
func twoSubnets(t *testing.T, c Clients) (vpc string, subnets []string) {
	t.Helper()
	out, err := c.EC2.(*ec2.Client).DescribeSubnets(context.Background(), &ec2.DescribeSubnetsInput{
		Filters: []ec2types.Filter{{Name: aws.String("default-for-az"), Values: []string{"true"}}}})
	if err != nil || len(out.Subnets) < 2 {
		t.Fatalf("the emulator's default subnets: %v", err)
	}
	for _, s := range out.Subnets[:2] {
		subnets = append(subnets, aws.ToString(s.SubnetId))
	}
	slices.Sort(subnets)
	return aws.ToString(out.Subnets[0].VpcId), subnets
}

// Each kind of the endpoint-service path, executed by the edge on the
// emulator (ELBv2 and EC2's endpoint services; endpoint connections from
// internal/awsfake, which moto lacks), and observed back.
func TestEndpointServiceKindsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, c := emulatedSource(t)
	conns := awsfake.NewEndpointConnections(c.EndpointServices, filepath.Join(t.TempDir(), "connections.json"))
	c.EndpointServices = conns
	s.clients = c
	vpc, subnets := twoSubnets(t, c)
	const name, port = "acfg-roundtrip", 5432
	other := "arn:aws:iam::111122223333:root"
	observe := func() *plan.PrivateLinkObserved {
		t.Helper()
		pl := &plan.PrivateLinkObserved{}
		if err := observeEndpointService(ctx, c, name, port, pl); err != nil {
			t.Fatalf("observe: %v", err)
		}
		return pl
	}
	targets := func(o *plan.PrivateLinkObserved) []string {
		var out []string
		if o.TargetGroup != nil {
			for _, tg := range o.TargetGroup.Targets {
				out = append(out, tg.String())
			}
		}
		return out
	}
	service := func(o *plan.PrivateLinkObserved) plan.EndpointService {
		if o.EndpointService == nil {
			return plan.EndpointService{}
		}
		return *o.EndpointService
	}
	runRoundTrips(t, &Session{src: s, created: map[string]string{}}, observe, []roundTrip[*plan.PrivateLinkObserved]{
		{change: plan.CreateLoadBalancer{Name: name, Subnets: subnets},
			made: func(o *plan.PrivateLinkObserved) bool {
				return o.LoadBalancer != nil && o.LoadBalancer.Scheme == "internal"
			}},
		{change: plan.EnableCrossZone{LoadBalancer: name},
			made: func(o *plan.PrivateLinkObserved) bool { return o.LoadBalancer != nil && o.LoadBalancer.CrossZone }},
		{change: plan.CreateTargetGroup{Name: name, VpcID: vpc, Port: port},
			made: func(o *plan.PrivateLinkObserved) bool {
				return o.TargetGroup != nil && o.TargetGroup.TargetType == "ip"
			}},
		{change: plan.PointTarget{TargetGroup: name, IP: "172.31.0.9", Port: port},
			made: func(o *plan.PrivateLinkObserved) bool { return slices.Equal(targets(o), []string{"172.31.0.9:5432"}) }},
		{change: plan.CreateListener{LoadBalancer: name, TargetGroup: name, Port: port},
			made: func(o *plan.PrivateLinkObserved) bool {
				return o.Listener != nil && o.TargetGroup != nil && o.Listener.TargetGroupARN == o.TargetGroup.ARN
			}},
		{change: plan.CreateEndpointService{LoadBalancer: name, Regions: []string{"us-east-2"}},
			made: func(o *plan.PrivateLinkObserved) bool {
				return service(o).AcceptanceRequired && slices.Contains(service(o).SupportedRegions, "us-east-2")
			}},
		{change: plan.AllowPrincipals{LoadBalancer: name, Principals: []string{plan.ClickPipesPrincipal, other}},
			made: func(o *plan.PrivateLinkObserved) bool {
				return slices.Contains(service(o).Principals, plan.ClickPipesPrincipal) && slices.Contains(service(o).Principals, other)
			}},
		{change: plan.SetSupportedRegions{LoadBalancer: name, Add: []string{"us-west-2"}, Remove: []string{"us-east-2"}},
			made: func(o *plan.PrivateLinkObserved) bool {
				return slices.Contains(service(o).SupportedRegions, "us-west-2") && !slices.Contains(service(o).SupportedRegions, "us-east-2")
			}},
		{change: plan.AcceptConnections{LoadBalancer: name, Endpoints: []string{"vpce-clickpipes"}},
			before: func() {
				if err := conns.Request(ctx, service(observe()).ID, "vpce-clickpipes", plan.ClickPipesAccount); err != nil {
					t.Fatalf("ClickPipes' request: %v", err)
				}
			},
			made: func(o *plan.PrivateLinkObserved) bool {
				return slices.Contains(service(o).Connections, plan.EndpointConnection{EndpointID: "vpce-clickpipes", Owner: plan.ClickPipesAccount, State: plan.ConnectionAvailable})
			}},
		// a failover: the target moves to the new writer, the stale one goes
		{change: plan.PointTarget{TargetGroup: name, IP: "172.31.0.10", Port: port, Stale: []string{"172.31.0.9:5432"}},
			made: func(o *plan.PrivateLinkObserved) bool { return slices.Equal(targets(o), []string{"172.31.0.10:5432"}) }},
		{change: plan.RemovePrincipals{LoadBalancer: name, Principals: []string{other}},
			made: func(o *plan.PrivateLinkObserved) bool {
				return slices.Equal(service(o).Principals, []string{plan.ClickPipesPrincipal})
			}},
	})
}

// Each kind of the VPC resource path, on internal/awsfake's VPC Lattice
// and RAM (the emulator has neither), observed back.
func TestResourcePathKindsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, c := emulatedSource(t)
	lattice := awsfake.NewLattice(filepath.Join(t.TempDir(), "lattice.json"), "111111111111", "us-east-1")
	c.Lattice, c.RAM = lattice, lattice.RAM()
	s.clients = c
	vpc, subnets := twoSubnets(t, c)
	const name = "acfg-roundtrip"
	clusterARN := "arn:aws:rds:us-east-1:111111111111:cluster:c"
	observe := func() *plan.PrivateLinkObserved {
		t.Helper()
		pl := &plan.PrivateLinkObserved{}
		if err := observeResourcePath(ctx, c, name, pl); err != nil {
			t.Fatalf("observe: %v", err)
		}
		return pl
	}
	runRoundTrips(t, &Session{src: s, created: map[string]string{}}, observe, []roundTrip[*plan.PrivateLinkObserved]{
		{change: plan.CreateResourceGateway{Name: name, VpcID: vpc, Subnets: subnets, SecurityGroups: []string{"sg-0"}},
			made: func(o *plan.PrivateLinkObserved) bool { return o.Gateway != nil && o.Gateway.Status == "ACTIVE" }},
		{change: plan.CreateResourceConfiguration{Name: name, Gateway: name, ResourceARN: clusterARN},
			made: func(o *plan.PrivateLinkObserved) bool { return o.Config != nil && o.Config.ResourceARN == clusterARN }},
		{change: plan.ShareResource{Name: name, ResourceConfiguration: name, Principal: plan.ClickPipesAccount},
			made: func(o *plan.PrivateLinkObserved) bool {
				return o.Share != nil && slices.Contains(o.Share.Principals, plan.ClickPipesAccount) &&
					o.Config != nil && slices.Contains(o.Share.Resources, o.Config.ARN)
			}},
	})
}

// lostAnswers is the emulator's ELBv2 whose creates lose their first
// answer: the object is made, and the SDK's retry of the call finds it
// there (DuplicateTargetGroupName and the like), as a connection dropped
// under load once did in CI.
type lostAnswers struct{ awsapi.ELBv2 }

func (l lostAnswers) CreateLoadBalancer(ctx context.Context, in *elb.CreateLoadBalancerInput, opts ...func(*elb.Options)) (*elb.CreateLoadBalancerOutput, error) {
	l.ELBv2.CreateLoadBalancer(ctx, in, opts...)
	return l.ELBv2.CreateLoadBalancer(ctx, in, opts...)
}

func (l lostAnswers) CreateTargetGroup(ctx context.Context, in *elb.CreateTargetGroupInput, opts ...func(*elb.Options)) (*elb.CreateTargetGroupOutput, error) {
	l.ELBv2.CreateTargetGroup(ctx, in, opts...)
	return l.ELBv2.CreateTargetGroup(ctx, in, opts...)
}

func (l lostAnswers) CreateListener(ctx context.Context, in *elb.CreateListenerInput, opts ...func(*elb.Options)) (*elb.CreateListenerOutput, error) {
	l.ELBv2.CreateListener(ctx, in, opts...)
	return l.ELBv2.CreateListener(ctx, in, opts...)
}

// A create the SDK retried after its answer was lost finds its object made
// by the first try: the step succeeds, and the object is there once.
func TestCreatesSurviveALostAnswer(t *testing.T) {
	ctx := context.Background()
	s, c := emulatedSource(t)
	c.ELB = lostAnswers{c.ELB}
	s.clients = c
	vpc, subnets := twoSubnets(t, c)
	const name = "acfg-lost"
	session := &Session{src: s, created: map[string]string{}}
	for _, ch := range []plan.Change{plan.CreateLoadBalancer{Name: name, Subnets: subnets}, plan.CreateTargetGroup{Name: name, VpcID: vpc, Port: 5432},
		plan.CreateListener{LoadBalancer: name, TargetGroup: name, Port: 5432}} {
		if err := session.executeAWS(ctx, plan.Action{ID: string(ch.Kind()), Change: ch}); err != nil {
			t.Errorf("%s with a lost answer: %v", ch.Kind(), err)
		}
	}
	pl := &plan.PrivateLinkObserved{}
	if err := observeEndpointService(ctx, c, name, 5432, pl); err != nil {
		t.Fatal(err)
	}
	if pl.LoadBalancer == nil || pl.TargetGroup == nil || pl.Listener == nil {
		t.Errorf("after the lost answers: load balancer %v, target group %v, listener %v; want all three", pl.LoadBalancer, pl.TargetGroup, pl.Listener)
	}
}
