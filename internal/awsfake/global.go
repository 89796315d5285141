package awsfake

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
)

// globalState is the emulation of what moto lacks for global databases,
// per account, in a file (in the state directory) so that a killed apply leaves it
// for the next process, as AWS would: the primary after a switchover the
// script asked for (moto has no SwitchoverGlobalCluster and marks no member
// IsWriter), and the global databases' tags (moto refuses a global
// cluster's ARN, which has no region, in AddTagsToResource, and returns no
// TagList).
type globalState struct {
	Writers map[string]string            // global id → cluster identifier
	Tags    map[string]map[string]string // global ARN → tags
}

var globalMu sync.Mutex

// updateGlobal reads the account's global state, lets f change it, and
// writes it back.
func updateGlobal(stateDir string, f func(*globalState)) error {
	globalMu.Lock()
	defer globalMu.Unlock()
	path := filepath.Join(stateDir, "global.json")
	st := globalState{Writers: map[string]string{}, Tags: map[string]map[string]string{}}
	if data, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(data, &st); err != nil {
			return err
		}
	}
	f(&st)
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// Switchover makes cluster the primary of global database global (moto
// has no SwitchoverGlobalCluster), in the account whose state is in
// stateDir.
func Switchover(stateDir, global, cluster string) error {
	return updateGlobal(stateDir, func(st *globalState) { st.Writers[global] = cluster })
}

// UntagGlobal removes every tag of a global database, as anyone with tag
// rights (RemoveTagsFromResource) can.
func UntagGlobal(stateDir, global string) error {
	return updateGlobal(stateDir, func(st *globalState) {
		for arn := range st.Tags {
			if strings.HasSuffix(arn, ":global-cluster:"+global) {
				delete(st.Tags, arn)
			}
		}
	})
}

// AddTagsToResource tags a global database as AWS does; anything else goes
// to moto.
func (e *RDS) AddTagsToResource(ctx context.Context, in *rds.AddTagsToResourceInput, opts ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	arn := aws.ToString(in.ResourceName)
	if !strings.Contains(arn, ":global-cluster:") {
		return e.RDS.AddTagsToResource(ctx, in, opts...)
	}
	return &rds.AddTagsToResourceOutput{}, updateGlobal(e.stateDir, func(st *globalState) {
		if st.Tags[arn] == nil {
			st.Tags[arn] = map[string]string{}
		}
		for _, t := range in.Tags {
			st.Tags[arn][aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	})
}

// DescribeGlobalClusters marks the primary member IsWriter, as AWS does
// (the cluster a switchover made primary, or else the one the global
// database was created from, which moto lists first), with the tags.
func (e *RDS) DescribeGlobalClusters(ctx context.Context, in *rds.DescribeGlobalClustersInput, opts ...func(*rds.Options)) (*rds.DescribeGlobalClustersOutput, error) {
	out, err := e.RDS.DescribeGlobalClusters(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	var st globalState
	if err := updateGlobal(e.stateDir, func(s *globalState) { st = *s }); err != nil {
		return nil, err
	}
	for i, g := range out.GlobalClusters {
		for _, k := range slices.Sorted(maps.Keys(st.Tags[aws.ToString(g.GlobalClusterArn)])) {
			out.GlobalClusters[i].TagList = append(out.GlobalClusters[i].TagList, rdstypes.Tag{Key: aws.String(k), Value: aws.String(st.Tags[aws.ToString(g.GlobalClusterArn)][k])})
		}
		writer, moved := st.Writers[aws.ToString(g.GlobalClusterIdentifier)]
		for j, m := range g.GlobalClusterMembers {
			isWriter := j == 0
			if moved {
				isWriter = strings.HasSuffix(aws.ToString(m.DBClusterArn), ":cluster:"+writer)
			}
			out.GlobalClusters[i].GlobalClusterMembers[j].IsWriter = aws.Bool(isWriter)
		}
	}
	return out, nil
}
