// Package awsfake holds the few fakes of AWS behaviour the emulator (moto)
// lacks, each written to AWS's documented behaviour: VPC Lattice resource
// gateways and configurations, RAM shares of them, the endpoint
// connections of a VPC endpoint service, a resolver for the emulator's
// instance endpoints, which no DNS knows, and around moto's RDS the
// pending-reboot cycle of parameter groups, busy clusters and Global
// Database primaries and tags (RDS). Everything else in tests is moto.
//
// A fake keeps its state in a JSON file, so that an apply killed half-way
// (the crash tests) leaves it for the next process, as AWS would.
package awsfake

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"sync"

	"github.com/aws/smithy-go"
)

// store is a JSON file of state, read before and written after each call.
type store[T any] struct {
	mu   sync.Mutex
	path string
}

func (s *store[T]) update(f func(*T) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st T
	data, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	default:
		if err := json.Unmarshal(data, &st); err != nil {
			return err
		}
	}
	if err := f(&st); err != nil {
		return err
	}
	data, err = json.Marshal(&st)
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, s.path)
}

// apiError is an AWS error as the SDK reports it (code and message).
func apiError(code, message string) error {
	return &smithy.GenericAPIError{Code: code, Message: message, Fault: smithy.FaultClient}
}

func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	rand.Read(b)
	return hex.EncodeToString(b)[:n]
}
