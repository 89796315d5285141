package plan

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/schema"
)

// privateDesired is the Aurora source with a privateLink network instead
// of the public one.
func privateDesired(pl schema.PrivateLink, run RunOptions) Desired {
	spec := &schema.Spec{
		Schemas:  []schema.Scope{{Name: "orders", Include: []string{"app"}}},
		Networks: []schema.Network{{Name: "cp-private", PrivateLink: &pl}},
	}
	src := schema.Source{
		Name: "orders-prod", Type: schema.TypeAurora, Region: "us-east-1", Cluster: "orders-prod", Schemas: []string{"orders"}, Network: "cp-private",
		User:           schema.User{Name: "clickpipes_user"},
		Publication:    schema.Publication{Name: "clickpipes_publication", Tables: "schemas"},
		ParameterGroup: schema.ParameterGroup{Name: "orders-prod-clickpipes", Reboot: "never", WalSenderTimeout: "0"},
		AWS:            schema.AWS{Manage: "apply"},
	}
	return DesiredFor(spec, &src, run)
}

var endpointServiceSpec = schema.PrivateLink{Type: schema.PrivateLinkEndpointService, Subnets: []string{"subnet-a", "subnet-b"}, AllowedRegions: []string{"us-east-2"}}

// privateFresh is a converged cluster (PostgreSQL side and parameters)
// whose private path does not exist yet.
func privateFresh() *Observed {
	o := convergedAurora()
	a := o.AWS
	a.SecurityGroup = nil
	a.Cluster.SecurityGroupIDs = []string{"sg-db"}
	a.Cluster.ARN = "arn:aws:rds:us-east-1:111111111111:cluster:orders-prod"
	a.PrivateLink = &PrivateLinkObserved{
		Writer: WriterInstance{ID: "orders-prod-1", Address: "orders-prod-1.x.us-east-1.rds.amazonaws.com", IPs: []string{"10.0.1.17"}},
		Subnets: []Subnet{{ID: "subnet-a", VpcID: "vpc-1", CIDR: "10.0.1.0/24", AvailableIPs: 250},
			{ID: "subnet-b", VpcID: "vpc-1", CIDR: "10.0.2.0/24", AvailableIPs: 250}},
	}
	return o
}

