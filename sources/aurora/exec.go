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
	if err := s.src.pg.Relock(ctx); err != nil {
		return fmt.Errorf("take the apply lock again after the reboot: %w", err)
	}
	return nil
}

// Execute runs one action.
func (s *Session) Execute(ctx context.Context, a plan.Action) error {
	if !a.OnAWS() {
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
		if a.OnAWS() {
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
	if done, err := s.executePrivateLink(ctx, a); done {
		return err
	}
	c := s.src.clients
	if scope := parameterGroupScope(a.Change); scope != "" && scope != plan.ClusterParameterGroup {
		return fmt.Errorf("%s: an Aurora cluster has no %s parameter group", a.ID, scope)
	}
	switch ch := a.Change.(type) {
	case plan.CreateParameterGroup:
		_, err := c.RDS.CreateDBClusterParameterGroup(ctx, &rds.CreateDBClusterParameterGroupInput{
			DBClusterParameterGroupName: aws.String(ch.Name), DBParameterGroupFamily: aws.String(ch.Family),
			Description: aws.String("Logical replication for ClickPipes (managed by auroracfg)"),
			Tags:        []rdstypes.Tag{{Key: aws.String("managed-by"), Value: aws.String("auroracfg")}},
		})
		var exists *rdstypes.DBParameterGroupAlreadyExistsFault
		if errors.As(err, &exists) {
			return nil // created by an earlier, interrupted apply
		}
		return wrap("create parameter group "+ch.Name, err)
	case plan.SetParameters:
		return s.setParameters(ctx, ch)
	case plan.AttachParameterGroup:
		_, err := c.RDS.ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String(ch.Target),
			DBClusterParameterGroupName: aws.String(ch.Group), ApplyImmediately: aws.Bool(true)})
		return wrap("attach parameter group "+ch.Group, err)
	case plan.RebootCluster:
		return s.reboot(ctx, ch)
	case plan.MarkGlobalWriter:
		return s.markGlobalWriter(ctx, ch)
	case plan.CreateSecurityGroup:
		return s.createSecurityGroup(ctx, ch)
	case plan.AttachSecurityGroup:
		return s.attachSecurityGroup(ctx, a.ID, ch)
	case plan.AuthorizeIngress:
		return s.authorizeIngress(ctx, a.ID, ch)
	case plan.RevokeIngress:
		_, err := c.EC2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(ch.GroupID), SecurityGroupRuleIds: ch.RuleIDs})
		if hasCode(err, "InvalidPermission.NotFound") {
			return nil // already gone
		}
		return wrap("revoke ingress rules", err)
	}
	return fmt.Errorf("%s: %s is not an AWS change", a.ID, a.Kind())
}

func (s *Session) createSecurityGroup(ctx context.Context, ch plan.CreateSecurityGroup) error {
	c := s.src.clients
	out, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(ch.Name), VpcId: aws.String(ch.VpcID),
		Description: aws.String("ClickPipes ingress (managed by auroracfg)"),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeSecurityGroup,
			Tags: []ec2types.Tag{{Key: aws.String("managed-by"), Value: aws.String("auroracfg")}}}},
	})
	if hasCode(err, "InvalidGroup.Duplicate") {
		// Created by a retried request or an interrupted apply: use it.
		sg, findErr := securityGroup(ctx, c, &plan.DesiredNetwork{SecurityGroup: ch.Name}, ch.VpcID)
		if findErr == nil && sg != nil {
			s.created[ch.Name] = sg.ID
			return nil
		}
	}
	if err != nil {
		return wrap("create security group "+ch.Name, err)
	}
	s.created[ch.Name] = aws.ToString(out.GroupId)
	return nil
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// parameterGroupScope is the scope of a parameter group change, "" for
// other changes.
func parameterGroupScope(c plan.Change) plan.ParameterGroupScope {
	switch ch := c.(type) {
	case plan.CreateParameterGroup:
		return ch.Scope
	case plan.SetParameters:
		return ch.Scope
	case plan.AttachParameterGroup:
		return ch.Scope
	}
	return ""
}

// setParameters modifies the group in calls of at most 20 parameters, with
// pending-reboot for static and immediate for dynamic parameters.
func (s *Session) setParameters(ctx context.Context, ch plan.SetParameters) error {
	for start := 0; start < len(ch.Parameters); start += maxParametersPerCall {
		end := min(start+maxParametersPerCall, len(ch.Parameters))
		var params []rdstypes.Parameter
		for _, p := range ch.Parameters[start:end] {
			params = append(params, rdstypes.Parameter{ParameterName: aws.String(p.Name), ParameterValue: aws.String(p.Value), ApplyMethod: rdstypes.ApplyMethod(p.ApplyMethod)})
		}
		if _, err := s.src.clients.RDS.ModifyDBClusterParameterGroup(ctx, &rds.ModifyDBClusterParameterGroupInput{
			DBClusterParameterGroupName: aws.String(ch.Group), Parameters: params}); err != nil {
			return fmt.Errorf("set parameters in %s: %w", ch.Group, err)
		}
	}
	return nil
}

