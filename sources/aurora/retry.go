package aurora

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
)

// retryableCodes are AWS error codes that mean "not now": a cluster or
// instance busy with another change, or a throttled request (the SDK's own
// retryer gives up on throttling after three tries).
var retryableCodes = map[string]bool{
	"InvalidDBClusterStateFault":   true,
	"InvalidDBInstanceState":       true,
	"InvalidDBParameterGroupState": true,
	"Throttling":                   true,
	"ThrottlingException":          true,
	"RequestLimitExceeded":         true,
	"TooManyRequestsException":     true,
}

// Retryable reports whether an AWS failure is transient, or whether the
// writer endpoint led to a reader (a failover in progress).
func Retryable(err error) bool {
	var reader *ReaderError
	if errors.As(err, &reader) {
		return true
	}
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && retryableCodes[apiErr.ErrorCode()]
}

// hasCode reports whether err is an AWS API error with this code (the
// code, not text that happens to contain it).
func hasCode(err error, code string) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode() == code
}

// ReaderError says the cluster (writer) endpoint led to a server in
// recovery: during a failover the endpoint's DNS name points at the old
// writer, now a reader, for a while. Observing again describes the cluster
// and resolves the endpoint afresh.
type ReaderError struct {
	Cluster, Address string
}

func (e *ReaderError) Error() string {
	return fmt.Sprintf("the writer endpoint of cluster %s led to a reader (%s is in recovery): a failover may be in progress, or connect.host names a reader", e.Cluster, e.Address)
}
