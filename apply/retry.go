package apply

import (
	"context"
	"time"
)

// RetryPolicy bounds how often a transient failure is retried, with the
// delay doubling after each attempt.
type RetryPolicy struct {
	Attempts  int           // total attempts, the first included
	Delay     time.Duration // before the second attempt
	Retryable func(error) bool
	// Report is told about each retry before its wait, so retries are
	// visible in the output.
	Report func(attempt, attempts int, wait time.Duration, err error)
}

// Do runs fn until it succeeds, fails with a terminal error, or the
// attempts are used up; it returns fn's last error. An interrupt (ctx
// cancelled: Ctrl-C, SIGTERM) is not a fault: whatever fn's error says, it
// is not retried.
func (p RetryPolicy) Do(ctx context.Context, fn func() error) error {
	wait := p.Delay
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || ctx.Err() != nil || attempt >= p.Attempts || p.Retryable == nil || !p.Retryable(err) {
			return err
		}
		if p.Report != nil {
			p.Report(attempt+1, p.Attempts, wait, err)
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait *= 2
	}
}
