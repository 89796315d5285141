// Package secret resolves the spec's secret references into values that
// cannot be printed by accident.
package secret

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/auroracfg/auroracfg/internal/readfile"
	"github.com/auroracfg/auroracfg/schema"
)

// SecretsManagerAPI is the one Secrets Manager call secrets need.
type SecretsManagerAPI interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// Value holds a resolved secret. Every way of formatting it redacts.
type Value struct{ v string }

const redacted = "[redacted]"

// New wraps a secret value.
func New(v string) Value { return Value{v} }

// Reveal returns the secret itself; call it only where the value is sent to a server.
func (s Value) Reveal() string { return s.v }

// Empty reports whether no value is held.
func (s Value) Empty() bool { return s.v == "" }

func (s Value) String() string               { return redacted }
func (s Value) GoString() string             { return redacted }
func (s Value) Format(f fmt.State, _ rune)   { f.Write([]byte(redacted)) }
func (s Value) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
func (s Value) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// maxSecretFile bounds a fromFile secret: a password, a key at most.
const maxSecretFile = 64 << 10

// Resolver resolves references: environment lookups are injected so that
// parallel tests and embedding programs do not share os.Environ.
type Resolver struct {
	Getenv func(string) string
	// BaseDir is where relative fromFile paths start (the spec file's directory).
	BaseDir string
	// SecretsManager resolves fromSecretsManager (nil: not available).
	SecretsManager SecretsManagerAPI
}

// Resolve returns the secret a reference points at; an error never contains it.
func (r Resolver) Resolve(ctx context.Context, ref *schema.SecretRef) (Value, error) {
	switch {
	case ref == nil:
		return Value{}, nil
	case ref.FromEnv != "":
		getenv := r.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		v := getenv(ref.FromEnv)
		if v == "" {
			return Value{}, fmt.Errorf("secret %s: environment variable %s is not set or empty", ref, ref.FromEnv)
		}
		return New(v), nil
	case ref.FromFile != "":
		path := ref.FromFile
		if !filepath.IsAbs(path) {
			path = filepath.Join(r.BaseDir, path)
		}
		data, err := readfile.Regular(path, maxSecretFile)
		if err != nil {
			if inner := errors.Unwrap(err); inner != nil {
				err = inner // the reference says which file
			}
			return Value{}, fmt.Errorf("secret %s: %w", ref, err)
		}
		v := strings.TrimRight(string(data), "\r\n")
		if v == "" {
			return Value{}, fmt.Errorf("secret %s: file is empty", ref)
		}
		return New(v), nil
	case ref.FromSecretsManager != nil:
		return r.fromSecretsManager(ctx, ref)
	}
	return Value{}, fmt.Errorf("secret %s: no source given", ref)
}

func (r Resolver) fromSecretsManager(ctx context.Context, ref *schema.SecretRef) (Value, error) {
	sm := ref.FromSecretsManager
	fields, raw, err := r.SecretJSON(ctx, sm.Secret)
	if err != nil {
		return Value{}, fmt.Errorf("secret %s: %w", ref, err)
	}
	if sm.Key == "" {
		return New(raw), nil
	}
	if fields == nil {
		return Value{}, fmt.Errorf("secret %s: the secret is not a JSON object, so it has no key %q", ref, sm.Key)
	}
	v, ok := fields[sm.Key]
	if !ok || v == "" {
		return Value{}, fmt.Errorf("secret %s: the secret has no key %q", ref, sm.Key)
	}
	return New(v), nil
}

// SecretJSON reads a Secrets Manager secret (name or ARN): its string keys
// when it is a JSON object (nil otherwise), and the raw string. Errors never
// contain the value.
func (r Resolver) SecretJSON(ctx context.Context, id string) (map[string]string, string, error) {
	if r.SecretsManager == nil {
		return nil, "", errors.New("no Secrets Manager client for this source")
	}
	out, err := r.SecretsManager.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
	if err != nil {
		return nil, "", fmt.Errorf("read from Secrets Manager: %w", err)
	}
	raw := aws.ToString(out.SecretString)
	var obj map[string]any
	if json.Unmarshal([]byte(raw), &obj) != nil {
		return nil, raw, nil
	}
	fields := map[string]string{}
	for k, v := range obj {
		if s, ok := v.(string); ok {
			fields[k] = s
		}
	}
	return fields, raw, nil
}