// privateConverged has the whole endpoint service path in place.
func privateConverged() *Observed {
	o := privateFresh()
	a := o.AWS
	a.Cluster.SecurityGroupIDs = []string{"sg-db", "sg-pl"}
	pl := a.PrivateLink
	pl.OwnGroup = &SecurityGroup{ID: "sg-pl", Name: "auroracfg-cp-private", VpcID: "vpc-1", Rules: []IngressRule{
		{ID: "sgr-1", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.1.0/24", Description: "auroracfg: PrivateLink (network cp-private)"},
		{ID: "sgr-2", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.2.0/24", Description: "auroracfg: PrivateLink (network cp-private)"},
	}}
	pl.LoadBalancer = &LoadBalancer{ARN: "arn:lb", Name: "acfg-cp-private", Type: "network", Scheme: "internal", VpcID: "vpc-1", State: "active", Subnets: []string{"subnet-a", "subnet-b"}, CrossZone: true}
	pl.TargetGroup = &TargetGroup{ARN: "arn:tg", Name: "acfg-cp-private", Protocol: "TCP", TargetType: "ip", VpcID: "vpc-1", Port: 5432,
		Targets: []Target{{IP: "10.0.1.17", Port: 5432}}}
	pl.Listener = &Listener{ARN: "arn:listener", Protocol: "TCP", Port: 5432, TargetGroupARN: "arn:tg"}
	pl.EndpointService = &EndpointService{ID: "vpce-svc-1", Name: "com.amazonaws.vpce.us-east-1.vpce-svc-1", State: "Available",
		AcceptanceRequired: true, Principals: []string{ClickPipesPrincipal}, SupportedRegions: []string{"us-east-1", "us-east-2"}}
	return o
}

func TestBuildEndpointService(t *testing.T) {
	es := func(mutate func(*PrivateLinkObserved)) func() *Observed {
		return func() *Observed {
			o := privateConverged()
			mutate(o.AWS.PrivateLink)
			return o
		}
	}
	tests := []struct {
		name     string
		run      RunOptions
		observed func() *Observed
		want     []brief
		findings []string
	}{
		{
			name: "nothing yet: group, NLB, target group, writer target, listener, service, principal", observed: privateFresh,
			want: []brief{
				{ID: "security-group/auroracfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "attach-security-group/auroracfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"security-group/auroracfg-cp-private"}},
				{ID: "ingress/auroracfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"security-group/auroracfg-cp-private"}},
				{ID: "load-balancer/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "cross-zone/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"load-balancer/acfg-cp-private"}},
				{ID: "target-group/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "target/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"target-group/acfg-cp-private"}},
				{ID: "listener/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"load-balancer/acfg-cp-private", "target-group/acfg-cp-private"}},
				{ID: "endpoint-service/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"load-balancer/acfg-cp-private"}},
				{ID: "principal/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"endpoint-service/acfg-cp-private"}},
			},
		},
		{name: "converged", observed: privateConverged},
		{
			name: "after a failover the target is the old writer: re-pointed", observed: es(func(pl *PrivateLinkObserved) {
				pl.Writer = WriterInstance{ID: "orders-prod-2", Address: "orders-prod-2.x", IPs: []string{"10.0.2.9"}}
			}),
			want: []brief{{ID: "target/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}},
		},
		{
			name: "the writer's address does not resolve: blocker, no target change", observed: es(func(pl *PrivateLinkObserved) {
				pl.Writer.IPs, pl.Writer.ResolveError = nil, "no such host"
			}),
			findings: []string{"blocker:private-link-writer"},
		},
		{
			name: "the writer resolved to a public address: blocker, the target stays", observed: es(func(pl *PrivateLinkObserved) {
				pl.Writer = WriterInstance{ID: "orders-prod-2", Address: "orders-prod-2.x", IPs: []string{"54.1.2.3"}, PubliclyAccessible: true}
			}),
			findings: []string{"blocker:private-link-writer"},
		},
		{
			name: "ClickPipes' connection waits: accepted; another account's is never", observed: es(func(pl *PrivateLinkObserved) {
				pl.EndpointService.Connections = []EndpointConnection{{EndpointID: "vpce-cp", Owner: ClickPipesAccount, State: ConnectionPending},
					{EndpointID: "vpce-evil", Owner: "999999999999", State: ConnectionPending}, {EndpointID: "vpce-old", Owner: ClickPipesAccount, State: ConnectionAvailable}}
			}),
			want:     []brief{{ID: "accept-connections/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}},
			findings: []string{"warning:private-link-foreign"},
		},
		{
			name: "acceptance off, principal missing, another principal, a region missing and one extra", observed: es(func(pl *PrivateLinkObserved) {
				s := pl.EndpointService
				s.AcceptanceRequired, s.Principals, s.SupportedRegions = false, []string{"arn:aws:iam::999999999999:root"}, []string{"us-east-1", "eu-west-1"}
			}),
			want: []brief{
				{ID: "acceptance/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "principal/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "regions/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}},
			},
			findings: []string{"warning:private-link-principals", "warning:private-link-regions"},
		},
		{
			name: "the same with --prune: the other principal and region go", run: RunOptions{Prune: true}, observed: es(func(pl *PrivateLinkObserved) {
				s := pl.EndpointService
				s.Principals, s.SupportedRegions = []string{ClickPipesPrincipal, "arn:aws:iam::999999999999:root"}, []string{"us-east-1", "us-east-2", "eu-west-1"}
			}),
			want: []brief{
				{ID: "revoke-principals/acfg-cp-private", Op: OpDelete, Risk: RiskDestructive, DependsOn: []string{}},
				{ID: "regions/acfg-cp-private", Op: OpUpdate, Risk: RiskDestructive, DependsOn: []string{}},
			},
		},
		{
			name: "a load balancer of that name that is not an internal NLB: blocker, nothing after it", observed: es(func(pl *PrivateLinkObserved) {
				pl.LoadBalancer.Type, pl.LoadBalancer.Scheme = "application", "internet-facing"
			}),
			findings: []string{"blocker:private-link-conflict"},
		},
		{
			name: "cross-zone load balancing off: turned on", observed: es(func(pl *PrivateLinkObserved) { pl.LoadBalancer.CrossZone = false }),
			want: []brief{{ID: "cross-zone/acfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}},
		},
		{
			name: "the load balancer lives in other subnets: a warning (AWS does not move it)", observed: es(func(pl *PrivateLinkObserved) {
				pl.LoadBalancer.Subnets = []string{"subnet-a", "subnet-z"}
			}),
			findings: []string{"warning:private-link-conflict"},
		},
		{
			name: "a subnet of another VPC: blocker", observed: es(func(pl *PrivateLinkObserved) {
				pl.Subnets[1].VpcID = "vpc-other"
			}),
			findings: []string{"blocker:private-link-subnets"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkBuild(t, privateDesired(endpointServiceSpec, tc.run), tc.observed(), tc.want, tc.findings)
		})
	}
}

// The reasons name what a drift job operator needs: the stale target and
// the writer's current address; the foreign request's account.
func TestEndpointServiceReasons(t *testing.T) {
	o := privateConverged()
	pl := o.AWS.PrivateLink
	pl.Writer = WriterInstance{ID: "orders-prod-2", IPs: []string{"10.0.2.9"}}
	sp := Build(privateDesired(endpointServiceSpec, RunOptions{}), o)
	want := []Reason{TargetStale{TargetGroup: "acfg-cp-private", Stale: []string{"10.0.1.17:5432"}, Writer: "orders-prod-2", Target: "10.0.2.9:5432"}}
	if len(sp.Actions) != 1 {
		t.Fatalf("actions %+v, want one", sp.Actions)
	}
	if diff := cmp.Diff(want, sp.Actions[0].Why); diff != "" {
		t.Errorf("why (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(PointTarget{TargetGroup: "acfg-cp-private", IP: "10.0.2.9", Port: 5432, Stale: []string{"10.0.1.17:5432"}}, sp.Actions[0].Change); diff != "" {
		t.Errorf("change (-want +got):\n%s", diff)
	}
}

// With the spec's own groups, auroracfg changes no group: the cluster must
// already let the subnets (or the groups) in, or plan says it would not work.
func TestPrivateLinkWithTheSpecsGroups(t *testing.T) {
	spec := endpointServiceSpec
	spec.SecurityGroups = []string{"sg-nlb"}
	for _, tc := range []struct {
		name     string
		rules    []IngressRule
		findings []string
	}{
		{name: "no rule lets them in", rules: []IngressRule{{Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.1.0/24"}}, findings: []string{"blocker:private-link-reach"}},
		{name: "the VPC's range on the port", rules: []IngressRule{{Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.0.0/16"}}},
		{name: "the NLB's group", rules: []IngressRule{{Protocol: "tcp", FromPort: 5432, ToPort: 5432, SourceGroup: "sg-nlb"}}},
		{name: "the VPC's range on another port", rules: []IngressRule{{Protocol: "tcp", FromPort: 3306, ToPort: 3306, CIDR: "10.0.0.0/16"}}, findings: []string{"blocker:private-link-reach"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := privateConverged()
			o.AWS.PrivateLink.OwnGroup = nil
			o.AWS.Cluster.SecurityGroupIDs = []string{"sg-db"}
			o.AWS.PrivateLink.ClusterRules = tc.rules
			checkBuild(t, privateDesired(spec, RunOptions{}), o, nil, tc.findings)
		})
	}
}

func TestResourceName(t *testing.T) {
	for in, want := range map[string]string{
		"cp-private":   "acfg-cp-private",
		"CP_Private.1": "acfg-cp-private-1",
		"a-very-long-network-name-for-the-orders-cluster": "acfg-a-very-long-networ-",
	} {
		got := resourceName(in)
		if want != "" && !strings.HasPrefix(got, want) || len(got) > 32 || strings.Contains(got, "--") || strings.HasSuffix(got, "-") {
			t.Errorf("resourceName(%q) = %q, want %q… of at most 32 characters, single inner hyphens", in, got, want)
		}
	}
	if a, b := resourceName("a-very-long-network-name-for-the-orders-cluster"), resourceName("a-very-long-network-name-for-the-orders-cluster-2"); a == b {
		t.Errorf("two long names share %q", a)
	}
}

// A Global Database source: the first apply records its writer, on the
// global database (a tag) and in the database (the publication's comment);
// a move to another cluster (and region) seen by either record is a
// blocker that names both, also when the tag was removed; a publication
// with no record at all is unknown, never a new source.
func TestBuildGlobal(t *testing.T) {
	d := privateDesired(endpointServiceSpec, RunOptions{})
	here, west := "us-east-1/orders-prod", "us-west-2/orders-west"
	tag := brief{ID: "global-writer/orders-global", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}
	record := brief{ID: "writer-record/clickpipes_publication", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}
	for _, tc := range []struct {
		name, marked, inDB string
		noPublication      bool
		want               []brief
		findings           []string
		reason             Reason
	}{
		{name: "a new source: both records, after the publication", noPublication: true,
			want: []brief{tag, {ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"app"}},
				{ID: "writer-record/clickpipes_publication", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"publication/clickpipes_publication"}}},
			reason: GlobalUnrecorded{Global: "orders-global", Source: "orders-prod"}},
		{name: "recorded here twice", marked: here, inDB: here},
		{name: "the tag only (recorded before the database record)", marked: here, want: []brief{record}},
		{name: "the tag was removed, the database records here", inDB: here, want: []brief{tag},
			reason: GlobalTagMissing{Global: "orders-global", Source: "orders-prod", Recorded: here}},
		{name: "moved here from another region", marked: west, inDB: west,
			want: []brief{tag, record}, findings: []string{"blocker:global-moved"},
			reason: GlobalMoved{Global: "orders-global", From: west, To: here, OtherRegion: true}},
		{name: "moved, and the tag was removed: the database still says so", inDB: west,
			want: []brief{tag, record}, findings: []string{"blocker:global-moved"},
			reason: GlobalMoved{Global: "orders-global", From: west, To: here, OtherRegion: true}},
		{name: "a publication with no record is unknown, not new",
			want: []brief{tag, record}, findings: []string{"blocker:global-unknown"},
			reason: GlobalUnknown{Source: "orders-prod"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := privateConverged()
			o.AWS.Global = &GlobalObserved{ID: "orders-global", ARN: "arn:aws:rds::1:global-cluster:orders-global", Region: "us-east-1", Cluster: "orders-prod", Marked: tc.marked}
			if tc.noPublication {
				o.Publication = nil
			} else if tc.inDB != "" {
				o.Publication.Comment = WriterComment(tc.inDB)
			}
			checkBuild(t, d, o, tc.want, tc.findings)
			if sp := Build(d, o); tc.reason != nil {
				if len(sp.Actions) == 0 {
					t.Fatalf("no action; want one because of %+v", tc.reason)
				}
				if diff := cmp.Diff([]Reason{tc.reason}, sp.Actions[0].Why); diff != "" {
					t.Errorf("why (-want +got):\n%s", diff)
				}
			}
		})
	}
}
