package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ram"
)

// AWS RAM: the share of a resource configuration with ClickPipes.

// RAM is the part of AWS RAM auroracfg uses.
type RAM interface {
	ram.GetResourceSharesAPIClient
	ram.GetResourceShareAssociationsAPIClient
	CreateResourceShareAPI
	AssociateResourceShareAPI
}

// CreateResourceShareAPI is ram.Client.CreateResourceShare.
type CreateResourceShareAPI interface {
	CreateResourceShare(ctx context.Context, in *ram.CreateResourceShareInput, opts ...func(*ram.Options)) (*ram.CreateResourceShareOutput, error)
}

// AssociateResourceShareAPI is ram.Client.AssociateResourceShare.
type AssociateResourceShareAPI interface {
	AssociateResourceShare(ctx context.Context, in *ram.AssociateResourceShareInput, opts ...func(*ram.Options)) (*ram.AssociateResourceShareOutput, error)
}
