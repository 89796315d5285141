package aurora

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/sources/postgres"
)

// maxParametersPerCall is AWS's limit for ModifyDBClusterParameterGroup.
const maxParametersPerCall = 20

// Session executes an Aurora source's actions: AWS actions at once, in
// plan order; PostgreSQL actions in one transaction on the writer, opened
// at the first of them (after any reboot) and committed at the end.
type Session struct {
	src     *Source
	pg      *postgres.Session
	created map[string]string // security group name → id created in this session
}

func (s *Session) postgres(ctx context.Context) (*postgres.Session, error) {
	if s.pg == nil {
		if err := s.relock(ctx); err != nil {
			return nil, err
		}
		sess, err := s.src.pg.Begin(ctx)
		if err != nil {
			return nil, err
		}
		s.pg = sess
	}
	return s.pg, nil
}

// relock takes the apply lock again when a reboot ended the session that
// held it, so that no other apply slipped in during the reboot; if one did,
// the PostgreSQL work is refused.
func (s *Session) relock(ctx context.Context) error {
	if s.src.lock == nil || s.src.lock.Held(ctx) {
		return nil
	}
	l, err := s.src.pg.TakeLock(ctx)
	if err != nil {
		return fmt.Errorf("take the apply lock again after the reboot: %w", err)
	}
	s.src.lock.Release() // its session is gone; this frees the client side
	s.src.lock = l       // released when the apply ends
	return nil
}

// Execute runs one action.
func (s *Session) Execute(ctx context.Context, a plan.Action) error {
	if !a.Kind.AWS() {
		pg, err := s.postgres(ctx)
		if err != nil {
			return err
		}
		return pg.Execute(ctx, a)
	}
	return s.executeAWS(ctx, a)
}

// ExecuteBatch runs PostgreSQL actions in one round trip.
func (s *Session) ExecuteBatch(ctx context.Context, actions []plan.Action) error {
	for _, a := range actions {
		if a.Kind.AWS() {
			return fmt.Errorf("%s: AWS actions cannot be batched", a.ID)
		}
	}
	pg, err := s.postgres(ctx)
	if err != nil {
		return err
	}
	return pg.ExecuteBatch(ctx, actions)
}

// Commit commits the PostgreSQL transaction, if one was opened.
func (s *Session) Commit(ctx context.Context) error {
	if s.pg == nil {
		return nil
	}
	return s.pg.Commit(ctx)
}

// Rollback abandons the PostgreSQL transaction, if one was opened.
func (s *Session) Rollback(ctx context.Context) {
	if s.pg != nil {
		s.pg.Rollback(ctx)
	}
}

