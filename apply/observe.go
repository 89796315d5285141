package apply

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
)

// ObserveOptions shape how a fleet of sources is observed and planned.
type ObserveOptions struct {
	// Parallelism bounds how many sources are observed at once (at least 1).
	Parallelism int
	// Hooks hear of slow sources and retries (nil: nothing is told); they
	// are called from every source's goroutine at once.
	Hooks ObserveHooks
	// ProgressInterval is how often a slow source says it is still being
	// observed (default 20 s).
	ProgressInterval time.Duration
	// Retry retries transient failures; each retry is told to Hooks.
	Retry RetryPolicy
}

// PlanAll observes and plans sources concurrently, at most Parallelism at a
// time; results keep the sources' order. A source that takes long prints
// "still observing … [0m20s elapsed]" lines at a steady interval. Observing
// only reads, so a transient failure (connection lost or refused, server
// restarting) is retried as opts.Retry says, each retry announced. A source
// that still fails has its error, prefixed with its name; the others are
// planned all the same.
func PlanAll(ctx context.Context, sources []Source, opts ObserveOptions) ([]plan.SourcePlan, []error) {
	return observeAll(ctx, sources, opts, func(ctx context.Context, s Source) (plan.SourcePlan, error) { return s.Plan(ctx) })
}

// Checker is a source that evaluates its readiness checks.
type Checker interface {
	Check(ctx context.Context) (check.SourceChecks, error)
}

// CheckAll observes sources and evaluates their readiness checks, as
// PlanAll plans them.
func CheckAll(ctx context.Context, sources []Source, opts ObserveOptions) ([]check.SourceChecks, []error) {
	return observeAll(ctx, sources, opts, func(ctx context.Context, s Source) (check.SourceChecks, error) {
		c, ok := s.(Checker)
		if !ok {
			return check.SourceChecks{}, fmt.Errorf("cannot be checked")
		}
		return c.Check(ctx)
	})
}

// observeAll runs observe on every source with PlanAll's concurrency bound,
// progress lines and retries.
func observeAll[T any](ctx context.Context, sources []Source, opts ObserveOptions, observe func(context.Context, Source) (T, error)) ([]T, []error) {
	interval := opts.ProgressInterval
	if interval <= 0 {
		interval = 20 * time.Second
	}
	hooks := opts.Hooks
	if hooks == nil {
		hooks = quietObservation{}
	}
	results := make([]T, len(sources))
	errs := make([]error, len(sources))
	sem := make(chan struct{}, max(opts.Parallelism, 1))
	var wg sync.WaitGroup
	for i, s := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			stop := progressTicker(interval, func(elapsed time.Duration) { hooks.StillObserving(s.Name(), elapsed) })
			retry := opts.Retry
			retry.Report = func(attempt, attempts int, wait time.Duration, err error) {
				hooks.ObserveRetrying(s.Name(), err, wait, attempt, attempts)
			}
			errs[i] = retry.Do(ctx, func() error {
				var err error
				results[i], err = observe(ctx, s)
				return err
			})
			stop()
			if errs[i] != nil && ctx.Err() != nil {
				// Ctrl-C: the connection error it caused is no verdict.
				errs[i] = &SourceError{Source: s.Name(), Err: ErrInterrupted}
			} else if errs[i] != nil {
				errs[i] = &SourceError{Source: s.Name(), Err: errs[i]}
			}
		}()
	}
	wg.Wait()
	return results, errs
}

// SourceError is one source's failure, which never stops the others: the
// outputs list it as that source's row (Err, the cause) and the run's
// errors name the source (Error).
type SourceError struct {
	Source string
	Err    error
}

func (e *SourceError) Error() string { return "source " + e.Source + ": " + e.Err.Error() }
func (e *SourceError) Unwrap() error { return e.Err }

// Cause is err without its source: a SourceError's Err, else err.
func Cause(err error) error {
	var se *SourceError
	if errors.As(err, &se) {
		return se.Err
	}
	return err
}

// ErrInterrupted is a source's observation cut short by an interrupt
// (Ctrl-C, SIGTERM).
var ErrInterrupted = errors.New("interrupted: not observed")

// progressTicker tells tick the time elapsed, rounded to the second, every
// interval until stopped.
func progressTicker(interval time.Duration, tick func(elapsed time.Duration)) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	start := time.Now()
	go func() {
		defer close(exited)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				tick(time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() { close(done); <-exited } // no tick comes after stop returns
}
