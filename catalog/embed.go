// Package catalog embeds the AnkaSecure error catalog (errors.yaml), so
// `errgen generate` in a service repo works with no catalog file of its own.
package catalog

import _ "embed"

// AnkaSecure is catalog/errors.yaml as built into the binary.
//
//go:embed errors.yaml
var AnkaSecure []byte

// Name is the file name reported in messages about the built-in catalog.
const Name = "catalog/errors.yaml"
