// Package awsapi is the vocabulary of auroracfg's AWS edges: one file per
// AWS service, each operation a one-method interface (the SDK's own
// XxxAPIClient where it has one, for paginated calls), composed into the
// part of the service an edge uses. Edges declare what they call from
// these; tests wrap a real client (moto's) or a fake around one operation
// without writing the rest.
package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
)

// Clients are one region's AWS clients.
type Clients struct {
	RDS     RDS
	EC2     EC2
	Secrets SecretsManager
	// The private paths' services (privateLink networks only).
	ELB              ELBv2
	EndpointServices EndpointServices
	Lattice          Lattice
	RAM              RAM
	// Resolver resolves the writer instance's endpoint (nil: the system's).
	Resolver HostResolver
}

// HostResolver resolves a host name to its addresses (net.Resolver).
type HostResolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// NewClients builds a region's clients from an AWS config.
func NewClients(cfg aws.Config) Clients {
	e := ec2.NewFromConfig(cfg)
	return Clients{RDS: rds.NewFromConfig(cfg), EC2: e, Secrets: secretsmanager.NewFromConfig(cfg),
		ELB: elb.NewFromConfig(cfg), EndpointServices: e, Lattice: vpclattice.NewFromConfig(cfg), RAM: ram.NewFromConfig(cfg)}
}
