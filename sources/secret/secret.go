// Package secret resolves the spec's secret references into values that
// cannot be printed by accident.
package secret

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/auroracfg/auroracfg/schema"
)

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

// Resolver resolves references: environment lookups are injected so that
// parallel tests and embedding programs do not share os.Environ.
type Resolver struct {
	Getenv func(string) string
	// BaseDir is where relative fromFile paths start (the spec file's directory).
	BaseDir string
}

// Resolve returns the secret a reference points at; an error never contains it.
func (r Resolver) Resolve(ref *schema.SecretRef) (Value, error) {
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
		data, err := os.ReadFile(path)
		if err != nil {
			return Value{}, fmt.Errorf("secret %s: %w", ref, errors.Unwrap(err))
		}
		v := strings.TrimRight(string(data), "\r\n")
		if v == "" {
			return Value{}, fmt.Errorf("secret %s: file is empty", ref)
		}
		return New(v), nil
	}
	return Value{}, fmt.Errorf("secret %s: no source given", ref)
}
