package aurora

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	latticetypes "github.com/aws/aws-sdk-go-v2/service/vpclattice/types"

	"github.com/auroracfg/auroracfg/plan"
)

// createResourceGateway creates the gateway (unless an earlier apply did)
// and waits until it is ACTIVE, printing progress.
func (s *Session) createResourceGateway(ctx context.Context, ch plan.CreateResourceGateway) error {
	api := s.src.clients.Lattice
	g, err := resourceGatewayNamed(ctx, api, ch.Name)
	if err != nil {
		return err
	}
	if g == nil {
		groups := ch.SecurityGroups
		if ch.OwnGroup != "" {
			id, err := s.ownGroupID(ctx, ch.OwnGroup, ch.VpcID)
			if err != nil {
				return err
			}
			groups = []string{id}
		}
		out, err := api.CreateResourceGateway(ctx, &vpclattice.CreateResourceGatewayInput{Name: aws.String(ch.Name), VpcIdentifier: aws.String(ch.VpcID),
			SubnetIds: ch.Subnets, SecurityGroupIds: groups, IpAddressType: latticetypes.ResourceGatewayIpAddressTypeIpv4,
			ClientToken: aws.String("auroracfg-" + ch.Name), Tags: map[string]string{"managed-by": "auroracfg"}})
		if err != nil {
			return fmt.Errorf("create resource gateway %s: %w", ch.Name, err)
		}
		g = &plan.ResourceGateway{ID: aws.ToString(out.Id), Name: ch.Name, Status: string(out.Status)}
	}
	return s.waitActive(ctx, "resource gateway", ch.Name, func() (string, error) {
		out, err := api.GetResourceGateway(ctx, &vpclattice.GetResourceGatewayInput{ResourceGatewayIdentifier: aws.String(g.ID)})
		if err != nil {
			return "", fmt.Errorf("get resource gateway %s: %w", ch.Name, err)
		}
		return string(out.Status), nil
	})
}

// ownGroupID is auroracfg's group for the path: created by this session,
// or found by name in the VPC.
func (s *Session) ownGroupID(ctx context.Context, name, vpc string) (string, error) {
	if id := s.created[name]; id != "" {
		return id, nil
	}
	sg, err := securityGroup(ctx, s.src.clients, &plan.DesiredNetwork{SecurityGroup: name}, vpc)
	if err != nil {
		return "", err
	}
	if sg == nil {
		return "", fmt.Errorf("security group %s does not exist", name)
	}
	return sg.ID, nil
}

// createResourceConfiguration publishes the cluster's ARN through the
// gateway, once it is ACTIVE.
func (s *Session) createResourceConfiguration(ctx context.Context, ch plan.CreateResourceConfiguration) error {
	api := s.src.clients.Lattice
	g, err := resourceGatewayNamed(ctx, api, ch.Gateway)
	if err != nil {
		return err
	}
	if g == nil {
		return fmt.Errorf("resource gateway %s does not exist", ch.Gateway)
	}
	rc, err := resourceConfigurationNamed(ctx, api, g.ID, ch.Name)
	if err != nil || rc != nil {
		return err
	}
	out, err := api.CreateResourceConfiguration(ctx, &vpclattice.CreateResourceConfigurationInput{Name: aws.String(ch.Name),
		Type: latticetypes.ResourceConfigurationTypeArn, ResourceGatewayIdentifier: aws.String(g.ID),
		ResourceConfigurationDefinition: &latticetypes.ResourceConfigurationDefinitionMemberArnResource{Value: latticetypes.ArnResource{Arn: aws.String(ch.ResourceARN)}},
		ClientToken:                     aws.String("auroracfg-" + ch.Name), Tags: map[string]string{"managed-by": "auroracfg"}})
	if err != nil {
		return fmt.Errorf("create resource configuration %s: %w", ch.Name, err)
	}
	return s.waitActive(ctx, "resource configuration", ch.Name, func() (string, error) {
		got, err := api.GetResourceConfiguration(ctx, &vpclattice.GetResourceConfigurationInput{ResourceConfigurationIdentifier: out.Id})
		if err != nil {
			return "", fmt.Errorf("get resource configuration %s: %w", ch.Name, err)
		}
		return string(got.Status), nil
	})
}

// shareResource makes the share hold the configuration and the principal:
// created whole when missing, completed otherwise.
func (s *Session) shareResource(ctx context.Context, ch plan.ShareResource) error {
	lat, api := s.src.clients.Lattice, s.src.clients.RAM
	g, err := resourceGatewayNamed(ctx, lat, ch.ResourceConfiguration)
	if err != nil {
		return err
	}
	var rc *plan.ResourceConfiguration
	if g != nil {
		if rc, err = resourceConfigurationNamed(ctx, lat, g.ID, ch.ResourceConfiguration); err != nil {
			return err
		}
	}
	if rc == nil {
		return fmt.Errorf("resource configuration %s does not exist", ch.ResourceConfiguration)
	}
	share, err := resourceShareNamed(ctx, api, ch.Name)
	if err != nil {
		return err
	}
	if share == nil {
		_, err := api.CreateResourceShare(ctx, &ram.CreateResourceShareInput{Name: aws.String(ch.Name), ResourceArns: []string{rc.ARN},
			Principals: []string{ch.Principal}, AllowExternalPrincipals: aws.Bool(true), ClientToken: aws.String("auroracfg-" + ch.Name)})
		return wrap("create resource share "+ch.Name, err)
	}
	in := &ram.AssociateResourceShareInput{ResourceShareArn: aws.String(share.ARN)}
	if !slices.Contains(share.Resources, rc.ARN) {
		in.ResourceArns = []string{rc.ARN}
	}
	if !slices.Contains(share.Principals, ch.Principal) {
		in.Principals = []string{ch.Principal}
	}
	if in.ResourceArns == nil && in.Principals == nil {
		return nil
	}
	_, err = api.AssociateResourceShare(ctx, in)
	return wrap("complete resource share "+ch.Name, err)
}

// waitActive polls a VPC Lattice object until it is ACTIVE, with progress
// lines, up to the wait timeout; a FAILED state ends the wait at once.
func (s *Session) waitActive(ctx context.Context, kind, name string, status func() (string, error)) error {
	opts := s.src.opts
	start := time.Now()
	what := kind + " " + name
	progress := newWaitProgress(opts.Waits, s.src.Name(), opts.ProgressInterval)
	for {
		st, err := status()
		if err != nil {
			return err
		}
		switch {
		case st == plan.LatticeActive:
			return nil
		case strings.HasSuffix(st, "FAILED"):
			return fmt.Errorf("%s is %s", what, st)
		}
		if time.Since(start) > opts.WaitTimeout {
			return fmt.Errorf("timed out after %s waiting for %s to be ACTIVE (it is %s)", opts.WaitTimeout, what, st)
		}
		progress.report(plan.WaitActive, []plan.WaitObject{{Kind: kind, Name: name, Status: st}})
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(opts.PollInterval):
		}
	}
}
