// Package generated holds errgen's own outputs for the AnkaSecure catalog.
// `go generate ./...` from the repo root regenerates the Go package
// ankaerr; `go run ./cmd/errgen` regenerates every output (Go, schemas,
// site) at once.
package generated

//go:generate go run ../cmd/errgen -catalog ../catalog/errors.yaml -go ankaerr -package ankaerr
