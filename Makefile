# The two commands of the README: `make run` (the arena) and `make test` (every test). Each installs what it
# needs first (scripts/deps.sh: Debian packages through apt-get, only those missing).

GO ?= go
SHELL := /bin/bash

# The window package and whatever imports it need ebiten: cgo, X11 and a display. They are found from their
# imports, tested one at a time under Xvfb, and everything else is tested without a display.
EBITEN := github.com/hajimehoshi/ebiten/v2
DISPLAY_PKGS = $(GO) list -e -f '{{range .Deps}}{{if eq . "$(EBITEN)"}}{{$$.ImportPath}}{{end}}{{end}}' ./...
XVFB_RUN := xvfb-run -a -s '-screen 0 1280x800x24'

.PHONY: run test bench deps fmt vet staticcheck test-unit test-race test-window check-headless

# ARGS are passed to the desktop command: make run ARGS='-seed 7'.
run: deps
	@echo "== go build (the first build compiles Ebitengine's C code: a minute or two)"; $(GO) build -o out/stackarena . && exec ./out/stackarena $(ARGS)

test: deps fmt vet staticcheck test-unit test-race test-window check-headless

deps:
	@./scripts/deps.sh

fmt:
	@echo "== gofmt"; unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "$$unformatted"; exit 1; fi

vet:
	@echo "== go vet"; $(GO) vet ./...

# staticcheck at a pinned version, fetched and built by go run (the first run builds it: a minute or two).
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
staticcheck:
	@echo "== staticcheck ($(STATICCHECK); the first run builds it)"; $(GO) run $(STATICCHECK) ./...

# Every package that needs no display.
test-unit:
	@echo "== go test (no display)"; $(GO) test -count=1 $$($(GO) list -e ./... | grep -vxF -f <($(DISPLAY_PKGS)))

# The scheduler's own race tests, and a World's scripts on shards (built-in and .star bots, -short: 2 cores), and
# its physics split over cores (engine/parallel.go).
test-race:
	@echo "== go test -race ./scheduler"; $(GO) test -count=1 -race ./scheduler
	@echo "== go test -race -short (shards, split physics, bullet pool) ./engine ./bots/star ./bots/remote"; $(GO) test -count=1 -race -short -run 'ShardCount|OnShards|WorkerPanic|SplitPhysics|PartPanic|ParallelFlights|CollisionsSame|GoBackToThePool' ./engine ./bots/star ./bots/remote

# The display packages under Xvfb (Mesa's software renderer), one at a time. The window test leaves the frame it
# drew in out/window-test.png.
test-window:
	@echo "== go test under Xvfb: $$($(DISPLAY_PKGS) | tr '\n' ' ')"; \
	$(XVFB_RUN) $(GO) test -count=1 -p 1 $$($(DISPLAY_PKGS))

# The headless command must build without cgo and must not depend on ebiten, so that it runs anywhere.
check-headless:
	@if ! ls headless/*.go >/dev/null 2>&1; then echo "== headless: skipped, ./headless does not exist yet"; exit 0; fi; \
	echo "== headless builds with CGO_ENABLED=0"; CGO_ENABLED=0 $(GO) build -o /dev/null ./headless || exit 1; \
	echo "== headless does not depend on ebiten"; \
	if $(GO) list -deps ./headless | grep hajimehoshi; then echo "headless imports the packages above"; exit 1; fi

# Benchmarks, each in a process of its own (see scheduler/bench_test.go for why).
bench:
	./scripts/bench.sh
