package awsfake

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	"github.com/aws/aws-sdk-go-v2/service/ram/types"
)

// RAM fakes the AWS RAM calls of the resource path, as the RAM API
// reference describes them, for shares of the Lattice fake's resource
// configurations (moto refuses to share those and lacks
// AssociateResourceShare): resourceOwner and associationType required,
// unknown resources UnknownResourceException, malformed principals
// MalformedArnException, an external principal only with
// allowExternalPrincipals, client tokens returning the first share.
type RAM struct{ l *Lattice }

// RAM is the RAM fake over the same state.
func (l *Lattice) RAM() *RAM { return &RAM{l: l} }

type share struct {
	ARN, Name, Token      string
	External              bool
	Principals, Resources []string
}

var principalRE = regexp.MustCompile(`^(\d{12}|arn:aws:iam::\d{12}:(root|role/.+|user/.+))$`)

func (r *RAM) resourceExists(st *latticeState, arn string) bool {
	for _, c := range st.Configs {
		if c.ARN == arn {
			return true
		}
	}
	return false
}

func (r *RAM) check(st *latticeState, resources, principals []string, external bool) error {
	for _, a := range resources {
		if !r.resourceExists(st, a) {
			return apiError("UnknownResourceException", "resource "+a+" does not exist")
		}
	}
	for _, p := range principals {
		if !principalRE.MatchString(p) {
			return apiError("MalformedArnException", "principal "+p+" is malformed")
		}
		if !external {
			return apiError("OperationNotPermittedException", "principal "+p+" is outside your organization and the share does not allow external principals")
		}
	}
	return nil
}

// CreateResourceShare creates a share with its resources and principals.
func (r *RAM) CreateResourceShare(ctx context.Context, in *ram.CreateResourceShareInput, _ ...func(*ram.Options)) (*ram.CreateResourceShareOutput, error) {
	r.l.called("ram:CreateResourceShare")
	var out *ram.CreateResourceShareOutput
	err := r.l.st.update(func(st *latticeState) error {
		if aws.ToString(in.Name) == "" {
			return apiError("MissingRequiredParameterException", "name is required")
		}
		for _, s := range st.Shares {
			if in.ClientToken != nil && s.Token == aws.ToString(in.ClientToken) {
				out = &ram.CreateResourceShareOutput{ResourceShare: r.describe(s)}
				return nil
			}
		}
		external := in.AllowExternalPrincipals == nil || aws.ToBool(in.AllowExternalPrincipals)
		if err := r.check(st, in.ResourceArns, in.Principals, external); err != nil {
			return err
		}
		s := &share{ARN: fmt.Sprintf("arn:aws:ram:%s:%s:resource-share/%s", r.l.Region, r.l.Account, randomHex(32)), Name: aws.ToString(in.Name),
			Token: aws.ToString(in.ClientToken), External: external, Principals: in.Principals, Resources: in.ResourceArns}
		st.Shares = append(st.Shares, s)
		out = &ram.CreateResourceShareOutput{ResourceShare: r.describe(s)}
		return nil
	})
	return out, err
}

func (r *RAM) describe(s *share) *types.ResourceShare {
	return &types.ResourceShare{ResourceShareArn: aws.String(s.ARN), Name: aws.String(s.Name), Status: types.ResourceShareStatusActive,
		OwningAccountId: aws.String(r.l.Account), AllowExternalPrincipals: aws.Bool(s.External)}
}

// GetResourceShares lists the account's shares, by name.
func (r *RAM) GetResourceShares(ctx context.Context, in *ram.GetResourceSharesInput, _ ...func(*ram.Options)) (*ram.GetResourceSharesOutput, error) {
	r.l.called("ram:GetResourceShares")
	out := &ram.GetResourceSharesOutput{}
	err := r.l.st.update(func(st *latticeState) error {
		if in.ResourceOwner == "" {
			return apiError("MissingRequiredParameterException", "resourceOwner is required")
		}
		if in.ResourceOwner != types.ResourceOwnerSelf {
			return nil
		}
		for _, s := range st.Shares {
			if in.Name == nil || aws.ToString(in.Name) == s.Name {
				out.ResourceShares = append(out.ResourceShares, *r.describe(s))
			}
		}
		return nil
	})
	return out, err
}

// GetResourceShareAssociations lists a share's principals or resources.
func (r *RAM) GetResourceShareAssociations(ctx context.Context, in *ram.GetResourceShareAssociationsInput, _ ...func(*ram.Options)) (*ram.GetResourceShareAssociationsOutput, error) {
	r.l.called("ram:GetResourceShareAssociations")
	out := &ram.GetResourceShareAssociationsOutput{}
	err := r.l.st.update(func(st *latticeState) error {
		if in.AssociationType != types.ResourceShareAssociationTypePrincipal && in.AssociationType != types.ResourceShareAssociationTypeResource {
			return apiError("InvalidParameterException", "associationType must be PRINCIPAL or RESOURCE")
		}
		for _, s := range st.Shares {
			if len(in.ResourceShareArns) > 0 && !slices.Contains(in.ResourceShareArns, s.ARN) {
				continue
			}
			entities := s.Resources
			if in.AssociationType == types.ResourceShareAssociationTypePrincipal {
				entities = s.Principals
			}
			for _, e := range entities {
				out.ResourceShareAssociations = append(out.ResourceShareAssociations, types.ResourceShareAssociation{ResourceShareArn: aws.String(s.ARN),
					ResourceShareName: aws.String(s.Name), AssociatedEntity: aws.String(e), AssociationType: in.AssociationType,
					Status: types.ResourceShareAssociationStatusAssociated, External: aws.Bool(in.AssociationType == types.ResourceShareAssociationTypePrincipal)})
			}
		}
		return nil
	})
	return out, err
}

// AssociateResourceShare adds resources and principals to a share.
func (r *RAM) AssociateResourceShare(ctx context.Context, in *ram.AssociateResourceShareInput, _ ...func(*ram.Options)) (*ram.AssociateResourceShareOutput, error) {
	r.l.called("ram:AssociateResourceShare")
	err := r.l.st.update(func(st *latticeState) error {
		for _, s := range st.Shares {
			if s.ARN != aws.ToString(in.ResourceShareArn) {
				continue
			}
			if err := r.check(st, in.ResourceArns, in.Principals, s.External); err != nil {
				return err
			}
			for _, a := range in.ResourceArns {
				if !slices.Contains(s.Resources, a) {
					s.Resources = append(s.Resources, a)
				}
			}
			for _, p := range in.Principals {
				if !slices.Contains(s.Principals, p) {
					s.Principals = append(s.Principals, p)
				}
			}
			return nil
		}
		return apiError("UnknownResourceException", "resource share "+aws.ToString(in.ResourceShareArn)+" does not exist")
	})
	return &ram.AssociateResourceShareOutput{}, err
}