// groupID is a change's security group id, or the id of the group this
// session created under its name.
func (s *Session) groupID(actionID, id, name string) (string, error) {
	if id != "" {
		return id, nil
	}
	if id := s.created[name]; id != "" {
		return id, nil
	}
	return "", fmt.Errorf("%s: security group %s was not created", actionID, name)
}

// attachSecurityGroup adds the group to the cluster's current list (read
// fresh: ModifyDBCluster replaces the whole list).
func (s *Session) attachSecurityGroup(ctx context.Context, actionID string, ch plan.AttachSecurityGroup) error {
	id, err := s.groupID(actionID, ch.GroupID, ch.GroupName)
	if err != nil {
		return err
	}
	cluster, err := describeCluster(ctx, s.src.clients.RDS, ch.Cluster)
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
	_, err = s.src.clients.RDS.ModifyDBCluster(ctx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String(ch.Cluster),
		VpcSecurityGroupIds: append(ids, id), ApplyImmediately: aws.Bool(true)})
	return wrap("add security group "+id+" to cluster "+ch.Cluster, err)
}

// authorizeIngress adds one rule per CIDR still missing (read fresh, so a
// rerun after a crash adds nothing twice; AWS rejects a whole request that
// contains a duplicate).
func (s *Session) authorizeIngress(ctx context.Context, actionID string, ch plan.AuthorizeIngress) error {
	id, err := s.groupID(actionID, ch.GroupID, ch.GroupName)
	if err != nil {
		return err
	}
	missing, err := s.missingCIDRs(ctx, id, ch)
	if err != nil {
		return err
	}
	var ranges []ec2types.IpRange
	for _, cidr := range missing {
		ranges = append(ranges, ec2types.IpRange{CidrIp: aws.String(cidr), Description: aws.String(ch.Description)})
	}
	if len(ranges) == 0 {
		return nil
	}
	_, err = s.src.clients.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(id),
		IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(int32(ch.Port)), ToPort: aws.Int32(int32(ch.Port)), IpRanges: ranges}}})
	if hasCode(err, "InvalidPermission.Duplicate") {
		// A retried request whose first attempt succeeded: done if every
		// CIDR is now allowed.
		if missing, checkErr := s.missingCIDRs(ctx, id, ch); checkErr == nil && len(missing) == 0 {
			return nil
		}
	}
	return wrap("authorize ingress on "+id, err)
}

// missingCIDRs lists the change's CIDRs the group does not allow yet.
func (s *Session) missingCIDRs(ctx context.Context, id string, ch plan.AuthorizeIngress) ([]string, error) {
	rules, err := ingressRules(ctx, s.src.clients, id)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, cidr := range ch.CIDRs {
		if !plan.Allows(rules, cidr, ch.Port) {
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
func (s *Session) reboot(ctx context.Context, ch plan.RebootCluster) error {
	api := s.src.clients.RDS
	order := ch.Instances
	done := map[string]bool{}
	for round := 0; round < 2 && len(order) > 0; round++ {
		for _, inst := range order {
			if done[inst] || inst == "" {
				continue
			}
			s.src.opts.Waits.Waiting(plan.Waiting{Source: s.src.Name(), For: plan.WaitReboot, Start: true, Objects: []plan.WaitObject{{Name: inst}}})
			if _, err := api.RebootDBInstance(ctx, &rds.RebootDBInstanceInput{DBInstanceIdentifier: aws.String(inst)}); err != nil {
				return fmt.Errorf("reboot %s: %w", inst, err)
			}
			done[inst] = true
			if err := s.waitAvailable(ctx, ch.Cluster); err != nil {
				return err
			}
		}
		pending, err := s.pendingReboot(ctx, ch.Cluster)
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
	progress := newWaitProgress(opts.Waits, s.src.Name(), opts.ProgressInterval)
	for {
		waiting, err := s.notAvailable(ctx, cluster)
		if err != nil {
			return err
		}
		if len(waiting) == 0 {
			return nil
		}
		if time.Since(start) > opts.WaitTimeout {
			var names []string
			for _, w := range waiting {
				names = append(names, strings.TrimSpace(w.Kind+" "+w.Name)+" ("+w.Status+")")
			}
			return fmt.Errorf("timed out after %s waiting for %s to be available", opts.WaitTimeout, strings.Join(names, ", "))
		}
		progress.report(plan.WaitAvailable, waiting)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(opts.PollInterval):
		}
	}
}

// notAvailable lists the cluster and instances that are not available yet,
// with their status.
func (s *Session) notAvailable(ctx context.Context, cluster string) ([]plan.WaitObject, error) {
	c, err := describeCluster(ctx, s.src.clients.RDS, cluster)
	if err != nil {
		return nil, err
	}
	var waiting []plan.WaitObject
	if st := aws.ToString(c.Status); st != "available" {
		waiting = append(waiting, plan.WaitObject{Kind: "cluster", Name: cluster, Status: st})
	}
	for _, m := range c.DBClusterMembers {
		id := aws.ToString(m.DBInstanceIdentifier)
		inst, err := describeInstance(ctx, s.src.clients.RDS, id)
		if err != nil {
			return nil, err
		}
		if st := aws.ToString(inst.DBInstanceStatus); st != "available" {
			waiting = append(waiting, plan.WaitObject{Name: id, Status: st})
		}
	}
	return waiting, nil
}
