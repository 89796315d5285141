package aurora

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/smithy-go"
)

func TestRetryable(t *testing.T) {
	aws := func(code string) error {
		return fmt.Errorf("attach parameter group: %w", &smithy.GenericAPIError{Code: code, Message: "m"})
	}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"cluster busy", aws("InvalidDBClusterStateFault"), true},
		{"instance busy", aws("InvalidDBInstanceState"), true},
		{"RDS throttling", aws("Throttling"), true},
		{"EC2 throttling", aws("RequestLimitExceeded"), true},
		{"landed on a reader", fmt.Errorf("source s: %w", &ReaderError{Cluster: "c", Address: "h:5432/db"}), true},
		{"access denied", aws("AccessDenied"), false},
		{"unauthorized operation", aws("UnauthorizedOperation"), false},
		{"cluster not found", aws("DBClusterNotFoundFault"), false},
		{"plain error", errors.New("reboot: waited 30m0s"), false},
	} {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("%s: Retryable = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// An AWS error is known by its code, not by text that contains it: a
// message quoting a code (an error from elsewhere, a group named so) is not
// that error.
func TestHasCode(t *testing.T) {
	apiErr := fmt.Errorf("create security group: %w", &smithy.GenericAPIError{Code: "InvalidGroup.Duplicate", Message: "exists"})
	if !hasCode(apiErr, "InvalidGroup.Duplicate") {
		t.Errorf("hasCode(%v) = false, want true", apiErr)
	}
	for _, err := range []error{nil, errors.New("InvalidGroup.Duplicate: not from AWS"),
		&smithy.GenericAPIError{Code: "InvalidGroup.NotFound", Message: "InvalidGroup.Duplicate"}} {
		if hasCode(err, "InvalidGroup.Duplicate") {
			t.Errorf("hasCode(%v) = true, want false", err)
		}
	}
}
