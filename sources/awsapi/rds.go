package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/rds"
)

// Amazon RDS: clusters, their instances and parameter groups, Global
// Databases, tags.

// RDSReader is what observing a cluster reads.
type RDSReader interface {
	rds.DescribeDBClustersAPIClient
	rds.DescribeDBClusterParametersAPIClient
	rds.DescribeDBClusterParameterGroupsAPIClient
	rds.DescribeDBInstancesAPIClient
	rds.DescribeGlobalClustersAPIClient
}

// RDSWriter is what applying to a cluster calls.
type RDSWriter interface {
	CreateDBClusterParameterGroupAPI
	ModifyDBClusterParameterGroupAPI
	ModifyDBClusterAPI
	RebootDBInstanceAPI
	AddTagsToResourceAPI
}

// RDS is the part of RDS auroracfg uses.
type RDS interface {
	RDSReader
	RDSWriter
}

// CreateDBClusterParameterGroupAPI is rds.Client.CreateDBClusterParameterGroup.
type CreateDBClusterParameterGroupAPI interface {
	CreateDBClusterParameterGroup(ctx context.Context, in *rds.CreateDBClusterParameterGroupInput, opts ...func(*rds.Options)) (*rds.CreateDBClusterParameterGroupOutput, error)
}

// ModifyDBClusterParameterGroupAPI is rds.Client.ModifyDBClusterParameterGroup.
type ModifyDBClusterParameterGroupAPI interface {
	ModifyDBClusterParameterGroup(ctx context.Context, in *rds.ModifyDBClusterParameterGroupInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterParameterGroupOutput, error)
}

// ModifyDBClusterAPI is rds.Client.ModifyDBCluster.
type ModifyDBClusterAPI interface {
	ModifyDBCluster(ctx context.Context, in *rds.ModifyDBClusterInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterOutput, error)
}

// RebootDBInstanceAPI is rds.Client.RebootDBInstance.
type RebootDBInstanceAPI interface {
	RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, opts ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error)
}

// AddTagsToResourceAPI is rds.Client.AddTagsToResource.
type AddTagsToResourceAPI interface {
	AddTagsToResource(ctx context.Context, in *rds.AddTagsToResourceInput, opts ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error)
}
