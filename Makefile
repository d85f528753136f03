# The two commands of the README: `make run` (the arena) and `make test` (every test). Each installs what it
# needs first (scripts/deps.sh: Debian packages through apt-get, only those missing).

GO ?= go

.PHONY: run test bench

run:
	$(GO) run .

test:
	@echo "== gofmt"; unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "$$unformatted"; exit 1; fi
	@echo "== go vet"; $(GO) vet ./...
	@echo "== go test"; $(GO) test -count=1 ./...
	@echo "== go test -race ./scheduler"; $(GO) test -count=1 -race ./scheduler

# Benchmarks, each in a process of its own (see scheduler/bench_test.go for why).
bench:
	./scripts/bench.sh
