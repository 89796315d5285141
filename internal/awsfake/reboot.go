package awsfake

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/smithy-go"
	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/internal/pgtest"
	"github.com/auroracfg/auroracfg/sources/awsapi"
)

// RDS is the emulator's RDS plus what moto lacks (see
// shared/reference/moto-notes.md §4.6-7), written to AWS's documented
// behaviour: after a cluster parameter group is attached, or a static
// parameter changes, members read pending-reboot until rebooted; a reboot
// of the writer makes the cluster's rds.logical_replication live, which the
// test PostgreSQL (playing the writer) shows through a per-database
// setting, and with it the replication privilege of rds_replication's
// members (pgtest.EmulateRDSReplication), and ends the sessions on it; a
// cluster busy with a change refuses another; and (global.go) Global
// Database primaries and tags. Everything else is moto.
type RDS struct {
	awsapi.RDS
	stateDir string
	pg       *pgtest.Server
	db       string

	mu        sync.Mutex
	pending   map[string]bool
	rebooting map[string]int // instance → describes left that still say "rebooting"
	busy      int            // ModifyDBCluster calls left that find the cluster busy
	// stealLock makes the next writer reboot hand auroracfg's apply lock
	// to another session (held in thief), as if another apply slipped in.
	stealLock bool
	thief     *pgx.Conn
}

var emulators sync.Map // account and region → *RDS, so state survives across the commands of a test

// RDSIn is the emulation of an account's RDS in a region, made on first use
// and the same one after: inner (moto's client; nil keeps the one it has)
// is what it wraps, database db of pg plays the writer, and stateDir keeps
// what must survive a process (the Global Database state).
func RDSIn(account, region, stateDir string, inner awsapi.RDS, pg *pgtest.Server, db string) *RDS {
	e, _ := emulators.LoadOrStore(account+"/"+region, &RDS{stateDir: stateDir, pg: pg, db: db,
		pending: map[string]bool{}, rebooting: map[string]int{}})
	em := e.(*RDS)
	if inner != nil {
		em.mu.Lock()
		em.RDS = inner
		em.mu.Unlock()
	}
	return em
}

// SetBusy makes the next n ModifyDBCluster calls find the cluster busy.
func (e *RDS) SetBusy(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.busy = n
}

// StealLockAtNextReboot makes the next writer reboot hand auroracfg's
// apply lock to another session, as if another apply slipped in.
func (e *RDS) StealLockAtNextReboot() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stealLock = true
}

// ReleaseLock ends the session that stole the lock, if any.
func (e *RDS) ReleaseLock(ctx context.Context) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.thief != nil {
		e.thief.Close(ctx)
		e.thief = nil
	}
}

// MoveWriter makes pg the writer (a failover to its standby).
func (e *RDS) MoveWriter(pg *pgtest.Server) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.pg = pg
}

// writer is the server playing the writer now.
func (e *RDS) writer() *pgtest.Server {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.pg
}

func (e *RDS) markPending(ctx context.Context, cluster string) {
	out, err := e.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(cluster)})
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
func (e *RDS) ModifyDBCluster(ctx context.Context, in *rds.ModifyDBClusterInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterOutput, error) {
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
	out, err := e.RDS.ModifyDBCluster(ctx, in, opts...)
	if err == nil && in.DBClusterParameterGroupName != nil {
		e.markPending(ctx, aws.ToString(in.DBClusterIdentifier))
	}
	return out, err
}

func (e *RDS) ModifyDBClusterParameterGroup(ctx context.Context, in *rds.ModifyDBClusterParameterGroupInput, opts ...func(*rds.Options)) (*rds.ModifyDBClusterParameterGroupOutput, error) {
	for _, p := range in.Parameters {
		if p.ApplyMethod == rdstypes.ApplyMethodImmediate && aws.ToString(p.ParameterName) == "rds.logical_replication" {
			return nil, fmt.Errorf("InvalidParameterCombination: cannot use immediate apply method for static parameter (emulated AWS check)")
		}
	}
	out, err := e.RDS.ModifyDBClusterParameterGroup(ctx, in, opts...)
	if err == nil {
		clusters, _ := e.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
		for _, c := range clusters.DBClusters {
			if aws.ToString(c.DBClusterParameterGroup) == aws.ToString(in.DBClusterParameterGroupName) {
				e.markPending(ctx, aws.ToString(c.DBClusterIdentifier))
			}
		}
	}
	return out, err
}

func (e *RDS) DescribeDBClusters(ctx context.Context, in *rds.DescribeDBClustersInput, opts ...func(*rds.Options)) (*rds.DescribeDBClustersOutput, error) {
	out, err := e.RDS.DescribeDBClusters(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	if err := e.writer().EmulateRDSReplication(ctx, e.db); err != nil {
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
func (e *RDS) DescribeDBInstances(ctx context.Context, in *rds.DescribeDBInstancesInput, opts ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error) {
	out, err := e.RDS.DescribeDBInstances(ctx, in, opts...)
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
func (e *RDS) RebootDBInstance(ctx context.Context, in *rds.RebootDBInstanceInput, opts ...func(*rds.Options)) (*rds.RebootDBInstanceOutput, error) {
	out, err := e.RDS.RebootDBInstance(ctx, in, opts...)
	if err != nil {
		return out, err
	}
	inst := aws.ToString(out.DBInstance.DBInstanceIdentifier)
	cluster := aws.ToString(out.DBInstance.DBClusterIdentifier)
	e.mu.Lock()
	e.rebooting[inst] = 3
	e.mu.Unlock()
	clusters, err := e.RDS.DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{DBClusterIdentifier: aws.String(cluster)})
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
		params, err := e.RDS.DescribeDBClusterParameters(ctx, &rds.DescribeDBClusterParametersInput{DBClusterParameterGroupName: c.DBClusterParameterGroup})
		value := "0"
		if err == nil {
			for _, p := range params.Parameters {
				if aws.ToString(p.ParameterName) == "rds.logical_replication" {
					value = aws.ToString(p.ParameterValue)
				}
			}
		}
		if err := e.writer().Exec(ctx, "postgres", fmt.Sprintf("ALTER DATABASE %s SET rds.logical_replication = '%s'", pgx.Identifier{e.db}.Sanitize(), value)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// restartSessions ends auroracfg's sessions on the writer's database, as
// the writer's reboot does (the apply lock's among them); with stealLock,
// another session takes the lock they held.
func (e *RDS) restartSessions(ctx context.Context) error {
	conn, err := e.writer().Connect(ctx, e.db)
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
