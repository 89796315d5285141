package aurora

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
)

// describeCluster describes exactly one cluster: an API error, or an answer
// with no cluster or several, is an error that says which.
func describeCluster(ctx context.Context, api rds.DescribeDBClustersAPIClient, id string) (rdstypes.DBCluster, error) {
	out, err := api.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(id)})
	if err != nil {
		return rdstypes.DBCluster{}, fmt.Errorf("describe cluster %s: %w", id, err)
	}
	if len(out.DBClusters) != 1 {
		return rdstypes.DBCluster{}, fmt.Errorf("describe cluster %s: AWS returned %d clusters, want 1", id, len(out.DBClusters))
	}
	return out.DBClusters[0], nil
}

// describeInstance describes exactly one DB instance, like describeCluster.
func describeInstance(ctx context.Context, api rds.DescribeDBInstancesAPIClient, id string) (rdstypes.DBInstance, error) {
	out, err := api.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil {
		return rdstypes.DBInstance{}, fmt.Errorf("describe instance %s: %w", id, err)
	}
	if len(out.DBInstances) != 1 {
		return rdstypes.DBInstance{}, fmt.Errorf("describe instance %s: AWS returned %d instances, want 1", id, len(out.DBInstances))
	}
	return out.DBInstances[0], nil
}
