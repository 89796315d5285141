package awsfake

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice/types"
)

// Lattice fakes the VPC Lattice calls of auroracfg's resource path, as the
// VPC Lattice API reference describes them: names unique per account
// (ConflictException), client tokens making a repeated create return the
// first one, unknown ids giving ResourceNotFoundException, objects created
// CREATE_IN_PROGRESS that turn ACTIVE after a while (here: after
// ActivateAfter reads of them), a configuration only on an ACTIVE gateway,
// and lists in pages of PageSize.
type Lattice struct {
	Account, Region string
	ActivateAfter   int
	PageSize        int
	// Calls, when set, is told the IAM action of every call (the IAM
	// policy test compares them with examples/).
	Calls func(action string)
	st    store[latticeState]
}

func (l *Lattice) called(action string) {
	if l.Calls != nil {
		l.Calls(action)
	}
}

type latticeState struct {
	Gateways []*gateway
	Configs  []*configuration
	Shares   []*share
}

type gateway struct {
	ID, ARN, Name, VpcID, Status, Token string
	Subnets, SecurityGroups             []string
	Reads                               int
}

type configuration struct {
	ID, ARN, Name, Gateway, ResourceARN, Status, Token string
	Reads                                              int
}

// NewLattice returns the fake of one account and region, keeping its state
// (and the RAM fake's, see RAM) in the file at path.
func NewLattice(path, account, region string) *Lattice {
	return &Lattice{Account: account, Region: region, ActivateAfter: 2, PageSize: 2, st: store[latticeState]{path: path}}
}

func (l *Lattice) arn(kind, id string) string {
	return fmt.Sprintf("arn:aws:vpc-lattice:%s:%s:%s/%s", l.Region, l.Account, kind, id)
}

// CreateResourceGateway creates a gateway, CREATE_IN_PROGRESS.
func (l *Lattice) CreateResourceGateway(ctx context.Context, in *vpclattice.CreateResourceGatewayInput, _ ...func(*vpclattice.Options)) (*vpclattice.CreateResourceGatewayOutput, error) {
	l.called("vpc-lattice:CreateResourceGateway")
	var out *vpclattice.CreateResourceGatewayOutput
	err := l.st.update(func(st *latticeState) error {
		name := aws.ToString(in.Name)
		if name == "" || in.VpcIdentifier == nil || len(in.SubnetIds) == 0 {
			return apiError("ValidationException", "name, vpcIdentifier and subnetIds are required")
		}
		for _, g := range st.Gateways {
			if g.Name != name {
				continue
			}
			if in.ClientToken != nil && g.Token == aws.ToString(in.ClientToken) {
				out = &vpclattice.CreateResourceGatewayOutput{Id: aws.String(g.ID), Arn: aws.String(g.ARN), Name: aws.String(name), Status: types.ResourceGatewayStatus(g.Status)}
				return nil
			}
			return apiError("ConflictException", "a resource gateway named "+name+" already exists")
		}
		id := "rgw-" + randomHex(17)
		g := &gateway{ID: id, ARN: l.arn("resourcegateway", id), Name: name, VpcID: aws.ToString(in.VpcIdentifier), Status: "CREATE_IN_PROGRESS",
			Token: aws.ToString(in.ClientToken), Subnets: in.SubnetIds, SecurityGroups: in.SecurityGroupIds}
		st.Gateways = append(st.Gateways, g)
		out = &vpclattice.CreateResourceGatewayOutput{Id: aws.String(id), Arn: aws.String(g.ARN), Name: aws.String(name), Status: types.ResourceGatewayStatus(g.Status),
			VpcIdentifier: in.VpcIdentifier, SubnetIds: in.SubnetIds, SecurityGroupIds: in.SecurityGroupIds}
		return nil
	})
	return out, err
}

func (l *Lattice) findGateway(st *latticeState, idOrARN string) *gateway {
	for _, g := range st.Gateways {
		if g.ID == idOrARN || g.ARN == idOrARN {
			return g
		}
	}
	return nil
}

