package aurora

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/awsapi"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// emptyRDS answers every describe with nothing found and no error, which
// moto never does (it raises DBClusterNotFoundFault) but an API may: only
// the two describes are implemented.
type emptyRDS struct{ awsapi.RDS }

func (emptyRDS) DescribeDBClusters(context.Context, *rds.DescribeDBClustersInput, ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	return &rds.DescribeDBClustersOutput{}, nil
}

func (emptyRDS) DescribeDBInstances(context.Context, *rds.DescribeDBInstancesInput, ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	return &rds.DescribeDBInstancesOutput{}, nil
}

// An empty answer is an error that says so, never a wrapped nil
// ("%!w(<nil>)").
func TestDescribeNothingFound(t *testing.T) {
	ctx := context.Background()
	_, errCluster := describeCluster(ctx, emptyRDS{}, "orders")
	_, errInstance := describeInstance(ctx, emptyRDS{}, "orders-1")
	s := NewSource(&schema.Source{Cluster: "orders", Region: "us-east-1"}, Clients{RDS: emptyRDS{}}, secret.Resolver{}, Options{})
	_, _, errEndpoint := s.Endpoint(ctx)
	for _, tt := range []struct {
		err  error
		want string
	}{
		{errCluster, "describe cluster orders: AWS returned 0 clusters, want 1"},
		{errInstance, "describe instance orders-1: AWS returned 0 instances, want 1"},
		{errEndpoint, "describe cluster orders: AWS returned 0 clusters, want 1"},
	} {
		if tt.err == nil || tt.err.Error() != tt.want || strings.Contains(tt.err.Error(), "%!") {
			t.Errorf("error %v, want %q", tt.err, tt.want)
		}
	}
}
