package aurora

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/auroracfg/auroracfg/internal/awsfake"
	"github.com/auroracfg/auroracfg/internal/mototest"
	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/secret"
)

func TestMain(m *testing.M) { mototest.Main(m, pgtest.Run) }

// emulatedSource is an Aurora source on a fresh emulator account: cluster
// c (engine 15.4, two instances, the default group) in the default VPC,
// with database db of a real server playing its writer for the reboot.
func emulatedSource(t *testing.T) (*Source, Clients) {
	t.Helper()
	ctx := context.Background()
	pg, db := pgtest.NewDatabase(t, "roundtrip")
	account, cfg := mototest.FreshAccount(t, "us-east-1")
	c := NewClients(cfg)
	c.RDS = awsfake.RDSIn(account, "us-east-1", t.TempDir(), c.RDS, pg, db)
	if err := mototest.CreateAuroraCluster(ctx, rds.NewFromConfig(cfg), "c", "c-1", "c-2"); err != nil {
		t.Fatal(err)
	}
	src := &schema.Source{Name: "s", Type: schema.SourceType("aurora-postgresql"), Region: "us-east-1", Cluster: "c"}
	return NewSource(src, c, secret.Resolver{}, Options{PollInterval: time.Millisecond, ProgressInterval: time.Hour}), c
}

// Each AWS kind of the public path, executed by the edge on the emulator
// and observed back: the observation shows what the change made, and
// running the change again (an apply interrupted after the call, then
// retried) succeeds and changes nothing more. Kinds are taken in the
// plan's order, each on the state the ones before it left.
func TestPublicPathKindsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, c := emulatedSource(t)
	vpcs, err := c.EC2.(*ec2.Client).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil || len(vpcs.Vpcs) == 0 {
		t.Fatalf("the emulator's default VPC: %v", err)
	}
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	const group, sg, port = "cdc", "clickpipes-ingress", 5432
	cidrs := []string{"3.3.3.3/32", "4.4.4.4/32"}
	want := &plan.DesiredAurora{Region: "us-east-1", Cluster: "c", ParameterGroup: group,
		Network: &plan.DesiredNetwork{Name: "n", SecurityGroup: sg, CIDRs: cidrs}}
	observed := func() *plan.AWSObserved {
		t.Helper()
		o, err := observe(ctx, c, want)
		if err != nil {
			t.Fatalf("observe: %v", err)
		}
		return o.state
	}
	params := []plan.Parameter{{Name: "rds.logical_replication", Value: "1", ApplyMethod: "pending-reboot"},
		{Name: "wal_sender_timeout", Value: "0", ApplyMethod: "immediate"}}
	steps := []struct {
		change plan.Change
		made   func(*plan.AWSObserved) bool
	}{
		{plan.CreateParameterGroup{Scope: plan.ClusterParameterGroup, Name: group, Family: "aurora-postgresql15"},
			func(o *plan.AWSObserved) bool {
				return o.TargetGroup != nil && o.TargetGroup.Family == "aurora-postgresql15"
			}},
		{plan.SetParameters{Scope: plan.ClusterParameterGroup, Group: group, Parameters: params},
			func(o *plan.AWSObserved) bool {
				return o.TargetGroup != nil && o.TargetGroup.Params["rds.logical_replication"] == "1" && o.TargetGroup.Params["wal_sender_timeout"] == "0"
			}},
		{plan.AttachParameterGroup{Scope: plan.ClusterParameterGroup, Target: "c", Group: group},
			func(o *plan.AWSObserved) bool {
				return o.Cluster.ParameterGroup == group && o.AttachedParams["rds.logical_replication"] == "1" &&
					slices.ContainsFunc(o.Cluster.Members, func(m plan.ClusterMember) bool { return m.ParameterGroupStatus == "pending-reboot" })
			}},
		{plan.RebootCluster{Cluster: "c", Instances: []string{"c-1"}},
			func(o *plan.AWSObserved) bool {
				return !slices.ContainsFunc(o.Cluster.Members, func(m plan.ClusterMember) bool { return m.ParameterGroupStatus == "pending-reboot" })
			}},
		{plan.CreateSecurityGroup{Name: sg, VpcID: vpc},
			func(o *plan.AWSObserved) bool { return o.SecurityGroup != nil && o.SecurityGroup.VpcID == vpc }},
		{plan.AttachSecurityGroup{Cluster: "c", GroupName: sg},
			func(o *plan.AWSObserved) bool {
				return o.SecurityGroup != nil && slices.Contains(o.Cluster.SecurityGroupIDs, o.SecurityGroup.ID)
			}},
		{plan.AuthorizeIngress{GroupName: sg, CIDRs: cidrs, Port: port, Description: "ClickPipes"},
			func(o *plan.AWSObserved) bool { return o.SecurityGroup != nil && len(portRules(o, port)) == len(cidrs) }},
	}
	session := &Session{src: s, created: map[string]string{}}
	for _, step := range steps {
		kind := step.change.Kind()
		if step.made(observed()) {
			t.Fatalf("%s: its effect is observed before it runs; the step proves nothing", kind)
		}
		a := plan.Action{ID: string(kind), Change: step.change}
		if err := session.executeAWS(ctx, a); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		after := observed()
		if !step.made(after) {
			t.Fatalf("%s ran, but the observation does not show it: %+v", kind, after)
		}
		// again, as apply retries a call whose answer was lost
		if err := session.executeAWS(ctx, a); err != nil {
			t.Errorf("%s run a second time: %v", kind, err)
		}
		if again := observed(); !step.made(again) || len(portRules(again, port)) != len(portRules(after, port)) {
			t.Errorf("%s run a second time changed the observation: %+v", kind, again)
		}
	}

	// revoke-ingress (--prune) removes exactly the rules it names
	o := observed()
	rules := portRules(o, port)
	revoke := plan.Action{ID: "revoke", Change: plan.RevokeIngress{GroupID: o.SecurityGroup.ID, RuleIDs: []string{rules[0].ID}, CIDRs: []string{rules[0].CIDR}}}
	for range 2 {
		if err := session.executeAWS(ctx, revoke); err != nil {
			t.Fatalf("revoke-ingress: %v", err)
		}
	}
	if left := portRules(observed(), port); len(left) != 1 || left[0].ID != rules[1].ID {
		t.Errorf("after revoking %s: %+v, want only %s", rules[0].ID, left, rules[1].ID)
	}
}

// portRules are the security group's ingress rules on port.
func portRules(o *plan.AWSObserved, port int) []plan.IngressRule {
	if o.SecurityGroup == nil {
		return nil
	}
	var out []plan.IngressRule
	for _, r := range o.SecurityGroup.Rules {
		if r.FromPort == port && r.ToPort == port {
			out = append(out, r)
		}
	}
	return out
}