// GetResourceGateway reads a gateway; each read brings it nearer ACTIVE.
func (l *Lattice) GetResourceGateway(ctx context.Context, in *vpclattice.GetResourceGatewayInput, _ ...func(*vpclattice.Options)) (*vpclattice.GetResourceGatewayOutput, error) {
	l.called("vpc-lattice:GetResourceGateway")
	var out *vpclattice.GetResourceGatewayOutput
	err := l.st.update(func(st *latticeState) error {
		g := l.findGateway(st, aws.ToString(in.ResourceGatewayIdentifier))
		if g == nil {
			return apiError("ResourceNotFoundException", "resource gateway "+aws.ToString(in.ResourceGatewayIdentifier)+" not found")
		}
		if g.Reads++; g.Status == "CREATE_IN_PROGRESS" && g.Reads >= l.ActivateAfter {
			g.Status = "ACTIVE"
		}
		out = &vpclattice.GetResourceGatewayOutput{Id: aws.String(g.ID), Arn: aws.String(g.ARN), Name: aws.String(g.Name), Status: types.ResourceGatewayStatus(g.Status),
			VpcId: aws.String(g.VpcID), SubnetIds: g.Subnets, SecurityGroupIds: g.SecurityGroups}
		return nil
	})
	return out, err
}

// ListResourceGateways lists gateways a page at a time.
func (l *Lattice) ListResourceGateways(ctx context.Context, in *vpclattice.ListResourceGatewaysInput, _ ...func(*vpclattice.Options)) (*vpclattice.ListResourceGatewaysOutput, error) {
	l.called("vpc-lattice:ListResourceGateways")
	out := &vpclattice.ListResourceGatewaysOutput{}
	err := l.st.update(func(st *latticeState) error {
		page, next, err := l.page(len(st.Gateways), in.NextToken)
		for _, i := range page {
			g := st.Gateways[i]
			out.Items = append(out.Items, types.ResourceGatewaySummary{Id: aws.String(g.ID), Arn: aws.String(g.ARN), Name: aws.String(g.Name),
				Status: types.ResourceGatewayStatus(g.Status), VpcIdentifier: aws.String(g.VpcID), SubnetIds: g.Subnets, SecurityGroupIds: g.SecurityGroups})
		}
		out.NextToken = next
		return err
	})
	return out, err
}

// page returns the indexes of one page of n items and the next token.
func (l *Lattice) page(n int, token *string) ([]int, *string, error) {
	start := 0
	if token != nil {
		var err error
		if start, err = strconv.Atoi(aws.ToString(token)); err != nil || start < 0 || start > n {
			return nil, nil, apiError("ValidationException", "invalid nextToken")
		}
	}
	end := min(start+l.PageSize, n)
	var idx []int
	for i := start; i < end; i++ {
		idx = append(idx, i)
	}
	if end < n {
		return idx, aws.String(strconv.Itoa(end)), nil
	}
	return idx, nil, nil
}

