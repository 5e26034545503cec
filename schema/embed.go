// Package schema holds the JSON Schema of the catalog file
// (catalog.schema.json) and, generated beside it, the schema of every
// error and the RFC 9457 base. Only the catalog schema is embedded: the
// catalog loader validates every file against it before anything else.
package schema

import _ "embed"

// Catalog is schema/catalog.schema.json.
//
//go:embed catalog.schema.json
var Catalog []byte
