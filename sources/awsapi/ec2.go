package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

// Amazon EC2: security groups and subnets, and VPC endpoint services.

// EC2 is the part of EC2 for security groups and subnets.
type EC2 interface {
	ec2.DescribeSecurityGroupsAPIClient
	ec2.DescribeSecurityGroupRulesAPIClient
	CreateSecurityGroupAPI
	AuthorizeSecurityGroupIngressAPI
	RevokeSecurityGroupIngressAPI
	ec2.DescribeSubnetsAPIClient
}

// EndpointServices is the part of EC2 that manages VPC endpoint services.
type EndpointServices interface {
	ec2.DescribeVpcEndpointServiceConfigurationsAPIClient
	ec2.DescribeVpcEndpointServicePermissionsAPIClient
	ec2.DescribeVpcEndpointConnectionsAPIClient
	CreateVpcEndpointServiceConfigurationAPI
	ModifyVpcEndpointServiceConfigurationAPI
	ModifyVpcEndpointServicePermissionsAPI
	AcceptVpcEndpointConnectionsAPI
}

// CreateSecurityGroupAPI is ec2.Client.CreateSecurityGroup.
type CreateSecurityGroupAPI interface {
	CreateSecurityGroup(ctx context.Context, in *ec2.CreateSecurityGroupInput, opts ...func(*ec2.Options)) (*ec2.CreateSecurityGroupOutput, error)
}

// AuthorizeSecurityGroupIngressAPI is ec2.Client.AuthorizeSecurityGroupIngress.
type AuthorizeSecurityGroupIngressAPI interface {
	AuthorizeSecurityGroupIngress(ctx context.Context, in *ec2.AuthorizeSecurityGroupIngressInput, opts ...func(*ec2.Options)) (*ec2.AuthorizeSecurityGroupIngressOutput, error)
}

// RevokeSecurityGroupIngressAPI is ec2.Client.RevokeSecurityGroupIngress.
type RevokeSecurityGroupIngressAPI interface {
	RevokeSecurityGroupIngress(ctx context.Context, in *ec2.RevokeSecurityGroupIngressInput, opts ...func(*ec2.Options)) (*ec2.RevokeSecurityGroupIngressOutput, error)
}

// CreateVpcEndpointServiceConfigurationAPI is ec2.Client.CreateVpcEndpointServiceConfiguration.
type CreateVpcEndpointServiceConfigurationAPI interface {
	CreateVpcEndpointServiceConfiguration(ctx context.Context, in *ec2.CreateVpcEndpointServiceConfigurationInput, opts ...func(*ec2.Options)) (*ec2.CreateVpcEndpointServiceConfigurationOutput, error)
}

// ModifyVpcEndpointServiceConfigurationAPI is ec2.Client.ModifyVpcEndpointServiceConfiguration.
type ModifyVpcEndpointServiceConfigurationAPI interface {
	ModifyVpcEndpointServiceConfiguration(ctx context.Context, in *ec2.ModifyVpcEndpointServiceConfigurationInput, opts ...func(*ec2.Options)) (*ec2.ModifyVpcEndpointServiceConfigurationOutput, error)
}

// ModifyVpcEndpointServicePermissionsAPI is ec2.Client.ModifyVpcEndpointServicePermissions.
type ModifyVpcEndpointServicePermissionsAPI interface {
	ModifyVpcEndpointServicePermissions(ctx context.Context, in *ec2.ModifyVpcEndpointServicePermissionsInput, opts ...func(*ec2.Options)) (*ec2.ModifyVpcEndpointServicePermissionsOutput, error)
}

// AcceptVpcEndpointConnectionsAPI is ec2.Client.AcceptVpcEndpointConnections.
type AcceptVpcEndpointConnectionsAPI interface {
	AcceptVpcEndpointConnections(ctx context.Context, in *ec2.AcceptVpcEndpointConnectionsInput, opts ...func(*ec2.Options)) (*ec2.AcceptVpcEndpointConnectionsOutput, error)
}
