package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
)

// Amazon VPC Lattice: the resource gateway and configuration of a VPC
// resource path.

// Lattice is the part of VPC Lattice auroracfg uses.
type Lattice interface {
	vpclattice.ListResourceGatewaysAPIClient
	GetResourceGatewayAPI
	CreateResourceGatewayAPI
	vpclattice.ListResourceConfigurationsAPIClient
	GetResourceConfigurationAPI
	CreateResourceConfigurationAPI
}

// GetResourceGatewayAPI is vpclattice.Client.GetResourceGateway.
type GetResourceGatewayAPI interface {
	GetResourceGateway(ctx context.Context, in *vpclattice.GetResourceGatewayInput, opts ...func(*vpclattice.Options)) (*vpclattice.GetResourceGatewayOutput, error)
}

// CreateResourceGatewayAPI is vpclattice.Client.CreateResourceGateway.
type CreateResourceGatewayAPI interface {
	CreateResourceGateway(ctx context.Context, in *vpclattice.CreateResourceGatewayInput, opts ...func(*vpclattice.Options)) (*vpclattice.CreateResourceGatewayOutput, error)
}

// GetResourceConfigurationAPI is vpclattice.Client.GetResourceConfiguration.
type GetResourceConfigurationAPI interface {
	GetResourceConfiguration(ctx context.Context, in *vpclattice.GetResourceConfigurationInput, opts ...func(*vpclattice.Options)) (*vpclattice.GetResourceConfigurationOutput, error)
}

// CreateResourceConfigurationAPI is vpclattice.Client.CreateResourceConfiguration.
type CreateResourceConfigurationAPI interface {
	CreateResourceConfiguration(ctx context.Context, in *vpclattice.CreateResourceConfigurationInput, opts ...func(*vpclattice.Options)) (*vpclattice.CreateResourceConfigurationOutput, error)
}
