package postgres

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/auroracfg/auroracfg/schema"
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
		// a certificate that does not verify will not verify next time
		// either (it is wrapped the way pgconn wraps a failed connect)
		{"certificate", fmt.Errorf("connect: %w", &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), false},
		{"certificate name", fmt.Errorf("connect: tls: %w", x509.HostnameError{Host: "db"}), false},
		{"nil", nil, false},
	} {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("%s: Retryable = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSSLRootCert: connect.sslrootcert is found from the spec's directory
// and handed to the driver, which reads it when the settings are built: a
// CA that is not there is an error before anything is contacted.
func TestSSLRootCert(t *testing.T) {
	c := WithBaseDir(schema.Connect{Host: "db", SSLMode: "verify-full", SSLRootCert: "certs/ca.pem"}, "/specs")
	if c.SSLRootCert != "/specs/certs/ca.pem" {
		t.Errorf("sslrootcert = %q, want it from the spec's directory", c.SSLRootCert)
	}
	if _, err := ConnConfig(c, "d", "u", "p"); err == nil || !strings.Contains(err.Error(), "/specs/certs/ca.pem") {
		t.Errorf("a missing CA: %v", err)
	}
	if abs := WithBaseDir(schema.Connect{SSLRootCert: "/etc/ca.pem"}, "/specs"); abs.SSLRootCert != "/etc/ca.pem" {
		t.Errorf("an absolute path moved: %q", abs.SSLRootCert)
	}
}

// TestCheckPassword: a password psql (SASLprep) and the ClickPipes engine
// (pgx, PRECIS) would send differently is refused; any other, non-ASCII
// included, passes.
func TestCheckPassword(t *testing.T) {
	for pw, ok := range map[string]bool{
		"plain-ASCII-123":          true,
		"Grüße-café-密码":            true,  // composed accents, CJK: sent as written by both
		"cafe\u0301":               false, // decomposed accent: NFKC composes it
		"no\u00a0break":            false, // a non-ASCII space: SASLprep maps it to a space
		"soft\u00adhyphen":         false, // mapped to nothing by SASLprep
		"zero\u200bwidth":          false,
		"\uff46\uff55\uff4c\uff4c": false, // fullwidth letters: NFKC makes them ASCII
		"\ufb01ne":                 false, // a ligature
	} {
		if err := CheckPassword(pw); (err == nil) != ok {
			t.Errorf("%q: %v, want ok=%v", pw, err, ok)
		}
	}
}
