// Command auroracfg prepares PostgreSQL databases as ClickHouse ClickPipes
// CDC sources, declaratively: validate, plan, apply.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], osEnv())
	stop()
	os.Exit(code)
}
