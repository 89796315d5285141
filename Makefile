# auroracfg — see README.md.
GO      ?= go
BIN     := bin/auroracfg
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: build test test-matrix demo bench fuzz vet lint fmt clean
FUZZTIME ?= 60s
MAJORS   ?= 12 13 14 15 16 17 18

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/auroracfg

# Unit tests plus integration tests against real throwaway PostgreSQL servers.
# With CI set, a missing server binary fails the tests instead of skipping them.
test: vet
	$(GO) test -race -count=1 ./...

# The server-backed tests against every PostgreSQL major from 12 to 18 (or
# MAJORS="12 18"): fetches and caches each major's server build on first use
# (internal/pgtest/majors.sh), prints a table of results.
test-matrix: vet
	MAJORS="$(MAJORS)" GO="$(GO)" internal/pgtest/matrix.sh

# gofmt, go vet and staticcheck (pinned in go.mod as a tool: go tool staticcheck).
lint: vet
	$(GO) tool staticcheck ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files --cached --others --exclude-standard '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Starts a throwaway PostgreSQL with a small app database and runs validate,
# plan, apply and plan-again with examples/quickstart.yaml, then cleans up.
demo: build
	$(GO) run ./internal/demo -bin $(BIN) -spec examples/quickstart.yaml

# First apply and no-change plan at 10 and 500 schemas x 20 tables: wall time,
# statements and connections counted at the server.
bench: build
	$(GO) run ./internal/bench -bin $(BIN)

# Explore the spec loader with Go's fuzzer for FUZZTIME (the corpus and
# testdata/fuzz are replayed by make test).
fuzz:
	$(GO) test ./schema -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)

clean:
	rm -rf bin