// CreateResourceConfiguration publishes an ARN through an ACTIVE gateway.
func (l *Lattice) CreateResourceConfiguration(ctx context.Context, in *vpclattice.CreateResourceConfigurationInput, _ ...func(*vpclattice.Options)) (*vpclattice.CreateResourceConfigurationOutput, error) {
	l.called("vpc-lattice:CreateResourceConfiguration")
	var out *vpclattice.CreateResourceConfigurationOutput
	err := l.st.update(func(st *latticeState) error {
		name := aws.ToString(in.Name)
		g := l.findGateway(st, aws.ToString(in.ResourceGatewayIdentifier))
		if g == nil {
			return apiError("ResourceNotFoundException", "resource gateway "+aws.ToString(in.ResourceGatewayIdentifier)+" not found")
		}
		if g.Status != "ACTIVE" {
			return apiError("ConflictException", "resource gateway "+g.ID+" is "+g.Status)
		}
		arnDef, ok := in.ResourceConfigurationDefinition.(*types.ResourceConfigurationDefinitionMemberArnResource)
		if in.Type != types.ResourceConfigurationTypeArn || !ok || arnDef.Value.Arn == nil {
			return apiError("ValidationException", "this fake takes type ARN with an arnResource only")
		}
		if len(in.PortRanges) > 0 {
			return apiError("ValidationException", "portRanges cannot be given for a resource configuration of type ARN")
		}
		for _, c := range st.Configs {
			if c.Name == name {
				if in.ClientToken != nil && c.Token == aws.ToString(in.ClientToken) {
					out = &vpclattice.CreateResourceConfigurationOutput{Id: aws.String(c.ID), Arn: aws.String(c.ARN), Name: aws.String(name), Status: types.ResourceConfigurationStatus(c.Status)}
					return nil
				}
				return apiError("ConflictException", "a resource configuration named "+name+" already exists")
			}
		}
		id := "rcfg-" + randomHex(17)
		c := &configuration{ID: id, ARN: l.arn("resourceconfiguration", id), Name: name, Gateway: g.ID, ResourceARN: aws.ToString(arnDef.Value.Arn),
			Status: "CREATE_IN_PROGRESS", Token: aws.ToString(in.ClientToken)}
		st.Configs = append(st.Configs, c)
		out = &vpclattice.CreateResourceConfigurationOutput{Id: aws.String(id), Arn: aws.String(c.ARN), Name: aws.String(name),
			Status: types.ResourceConfigurationStatus(c.Status), ResourceGatewayId: aws.String(g.ID), Type: in.Type}
		return nil
	})
	return out, err
}

// GetResourceConfiguration reads one, with what it publishes.
func (l *Lattice) GetResourceConfiguration(ctx context.Context, in *vpclattice.GetResourceConfigurationInput, _ ...func(*vpclattice.Options)) (*vpclattice.GetResourceConfigurationOutput, error) {
	l.called("vpc-lattice:GetResourceConfiguration")
	var out *vpclattice.GetResourceConfigurationOutput
	err := l.st.update(func(st *latticeState) error {
		id := aws.ToString(in.ResourceConfigurationIdentifier)
		for _, c := range st.Configs {
			if c.ID != id && c.ARN != id {
				continue
			}
			if c.Reads++; c.Status == "CREATE_IN_PROGRESS" && c.Reads >= l.ActivateAfter {
				c.Status = "ACTIVE"
			}
			out = &vpclattice.GetResourceConfigurationOutput{Id: aws.String(c.ID), Arn: aws.String(c.ARN), Name: aws.String(c.Name),
				Status: types.ResourceConfigurationStatus(c.Status), Type: types.ResourceConfigurationTypeArn, ResourceGatewayId: aws.String(c.Gateway),
				ResourceConfigurationDefinition: &types.ResourceConfigurationDefinitionMemberArnResource{Value: types.ArnResource{Arn: aws.String(c.ResourceARN)}},
				CreatedAt:                       aws.Time(time.Unix(0, 0))}
			return nil
		}
		return apiError("ResourceNotFoundException", "resource configuration "+id+" not found")
	})
	return out, err
}

// ListResourceConfigurations lists a gateway's configurations a page at a
// time.
func (l *Lattice) ListResourceConfigurations(ctx context.Context, in *vpclattice.ListResourceConfigurationsInput, _ ...func(*vpclattice.Options)) (*vpclattice.ListResourceConfigurationsOutput, error) {
	l.called("vpc-lattice:ListResourceConfigurations")
	out := &vpclattice.ListResourceConfigurationsOutput{}
	err := l.st.update(func(st *latticeState) error {
		var mine []*configuration
		for _, c := range st.Configs {
			if in.ResourceGatewayIdentifier == nil || c.Gateway == aws.ToString(in.ResourceGatewayIdentifier) {
				mine = append(mine, c)
			}
		}
		page, next, err := l.page(len(mine), in.NextToken)
		for _, i := range page {
			c := mine[i]
			out.Items = append(out.Items, types.ResourceConfigurationSummary{Id: aws.String(c.ID), Arn: aws.String(c.ARN), Name: aws.String(c.Name),
				Status: types.ResourceConfigurationStatus(c.Status), Type: types.ResourceConfigurationTypeArn, ResourceGatewayId: aws.String(c.Gateway)})
		}
		out.NextToken = next
		return err
	})
	return out, err
}
