package apply

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var errTransient, errTerminal = errors.New("connection reset"), errors.New("permission denied")

func TestRetryPolicy(t *testing.T) {
	tests := []struct {
		name      string
		failures  []error // returned by successive calls, then nil
		wantCalls int
		wantErr   error
		wantSeen  []int // attempts reported
	}{
		{"succeeds at once", nil, 1, nil, nil},
		{"transient then success", []error{errTransient, errTransient}, 3, nil, []int{2, 3}},
		{"bounded", []error{errTransient, errTransient, errTransient, errTransient}, 3, errTransient, []int{2, 3}},
		{"terminal is not retried", []error{errTerminal}, 1, errTerminal, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			var seen []int
			policy := RetryPolicy{Attempts: 3, Retryable: func(err error) bool { return errors.Is(err, errTransient) },
				Report: func(attempt, _ int, _ time.Duration, _ error) { seen = append(seen, attempt) }}
			err := policy.Do(context.Background(), func() error {
				calls++
				if calls <= len(tc.failures) {
					return tc.failures[calls-1]
				}
				return nil
			})
			if calls != tc.wantCalls || err != tc.wantErr {
				t.Errorf("calls %d err %v, want %d %v", calls, err, tc.wantCalls, tc.wantErr)
			}
			if diff := cmp.Diff(tc.wantSeen, seen); diff != "" {
				t.Errorf("reported attempts (-want +got):\n%s", diff)
			}
		})
	}
}
