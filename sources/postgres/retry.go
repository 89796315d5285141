package postgres

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Retryable reports whether err is transient: the connection was lost or
// refused, the server is shutting down or starting (57P01-57P03), or a
// transaction lost a serialization or deadlock race (40001, 40P01), or the
// server turned out to be a standby (25006: a failover moved the primary;
// observing again finds out). A permission error, a bad password, a bad
// statement or a certificate that does not verify is never retried.
func Retryable(err error) bool {
	var secrets secretErrors
	if err == nil || certificateProblem(err) || errors.As(err, &secrets) {
		return false
	}
	if errors.Is(err, ErrConnectionLost) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", "40001", "40P01", "25006":
			return true
		}
		return pgErr.Code[:2] == "08" // connection exceptions
	}
	if pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	var netErr net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.As(err, &netErr)
}

// ErrConnectionLost marks a failure after which the session's connection is
// closed: whatever the driver reported, the transaction is gone with it.
var ErrConnectionLost = errors.New("connection lost")

func connectionLost(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return fmt.Errorf("%w: %w", ErrConnectionLost, err) // the server said why
	}
	return fmt.Errorf("%w (%w)", ErrConnectionLost, err)
}

// certificateProblem reports a TLS certificate that does not verify (an
// unknown authority, a name that does not match, an expired certificate):
// trying again cannot change it.
func certificateProblem(err error) bool {
	var verify *tls.CertificateVerificationError
	var authority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &authority) || errors.As(err, &hostname) || errors.As(err, &invalid)
}
