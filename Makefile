# errgen — common tasks. `make` regenerates everything; `make test` is what CI runs.
GO ?= go

.PHONY: generate test check lint fuzz bench serve

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
FUZZ_TARGETS = ./internal/catalog:FuzzLoad ./problem:FuzzParseBytes ./problem:FuzzValidate ./problem:FuzzParseRetryAfter
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  if grep -qs "func $$name(" $$pkg/*_test.go; then \
	    echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
	    $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME); \
	  fi; \
	done

serve:
	$(GO) run ./cmd/errgen serve
