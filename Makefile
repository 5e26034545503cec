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

FUZZTIME ?= 60s
fuzz:
	$(GO) test ./internal/catalog -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)

serve:
	$(GO) run ./cmd/errgen serve
