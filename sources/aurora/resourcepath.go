package aurora

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	ramtypes "github.com/aws/aws-sdk-go-v2/service/ram/types"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	latticetypes "github.com/aws/aws-sdk-go-v2/service/vpclattice/types"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/sources/awsapi"
)

// observeResourcePath reads the VPC resource path by its resource name:
// the gateway, its configuration (with what it publishes) and the share.
func observeResourcePath(ctx context.Context, c Clients, name string, pl *plan.PrivateLinkObserved) error {
	if c.Lattice == nil || c.RAM == nil {
		return fmt.Errorf("privateLink type resource needs VPC Lattice and RAM clients")
	}
	g, err := resourceGatewayNamed(ctx, c.Lattice, name)
	if err != nil || g == nil {
		return err
	}
	pl.Gateway = g
	if pl.Config, err = resourceConfigurationNamed(ctx, c.Lattice, g.ID, name); err != nil {
		return err
	}
	pl.Share, err = resourceShareNamed(ctx, c.RAM, name)
	return err
}

func resourceGatewayNamed(ctx context.Context, api vpclattice.ListResourceGatewaysAPIClient, name string) (*plan.ResourceGateway, error) {
	p := vpclattice.NewListResourceGatewaysPaginator(api, &vpclattice.ListResourceGatewaysInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list resource gateways: %w", err)
		}
		for _, g := range page.Items {
			if aws.ToString(g.Name) == name {
				return resourceGatewayOf(g), nil
			}
		}
	}
	return nil, nil
}

func resourceGatewayOf(g latticetypes.ResourceGatewaySummary) *plan.ResourceGateway {
	out := &plan.ResourceGateway{ID: aws.ToString(g.Id), ARN: aws.ToString(g.Arn), Name: aws.ToString(g.Name), Status: string(g.Status),
		VpcID: aws.ToString(g.VpcIdentifier), Subnets: append([]string{}, g.SubnetIds...), SecurityGroups: append([]string{}, g.SecurityGroupIds...)}
	sort.Strings(out.Subnets)
	sort.Strings(out.SecurityGroups)
	return out
}

// resourceConfigurationReader finds a gateway's resource configuration.
type resourceConfigurationReader interface {
	awsapi.GetResourceConfigurationAPI
	vpclattice.ListResourceConfigurationsAPIClient
}

func resourceConfigurationNamed(ctx context.Context, api resourceConfigurationReader, gatewayID, name string) (*plan.ResourceConfiguration, error) {
	p := vpclattice.NewListResourceConfigurationsPaginator(api, &vpclattice.ListResourceConfigurationsInput{ResourceGatewayIdentifier: aws.String(gatewayID)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list the resource configurations of %s: %w", gatewayID, err)
		}
		for _, rc := range page.Items {
			if aws.ToString(rc.Name) != name {
				continue
			}
			full, err := api.GetResourceConfiguration(ctx, &vpclattice.GetResourceConfigurationInput{ResourceConfigurationIdentifier: rc.Id})
			if err != nil {
				return nil, fmt.Errorf("get resource configuration %s: %w", name, err)
			}
			out := &plan.ResourceConfiguration{ID: aws.ToString(full.Id), ARN: aws.ToString(full.Arn), Name: name, Status: string(full.Status),
				Type: string(full.Type), Gateway: aws.ToString(full.ResourceGatewayId)}
			if arn, ok := full.ResourceConfigurationDefinition.(*latticetypes.ResourceConfigurationDefinitionMemberArnResource); ok {
				out.ResourceARN = aws.ToString(arn.Value.Arn)
			}
			return out, nil
		}
	}
	return nil, nil
}

// resourceShareReader finds a share and what it holds.
type resourceShareReader interface {
	ram.GetResourceShareAssociationsAPIClient
	ram.GetResourceSharesAPIClient
}

// resourceShareNamed finds the account's active share of that name with
// its principals and resources.
func resourceShareNamed(ctx context.Context, api resourceShareReader, name string) (*plan.ResourceShare, error) {
	out, err := api.GetResourceShares(ctx, &ram.GetResourceSharesInput{ResourceOwner: ramtypes.ResourceOwnerSelf, Name: aws.String(name),
		ResourceShareStatus: ramtypes.ResourceShareStatusActive})
	if err != nil {
		return nil, fmt.Errorf("get resource share %s: %w", name, err)
	}
	if len(out.ResourceShares) == 0 {
		return nil, nil
	}
	s := out.ResourceShares[0]
	share := &plan.ResourceShare{ARN: aws.ToString(s.ResourceShareArn), Name: aws.ToString(s.Name), Status: string(s.Status)}
	for _, kind := range []ramtypes.ResourceShareAssociationType{ramtypes.ResourceShareAssociationTypePrincipal, ramtypes.ResourceShareAssociationTypeResource} {
		assoc, err := api.GetResourceShareAssociations(ctx, &ram.GetResourceShareAssociationsInput{AssociationType: kind, ResourceShareArns: []string{share.ARN}})
		if err != nil {
			return nil, fmt.Errorf("get the associations of resource share %s: %w", name, err)
		}
		for _, a := range assoc.ResourceShareAssociations {
			if a.Status != ramtypes.ResourceShareAssociationStatusAssociated && a.Status != ramtypes.ResourceShareAssociationStatusAssociating {
				continue
			}
			if kind == ramtypes.ResourceShareAssociationTypePrincipal {
				share.Principals = append(share.Principals, aws.ToString(a.AssociatedEntity))
			} else {
				share.Resources = append(share.Resources, aws.ToString(a.AssociatedEntity))
			}
		}
	}
	sort.Strings(share.Principals)
	sort.Strings(share.Resources)
	return share, nil
}
