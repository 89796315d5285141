package aurora

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan"
)

// AWS's order of security groups and rules is not a promise: observed
// state is sorted, so plans and saved-plan digests never depend on it.
func TestObservedAWSOrderIsStable(t *testing.T) {
	dc := rdstypes.DBCluster{VpcSecurityGroups: []rdstypes.VpcSecurityGroupMembership{
		{VpcSecurityGroupId: aws.String("sg-b")}, {VpcSecurityGroupId: aws.String("sg-a")}}}
	if diff := cmp.Diff([]string{"sg-a", "sg-b"}, clusterOf(dc).SecurityGroupIDs); diff != "" {
		t.Errorf("security group ids (-want +got):\n%s", diff)
	}
	rule := func(id, cidr string, port int32) ec2types.SecurityGroupRule {
		return ec2types.SecurityGroupRule{SecurityGroupRuleId: aws.String(id), CidrIpv4: aws.String(cidr), IpProtocol: aws.String("tcp"),
			FromPort: aws.Int32(port), ToPort: aws.Int32(port), IsEgress: aws.Bool(false)}
	}
	egress := rule("sgr-e", "0.0.0.0/0", 0)
	egress.IsEgress = aws.Bool(true)
	got := ingressRulesOf([]ec2types.SecurityGroupRule{rule("sgr-3", "3.3.3.3/32", 5432), egress, rule("sgr-1", "1.1.1.1/32", 5432), rule("sgr-2", "1.1.1.1/32", 443)})
	want := []plan.IngressRule{
		{ID: "sgr-2", Protocol: "tcp", FromPort: 443, ToPort: 443, CIDR: "1.1.1.1/32"},
		{ID: "sgr-1", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "1.1.1.1/32"},
		{ID: "sgr-3", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "3.3.3.3/32"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ingress rules (-want +got):\n%s", diff)
	}
}