func (s *Session) executeAWS(ctx context.Context, a plan.Action) error {
	c := s.src.clients
	switch a.Kind {
	case plan.KindCreateParameterGroup:
		_, err := c.RDS.CreateDBClusterParameterGroup(ctx, &rds.CreateDBClusterParameterGroupInput{
			DBClusterParameterGroupName: aws.String(a.ParameterGroup), DBParameterGroupFamily: aws.String(a.Family),
			Description: aws.String("Logical replication for ClickPipes (managed by auroracfg)"),
			Tags:        []rdstypes.Tag{{Key: aws.String("managed-by"), Value: aws.String("auroracfg")}},
		})
		var exists *rdstypes.DBParameterGroupAlreadyExistsFault
		if errors.As(err, &exists) {
			return nil // created by an earlier, interrupted apply
		}
		return wrap("create parameter group "+a.ParameterGroup, err)
	case plan.KindSetParameters:
		return s.setParameters(ctx, a)
	case plan.KindAttachParameterGroup:
		_, err := c.RDS.ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String(a.Cluster),
			DBClusterParameterGroupName: aws.String(a.ParameterGroup), ApplyImmediately: aws.Bool(true)})
		return wrap("attach parameter group "+a.ParameterGroup, err)
	case plan.KindReboot:
		return s.reboot(ctx, a)
	case plan.KindCreateSecurityGroup:
		out, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
			GroupName: aws.String(a.SecurityGroupName), VpcId: aws.String(a.VpcID),
			Description: aws.String("ClickPipes ingress (managed by auroracfg)"),
			TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeSecurityGroup,
				Tags: []ec2types.Tag{{Key: aws.String("managed-by"), Value: aws.String("auroracfg")}}}},
		})
		if hasCode(err, "InvalidGroup.Duplicate") {
			// Created by a retried request or an interrupted apply: use it.
			sg, findErr := securityGroup(ctx, c, &plan.DesiredNetwork{SecurityGroup: a.SecurityGroupName}, a.VpcID)
			if findErr == nil && sg != nil {
				s.created[a.SecurityGroupName] = sg.ID
				return nil
			}
		}
		if err != nil {
			return wrap("create security group "+a.SecurityGroupName, err)
		}
		s.created[a.SecurityGroupName] = aws.ToString(out.GroupId)
		return nil
	case plan.KindAttachSecurityGroup:
		return s.attachSecurityGroup(ctx, a)
	case plan.KindAuthorizeIngress:
		return s.authorizeIngress(ctx, a)
	case plan.KindRevokeIngress:
		_, err := c.EC2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(a.SecurityGroup), SecurityGroupRuleIds: a.RuleIDs})
		if hasCode(err, "InvalidPermission.NotFound") {
			return nil // already gone
		}
		return wrap("revoke ingress rules", err)
	}
	return fmt.Errorf("%s: unknown AWS action %q", a.ID, a.Kind)
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// setParameters modifies the group in calls of at most 20 parameters, with
// pending-reboot for static and immediate for dynamic parameters.
func (s *Session) setParameters(ctx context.Context, a plan.Action) error {
	for start := 0; start < len(a.Parameters); start += maxParametersPerCall {
		end := min(start+maxParametersPerCall, len(a.Parameters))
		var params []rdstypes.Parameter
		for _, p := range a.Parameters[start:end] {
			params = append(params, rdstypes.Parameter{ParameterName: aws.String(p.Name), ParameterValue: aws.String(p.Value), ApplyMethod: rdstypes.ApplyMethod(p.ApplyMethod)})
		}
		if _, err := s.src.clients.RDS.ModifyDBClusterParameterGroup(ctx, &rds.ModifyDBClusterParameterGroupInput{
			DBClusterParameterGroupName: aws.String(a.ParameterGroup), Parameters: params}); err != nil {
			return fmt.Errorf("set parameters in %s: %w", a.ParameterGroup, err)
		}
	}
	return nil
}

// groupID is the action's security group id, or the one this session created.
func (s *Session) groupID(a plan.Action) (string, error) {
	if a.SecurityGroup != "" {
		return a.SecurityGroup, nil
	}
	if id := s.created[a.SecurityGroupName]; id != "" {
		return id, nil
	}
	return "", fmt.Errorf("%s: security group %s was not created", a.ID, a.SecurityGroupName)
}

// attachSecurityGroup adds the group to the cluster's current list (read
// fresh: ModifyDBCluster replaces the whole list).
func (s *Session) attachSecurityGroup(ctx context.Context, a plan.Action) error {
	id, err := s.groupID(a)
	if err != nil {
		return err
	}
	cluster, err := describeCluster(ctx, s.src.clients.RDS, a.Cluster)
	if err != nil {
		return err
	}
	ids := []string{}
	for _, g := range cluster.VpcSecurityGroups {
		if aws.ToString(g.VpcSecurityGroupId) == id {
			return nil
		}
		ids = append(ids, aws.ToString(g.VpcSecurityGroupId))
	}
	_, err = s.src.clients.RDS.ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String(a.Cluster),
		VpcSecurityGroupIds: append(ids, id), ApplyImmediately: aws.Bool(true)})
	return wrap("add security group "+id+" to cluster "+a.Cluster, err)
}

// authorizeIngress adds one rule per CIDR still missing (read fresh, so a
// rerun after a crash adds nothing twice; AWS rejects a whole request that
// contains a duplicate).
func (s *Session) authorizeIngress(ctx context.Context, a plan.Action) error {
	id, err := s.groupID(a)
	if err != nil {
		return err
	}
	missing, err := s.missingCIDRs(ctx, id, a)
	if err != nil {
		return err
	}
	var ranges []ec2types.IpRange
	for _, cidr := range missing {
		ranges = append(ranges, ec2types.IpRange{CidrIp: aws.String(cidr), Description: aws.String(a.Description)})
	}
	if len(ranges) == 0 {
		return nil
	}
	_, err = s.src.clients.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(id),
		IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(int32(a.Port)), ToPort: aws.Int32(int32(a.Port)), IpRanges: ranges}}})
	if hasCode(err, "InvalidPermission.Duplicate") {
		// A retried request whose first attempt succeeded: done if every
		// CIDR is now allowed.
		if missing, checkErr := s.missingCIDRs(ctx, id, a); checkErr == nil && len(missing) == 0 {
			return nil
		}
	}
	return wrap("authorize ingress on "+id, err)
}

