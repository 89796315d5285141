package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// AWS Secrets Manager: the spec's secret references.

// SecretsManager is the part of Secrets Manager auroracfg uses.
type SecretsManager interface {
	GetSecretValueAPI
}

// GetSecretValueAPI is secretsmanager.Client.GetSecretValue.
type GetSecretValueAPI interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}
