package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/smithy-go"
	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/sources/aurora"
)

// rebootEmulator is the small fake of the one AWS behaviour moto lacks
// (see shared/reference/moto-notes.md §4.6-7): after a cluster parameter
// group is attached, or a static parameter changes, members read
// pending-reboot until rebooted; and a reboot makes the cluster's
// rds.logical_replication live, which the test PostgreSQL (playing the
// writer) shows through a per-database setting, and with it the replication
// privilege of rds_replication's members (pgtest.EmulateRDSReplication).
// Everything else is moto.
type rebootEmulator struct {
	aurora.RDSAPI
	account string
	pg      *pgtest.Server
	db      string

	mu        sync.Mutex
	pending   map[string]bool
	rebooting map[string]int // instance → describes left that still say "rebooting"
	busy      int            // ModifyDBCluster calls left that find the cluster busy
	// stealLock makes the next writer reboot hand auroracfg's apply lock
	// to another session (held in thief), as if another apply slipped in.
	stealLock bool
	thief     *pgx.Conn
}

var emulators sync.Map // account and region → *rebootEmulator, so state survives across commands of a script

// emulatorFor is the emulation of an account in us-east-1; emulatorIn of
// any region.
func emulatorFor(account string, inner aurora.RDSAPI, pg *pgtest.Server, db string) *rebootEmulator {
	return emulatorIn(account, "us-east-1", inner, pg, db)
}

func emulatorIn(account, region string, inner aurora.RDSAPI, pg *pgtest.Server, db string) *rebootEmulator {
	e, _ := emulators.LoadOrStore(account+"/"+region, &rebootEmulator{account: account, pg: pg, db: db, pending: map[string]bool{}, rebooting: map[string]int{}})
	em := e.(*rebootEmulator)
	if inner != nil {
		em.RDSAPI = inner
	}
	return em
}

func (e *rebootEmulator) markPending(ctx context.Context, cluster string) {
	out, err := e.RDSAPI.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(cluster)})
	if err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, c := range out.DBClusters {
		for _, m := range c.DBClusterMembers {
			e.pending[aws.ToString(m.DBInstanceIdentifier)] = true
		}
	}
}

// ModifyDBCluster refuses while the cluster is busy with another change, as
// AWS does with InvalidDBClusterStateFault (moto has no transient states).
func (e *rebootEmulator) ModifyDBCluster(ctx context.Context, in *rds.ModifyDBClusterInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterOutput, error) {
	e.mu.Lock()
	busy := e.busy > 0
	if busy {
		e.busy--
	}
	e.mu.Unlock()
	if busy {
		return nil, &smithy.GenericAPIError{Code: "InvalidDBClusterStateFault",
			Message: fmt.Sprintf("DbCluster %s is not in available state (emulated)", aws.ToString(in.DBClusterIdentifier))}
	}
	out, err := e.RDSAPI.ModifyDBCluster(ctx, in, opts...)
	if err == nil && in.DBClusterParameterGroupName != nil {
		e.markPending(ctx, aws.ToString(in.DBClusterIdentifier))
	}
	return out, err
}

func (e *rebootEmulator) ModifyDBClusterParameterGroup(ctx context.Context, in *rds.ModifyDBClusterParameterGroupInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterParameterGroupOutput, error) {
	for _, p := range in.Parameters {
		if p.ApplyMethod == rdstypes.ApplyMethodImmediate && aws.ToString(p.ParameterName) == "rds.logical_replication" {
			return nil, fmt.Errorf("InvalidParameterCombination: cannot use immediate apply method for static parameter (emulated AWS check)")
		}
	}
	out, err := e.RDSAPI.ModifyDBClusterParameterGroup(ctx, in, opts...)
	if err == nil {
		clusters, _ := e.RDSAPI.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
		for _, c := range clusters.DBClusters {
			if aws.ToString(c.DBClusterParameterGroup) == aws.ToString(in.DBClusterParameterGroupName) {
				e.markPending(ctx, aws.ToString(c.DBClusterIdentifier))
			}
		}
	}
	return out, err
}

