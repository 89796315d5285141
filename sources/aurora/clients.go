package aurora

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
)

// NewClients builds a region's clients from an AWS config.
func NewClients(cfg aws.Config) Clients {
	e := ec2.NewFromConfig(cfg)
	return Clients{RDS: rds.NewFromConfig(cfg), EC2: e, Secrets: secretsmanager.NewFromConfig(cfg),
		ELB: elb.NewFromConfig(cfg), EndpointServices: e, Lattice: vpclattice.NewFromConfig(cfg), RAM: ram.NewFromConfig(cfg)}
}