// missingCIDRs lists the action's CIDRs the group does not allow yet.
func (s *Session) missingCIDRs(ctx context.Context, id string, a plan.Action) ([]string, error) {
	rules, err := ingressRules(ctx, s.src.clients, id)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, cidr := range a.CIDRs {
		if !plan.Allows(rules, cidr, a.Port) {
			missing = append(missing, cidr)
		}
	}
	return missing, nil
}

// reboot restarts the writer first: on Aurora PostgreSQL rebooting the
// writer restarts the readers too, so rebooting readers first would restart
// them twice, and the writer is what logical replication needs. Members
// still pending-reboot afterwards are rebooted one by one. Each reboot is
// followed by a wait for every member to be available, with progress lines.
func (s *Session) reboot(ctx context.Context, a plan.Action) error {
	api := s.src.clients.RDS
	order := a.Instances
	done := map[string]bool{}
	for round := 0; round < 2 && len(order) > 0; round++ {
		for _, inst := range order {
			if done[inst] || inst == "" {
				continue
			}
			fmt.Fprintf(s.src.opts.Progress, "%s: rebooting %s\n", s.src.Name(), inst)
			if _, err := api.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String(inst)}); err != nil {
				return fmt.Errorf("reboot %s: %w", inst, err)
			}
			done[inst] = true
			if err := s.waitAvailable(ctx, a.Cluster); err != nil {
				return err
			}
		}
		pending, err := s.pendingReboot(ctx, a.Cluster)
		if err != nil {
			return err
		}
		order = nil
		for _, p := range pending {
			if !done[p] {
				order = append(order, p)
			}
		}
	}
	return nil
}

func (s *Session) pendingReboot(ctx context.Context, cluster string) ([]string, error) {
	c, err := describeCluster(ctx, s.src.clients.RDS, cluster)
	if err != nil {
		return nil, err
	}
	var pending []string
	for _, m := range c.DBClusterMembers {
		if aws.ToString(m.DBClusterParameterGroupStatus) == "pending-reboot" {
			pending = append(pending, aws.ToString(m.DBInstanceIdentifier))
		}
	}
	sort.Strings(pending)
	return pending, nil
}

// waitAvailable polls until the cluster and all its instances are available,
// printing a progress line at a steady interval, up to the wait timeout.
func (s *Session) waitAvailable(ctx context.Context, cluster string) error {
	opts := s.src.opts
	start := time.Now()
	lastProgress := start
	for {
		waiting, err := s.notAvailable(ctx, cluster)
		if err != nil {
			return err
		}
		if len(waiting) == 0 {
			return nil
		}
		elapsed := time.Since(start)
		if elapsed > opts.WaitTimeout {
			return fmt.Errorf("timed out after %s waiting for %s to be available", opts.WaitTimeout, strings.Join(waiting, ", "))
		}
		if time.Since(lastProgress) >= opts.ProgressInterval {
			fmt.Fprintf(opts.Progress, "%s: still waiting for %s … [%s elapsed]\n", s.src.Name(), strings.Join(waiting, ", "), formatElapsed(elapsed))
			lastProgress = time.Now()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(opts.PollInterval):
		}
	}
}

// notAvailable lists the cluster and instances that are not available yet,
// with their status.
func (s *Session) notAvailable(ctx context.Context, cluster string) ([]string, error) {
	c, err := describeCluster(ctx, s.src.clients.RDS, cluster)
	if err != nil {
		return nil, err
	}
	var waiting []string
	if st := aws.ToString(c.Status); st != "available" {
		waiting = append(waiting, fmt.Sprintf("cluster %s (%s)", cluster, st))
	}
	for _, m := range c.DBClusterMembers {
		id := aws.ToString(m.DBInstanceIdentifier)
		inst, err := describeInstance(ctx, s.src.clients.RDS, id)
		if err != nil {
			return nil, err
		}
		if st := aws.ToString(inst.DBInstanceStatus); st != "available" {
			waiting = append(waiting, fmt.Sprintf("%s (%s)", id, st))
		}
	}
	return waiting, nil
}

func formatElapsed(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
