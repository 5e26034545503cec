# errgen — common tasks. `make` regenerates everything; `make test` is what CI runs.
GO ?= go

.PHONY: generate test test-short check lint fuzz bench bench-site serve determinism compat

generate:
	$(GO) run ./cmd/errgen generate

lint:
	$(GO) run ./cmd/errgen lint

check:
	$(GO) run ./cmd/errgen check

# The catalog's compatibility guard: exit 1 when catalog/errors.yaml
# changed incompatibly since the last release without a major bump.
compat:
	$(GO) run ./cmd/errgen diff -release

# The whole suite: vet, the tests (race detector on), the drift check, and
# each fuzz target for a short time.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(GO) run ./cmd/errgen check
	$(MAKE) compat
	$(MAKE) determinism
	$(MAKE) fuzz

# The quick loop while editing: every package's fast tests (no browser,
# no throwaway modules, no subprocess builds).
test-short:
	$(GO) test -short -count=1 ./...

# Generate the real catalog and a 1k synthetic one three times each under
# CPU and memory load; the outputs must be byte-identical.
determinism:
	GO=$(GO) bash scripts/determinism.sh

# Every fuzz target, one after another (go test runs one -fuzz target at a
# time), each for a number of executions sized to about 10 s here. Counts,
# not durations: with a duration, Go 1.26's fuzz coordinator can fail a
# target with a bare "context deadline exceeded" when the time runs out
# while a worker is busy (golang/go#75804, fixed in Go 1.27). FUZZTIME=60s
# (or 1000000x) runs every target for that long instead.
FUZZTIME ?=
FUZZ_TARGETS = ./internal/catalog:FuzzLoad:40000x ./internal/catalog:FuzzSplit:16000x ./problem:FuzzParseBytes:80000x ./problem:FuzzValidate:80000x ./problem:FuzzParseRetryAfter:100000x
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; rest=$${t#*:}; name=$${rest%%:*}; budget=$${rest#*:}; \
	  [ -z "$(FUZZTIME)" ] || budget=$(FUZZTIME); \
	  grep -qs "func $$name(" $$pkg/*_test.go || { echo "fuzz target $$name not found in $$pkg"; exit 1; }; \
	  echo "fuzz $$pkg $$name ($$budget)"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $$budget; \
	done

serve:
	$(GO) run ./cmd/errgen serve

# errgen generation against Hugo on synthetic catalogs (bench/run.sh);
# BENCH_NS="100 1000" and BENCH_RUNS=3 shorten it. Installs hugo and
# time with apt-get when they are missing. Figures: docs/performance.md.
bench:
	GO=$(GO) bash bench/run.sh

# Only the site against Hugo.
bench-site:
	GO=$(GO) BENCH_WHAT=site bash bench/run.sh
