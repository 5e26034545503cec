# errgen — common tasks. `make` regenerates everything; `make test` is what CI runs.
GO ?= go

.PHONY: generate test check lint fuzz bench bench-site serve

generate:
	$(GO) run ./cmd/errgen generate

lint:
	$(GO) run ./cmd/errgen lint

check:
	$(GO) run ./cmd/errgen check

# The whole suite: vet, the tests (race detector on), the drift check, and
# each fuzz target for a short time.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(GO) run ./cmd/errgen check
	$(MAKE) fuzz FUZZTIME=10s

# Every fuzz target, one after another (go test runs one -fuzz target at a time).
FUZZTIME ?= 60s
FUZZ_TARGETS = ./internal/catalog:FuzzLoad ./internal/catalog:FuzzSplit ./problem:FuzzParseBytes ./problem:FuzzValidate ./problem:FuzzParseRetryAfter
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  grep -qs "func $$name(" $$pkg/*_test.go || { echo "fuzz target $$name not found in $$pkg"; exit 1; }; \
	  echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME); \
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
