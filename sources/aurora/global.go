package aurora

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/auroracfg/auroracfg/plan"
)

// resolveGlobal finds a Global Database's primary cluster and region, and
// the writer the source's marker records. AWS marks the primary member
// IsWriter; the emulator marks none, and then the first member (the
// cluster the global database was made from) is taken.
func resolveGlobal(ctx context.Context, c Clients, id, source string) (*plan.GlobalObserved, error) {
	out, err := c.RDS.DescribeGlobalClusters(ctx, &rds.DescribeGlobalClustersInput{GlobalClusterIdentifier: aws.String(id)})
	if err != nil {
		return nil, fmt.Errorf("describe global database %s: %w", id, err)
	}
	for _, g := range out.GlobalClusters {
		if aws.ToString(g.GlobalClusterIdentifier) != id {
			continue // the emulator answers an unknown id with every global database
		}
		primary, ok := primaryMember(g.GlobalClusterMembers)
		if !ok {
			return nil, fmt.Errorf("global database %s has no member cluster", id)
		}
		a, err := arn.Parse(aws.ToString(primary.DBClusterArn))
		if err != nil {
			return nil, fmt.Errorf("global database %s: primary %q: %w", id, aws.ToString(primary.DBClusterArn), err)
		}
		gl := &plan.GlobalObserved{ID: id, ARN: aws.ToString(g.GlobalClusterArn), Region: a.Region, Cluster: strings.TrimPrefix(a.Resource, "cluster:")}
		for _, t := range g.TagList {
			if aws.ToString(t.Key) == plan.GlobalWriterTagPrefix+source {
				gl.Marked = aws.ToString(t.Value)
			}
		}
		return gl, nil
	}
	return nil, fmt.Errorf("global database %s not found", id)
}

func primaryMember(members []rdstypes.GlobalClusterMember) (rdstypes.GlobalClusterMember, bool) {
	if len(members) == 0 {
		return rdstypes.GlobalClusterMember{}, false
	}
	for _, m := range members {
		if aws.ToBool(m.IsWriter) {
			return m, true
		}
	}
	return members[0], true
}

// markGlobalWriter tags the global database with the source's writer.
func (s *Session) markGlobalWriter(ctx context.Context, ch plan.MarkGlobalWriter) error {
	_, err := s.src.home.RDS.AddTagsToResource(ctx, &rds.AddTagsToResourceInput{ResourceName: aws.String(ch.GlobalCluster),
		Tags: []rdstypes.Tag{{Key: aws.String(plan.GlobalWriterTagPrefix + ch.Source), Value: aws.String(ch.Writer)}}})
	return wrap("tag global database "+ch.GlobalCluster, err)
}

// resolve points the source at its cluster: the spec's, or the Global
// Database's primary wherever it is now (with that region's clients).
func (s *Source) resolve(ctx context.Context) (*plan.GlobalObserved, error) {
	if s.src.GlobalCluster == "" {
		return nil, nil
	}
	g, err := resolveGlobal(ctx, s.home, s.src.GlobalCluster, s.src.Name)
	if err != nil {
		return nil, err
	}
	if g.Region != s.region {
		if s.opts.ClientsFor == nil {
			return nil, fmt.Errorf("global database %s: the primary is in %s, and no AWS clients can be made for it", g.ID, g.Region)
		}
		c, err := s.opts.ClientsFor(ctx, g.Region)
		if err != nil {
			return nil, fmt.Errorf("global database %s: AWS configuration for %s: %w", g.ID, g.Region, err)
		}
		s.clients = c
	}
	s.region, s.cluster = g.Region, g.Cluster
	return g, nil
}

// observeAWS resolves the cluster and observes the AWS side.
func (s *Source) observeAWS(ctx context.Context, d *plan.DesiredAurora) (*observation, error) {
	g, err := s.resolve(ctx)
	if err != nil {
		return nil, err
	}
	at := *d
	at.Region, at.Cluster = s.region, s.cluster
	obs, err := observe(ctx, s.clients, &at)
	if err != nil {
		return nil, err
	}
	obs.state.Global = g
	return obs, nil
}
