package plan

import (
	"testing"

	"github.com/auroracfg/auroracfg/schema"
)

var resourceSpec = schema.PrivateLink{Type: schema.PrivateLinkResource, Subnets: []string{"subnet-a", "subnet-b"}}

func resourceConverged() *Observed {
	o := privateConverged()
	pl := o.AWS.PrivateLink
	o.AWS.Cluster.ARN = "arn:aws:rds:us-east-1:111111111111:cluster:orders-prod"
	pl.LoadBalancer, pl.TargetGroup, pl.Listener, pl.EndpointService = nil, nil, nil, nil
	pl.Gateway = &ResourceGateway{ID: "rgw-1", ARN: "arn:rgw", Name: "acfg-cp-private", Status: LatticeActive, VpcID: "vpc-1", Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-pl"}}
	pl.Config = &ResourceConfiguration{ID: "rcfg-1", ARN: "arn:rcfg", Name: "acfg-cp-private", Status: LatticeActive, Type: "ARN", Gateway: "rgw-1", ResourceARN: o.AWS.Cluster.ARN}
	pl.Share = &ResourceShare{ARN: "arn:share", Name: "acfg-cp-private", Status: "ACTIVE", Principals: []string{ClickPipesAccount}, Resources: []string{"arn:rcfg"}}
	return o
}

func TestBuildResourcePath(t *testing.T) {
	rc := func(mutate func(*PrivateLinkObserved)) func() *Observed {
		return func() *Observed {
			o := resourceConverged()
			mutate(o.AWS.PrivateLink)
			return o
		}
	}
	tests := []struct {
		name     string
		observed func() *Observed
		want     []brief
		findings []string
	}{
		{
			name: "nothing yet: group, gateway on it, configuration for the cluster, share with ClickPipes", observed: privateFresh,
			want: []brief{
				{ID: "security-group/auroracfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "attach-security-group/auroracfg-cp-private", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"security-group/auroracfg-cp-private"}},
				{ID: "ingress/auroracfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"security-group/auroracfg-cp-private"}},
				{ID: "resource-gateway/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"security-group/auroracfg-cp-private"}},
				{ID: "resource-configuration/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"resource-gateway/acfg-cp-private"}},
				{ID: "resource-share/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"resource-configuration/acfg-cp-private"}},
			},
		},
		{name: "converged", observed: resourceConverged},
		{
			name: "a publicly accessible reader: blocker, nothing planned", observed: rc(func(pl *PrivateLinkObserved) { pl.PublicInstances = []string{"orders-prod-2"} }),
			findings: []string{"blocker:private-link-writer"},
		},
		{
			name: "a subnet without a free /28: blocker", observed: rc(func(pl *PrivateLinkObserved) { pl.Subnets[0].AvailableIPs = 11 }),
			findings: []string{"blocker:private-link-subnets"},
		},
		{
			name: "a /27 subnet: a warning only", observed: rc(func(pl *PrivateLinkObserved) {
				pl.Subnets[0].CIDR, pl.OwnGroup.Rules[0].CIDR = "10.0.1.0/27", "10.0.1.0/27"
			}),
			findings: []string{"warning:private-link-subnets"},
		},
		{
			name: "the share lost ClickPipes' account: shared again", observed: rc(func(pl *PrivateLinkObserved) { pl.Share.Principals = []string{"999999999999"} }),
			want:     []brief{{ID: "resource-share/acfg-cp-private", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}}},
			findings: []string{"warning:private-link-principals"},
		},
		{
			name: "the configuration publishes another cluster: blocker", observed: rc(func(pl *PrivateLinkObserved) { pl.Config.ResourceARN = "arn:aws:rds:us-east-1:1:cluster:other" }),
			findings: []string{"blocker:private-link-conflict"},
		},
		{
			name: "the gateway is still being created: not ready yet", observed: rc(func(pl *PrivateLinkObserved) { pl.Gateway.Status = LatticeInProgress }),
			findings: []string{"blocker:private-link-conflict"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkBuild(t, privateDesired(resourceSpec, RunOptions{}), tc.observed(), tc.want, tc.findings)
		})
	}
}
