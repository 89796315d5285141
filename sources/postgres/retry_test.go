package postgres

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestRetryable(t *testing.T) {
	pg := func(code string) error { return fmt.Errorf("apply: %w", &pgconn.PgError{Code: code}) }
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"admin shutdown", pg("57P01"), true},
		{"starting up", pg("57P03"), true},
		{"serialization failure", pg("40001"), true},
		{"deadlock", pg("40P01"), true},
		{"connection failure", pg("08006"), true},
		{"standby after a failover", pg("25006"), true},
		{"session connection closed", connectionLost(errors.New("conn closed")), true},
		{"lock timeout", pg("55P03"), false},
		{"refused", fmt.Errorf("connect: %w", syscall.ECONNREFUSED), true},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"permission denied", pg("42501"), false},
		{"bad password", pg("28P01"), false},
		{"pg_hba refusal", pg("28000"), false},
		{"syntax", pg("42601"), false},
		{"plain error", errors.New("invalid spec"), false},
		{"nil", nil, false},
	} {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("%s: Retryable = %v, want %v", tc.name, got, tc.want)
		}
	}
}