func (e *rebootEmulator) DescribeDBClusters(ctx context.Context, in *rds.DescribeDBClustersInput, opts ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	out, err := e.RDSAPI.DescribeDBClusters(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	if err := e.pg.EmulateRDSReplication(ctx, e.db); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := range out.DBClusters {
		for j, m := range out.DBClusters[i].DBClusterMembers {
			if e.pending[aws.ToString(m.DBInstanceIdentifier)] {
				out.DBClusters[i].DBClusterMembers[j].DBClusterParameterGroupStatus = aws.String("pending-reboot")
			}
		}
	}
	return out, nil
}

// DescribeDBInstances reports "rebooting" for a few describes after a reboot.
func (e *rebootEmulator) DescribeDBInstances(ctx context.Context, in *rds.DescribeDBInstancesInput, opts ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	out, err := e.RDSAPI.DescribeDBInstances(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, inst := range out.DBInstances {
		id := aws.ToString(inst.DBInstanceIdentifier)
		if e.rebooting[id] > 0 {
			e.rebooting[id]--
			out.DBInstances[i].DBInstanceStatus = aws.String("rebooting")
		}
	}
	return out, nil
}

// RebootDBInstance: rebooting the writer restarts the readers too (Aurora
// PostgreSQL), and the writer comes back with its group's values live.
func (e *rebootEmulator) RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, opts ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	out, err := e.RDSAPI.RebootDBInstance(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	inst := aws.ToString(out.DBInstance.DBInstanceIdentifier)
	cluster := aws.ToString(out.DBInstance.DBClusterIdentifier)
	e.mu.Lock()
	e.rebooting[inst] = 3
	e.mu.Unlock()
	clusters, err := e.RDSAPI.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(cluster)})
	if err != nil {
		return nil, err
	}
	c := clusters.DBClusters[0]
	writer := false
	e.mu.Lock()
	for _, m := range c.DBClusterMembers {
		if aws.ToString(m.DBInstanceIdentifier) == inst && aws.ToBool(m.IsClusterWriter) {
			writer = true
		}
	}
	for _, m := range c.DBClusterMembers {
		if writer || aws.ToString(m.DBInstanceIdentifier) == inst {
			delete(e.pending, aws.ToString(m.DBInstanceIdentifier))
		}
	}
	e.mu.Unlock()
	if writer {
		if err := e.restartSessions(ctx); err != nil {
			return nil, err
		}
		params, err := e.RDSAPI.DescribeDBClusterParameters(ctx, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: c.DBClusterParameterGroup})
		value := "0"
		if err == nil {
			for _, p := range params.Parameters {
				if aws.ToString(p.ParameterName) == "rds.logical_replication" {
					value = aws.ToString(p.ParameterValue)
				}
			}
		}
		if err := e.pg.Exec(ctx, "postgres", fmt.Sprintf("ALTER DATABASE %s SET rds.logical_replication = '%s'", pgx.Identifier{e.db}.Sanitize(), value)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// restartSessions ends auroracfg's sessions on the writer's database, as
// the writer's reboot does (the apply lock's among them); with stealLock,
// another session takes the lock they held.
func (e *rebootEmulator) restartSessions(ctx context.Context) error {
	conn, err := e.pg.Connect(ctx, e.db)
	if err != nil {
		return err
	}
	var class, object int64
	err = conn.QueryRow(ctx, `SELECT coalesce(max(l.classid::int8), 0), coalesce(max(l.objid::int8), 0)
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND a.application_name = 'auroracfg' AND a.datname = current_database()`).Scan(&class, &object)
	if err == nil {
		_, err = conn.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE application_name = 'auroracfg' AND datname = current_database() AND pid <> pg_backend_pid()`)
	}
	e.mu.Lock()
	steal := e.stealLock && class != 0
	e.stealLock = false
	e.mu.Unlock()
	if err != nil || !steal {
		conn.Close(ctx)
		return err
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1::int8::int4, $2::int8::int4)", class, int64(int32(uint32(object)))); err != nil {
		conn.Close(ctx)
		return err
	}
	e.mu.Lock()
	e.thief = conn
	e.mu.Unlock()
	return nil
}

// globalState is the emulation of what moto lacks for global databases,
// per account, in a file (fakeStateDir) so that a killed apply leaves it
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
func updateGlobal(account string, f func(*globalState)) error {
	globalMu.Lock()
	defer globalMu.Unlock()
	path := filepath.Join(fakeStateDir(account), "global.json")
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

// switchover makes cluster the global database's primary.
func switchover(account, global, cluster string) error {
	return updateGlobal(account, func(st *globalState) { st.Writers[global] = cluster })
}

// untagGlobal removes every tag of a global database, as anyone with tag
// rights (RemoveTagsFromResource) can.
func untagGlobal(account, global string) error {
	return updateGlobal(account, func(st *globalState) {
		for arn := range st.Tags {
			if strings.HasSuffix(arn, ":global-cluster:"+global) {
				delete(st.Tags, arn)
			}
		}
	})
}

// AddTagsToResource tags a global database as AWS does; anything else goes
// to moto.
func (e *rebootEmulator) AddTagsToResource(ctx context.Context, in *rds.AddTagsToResourceInput, opts ...func(*rds.Options)) (*rds.AddTagsToResourceOutput, error) {
	arn := aws.ToString(in.ResourceName)
	if !strings.Contains(arn, ":global-cluster:") {
		return e.RDSAPI.AddTagsToResource(ctx, in, opts...)
	}
	return &rds.AddTagsToResourceOutput{}, updateGlobal(e.account, func(st *globalState) {
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
func (e *rebootEmulator) DescribeGlobalClusters(ctx context.Context, in *rds.DescribeGlobalClustersInput, opts ...func(*rds.Options)) (*rds.DescribeGlobalClustersOutput, error) {
	out, err := e.RDSAPI.DescribeGlobalClusters(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	var st globalState
	if err := updateGlobal(e.account, func(s *globalState) { st = *s }); err != nil {
		return nil, err
	}
	for i, g := range out.GlobalClusters {
		keys := make([]string, 0, len(st.Tags[aws.ToString(g.GlobalClusterArn)]))
		for k := range st.Tags[aws.ToString(g.GlobalClusterArn)] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
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
