// Package catalog loads an errgen error catalog (catalog/errors.yaml and
// the files that add to it), checks it, and holds the model every renderer
// reads. It is the load and check steps of errgen's one pipeline: lint,
// generate, check and serve all start with Load, so a catalog one verb
// refuses, every verb refuses, with the same messages.
//
// # Reading
//
// ReadFile reads one file: at most MaxFileSize bytes, whatever size the
// file system reports (devices and pipes report 0), and, for a file that
// can block (a FIFO, a pipe, a terminal), for no longer than ReadTimeout.
// A FIFO is opened without waiting for a writer; with none, it is
// reported.
//
// # Loading
//
// Load (and LoadOver, which puts the built-in catalog first when the
// first file given is a service's) checks each file in this order, each step
// on what the one before let through:
//
//  1. The bytes: the size limit, valid UTF-8, no NUL byte, not empty, and
//     at most MaxStructure lines and structure marks (, : - [ { ?), an
//     upper bound of the YAML nodes counted before yaml.v3 builds any.
//  2. The YAML: one document, parsed by yaml.v3. A syntax error is
//     reported at the first line where the file stops parsing the same
//     way, not where yaml.v3 places it (the start of the enclosing block,
//     often the errors: line); the search parses at most 8 MiB in all
//     (about 50 times the real catalog). At most MaxEntries errors a file.
//  3. The value tree: no anchors, aliases, merge keys, tags or duplicate
//     keys; no nesting deeper than 64; no number with a leading 0; no NUL,
//     byte order mark, control character or bidi formatting character in
//     any text (titles and texts are copied into Go comments and pages).
//  4. The schema, schema/catalog.schema.json: the top level, then each
//     entry on its own. An unknown key is reported at its own line, with
//     the known key it is a likely typo of; a missing required key at its
//     entry. The check stops once MaxMessages mistakes are found.
//  5. Lint, across all files: unique slugs, aliases, upstreams and Go
//     names; relations to existing errors, declared both ways where their
//     kind asks (a missing slug gets the nearest existing one as a
//     suggestion) and without a cycle of broader ones; then each entry on
//     its own: status, Retry-After policy, headers, extension members,
//     detail template and the example response against all of these.
//  6. Services (services.go): a service's file (service: NAME) is layered
//     over the platform catalog, which must register NAME in its services
//     list; every slug and alias of the file starts with NAME-, and no
//     platform slug or alias starts with a registered service's prefix. A
//     file that adds errors with neither service nor base_uri is refused.
//
// An entry with a mistake of its own in steps 3 and 4 is left out, and
// the rest go on: the checks across entries of step 5 run on every entry
// that loaded (a relation to an entry left out is not called missing).
// The checks of one entry run only when the file's top level is sound,
// since they read it (upstreams, common headers and members).
//
// # Messages
//
// Every mistake is a Diagnostic: FILE:LINE:COL: message, with 1-based
// lines and columns counted in characters. A file name holding a newline,
// a control or bidi character, or bytes that are not UTF-8 is quoted as a
// Go string, so each message stays one line. Load returns them all at once
// as Diagnostics, sorted by file, line, column and text: at most
// MaxMessages, then one last message, "and N more mistakes", or, when
// the schema check stopped early, "and more mistakes: checking stopped
// after the first 200".
//
// # Cost
//
// Within the limits, a catalog costs at most about what the largest
// catalog errgen is measured on does (bench/gencatalog's 10,000 errors,
// 37 MiB: about 1 GB allocated in all); a file past a limit is refused
// after one pass over its bytes. The real catalog, about 50 errors, takes
// about 4 MB and 70,000 allocations to load.
//
// # The model
//
// A loaded Catalog has its errors sorted by slug and its defaults filled
// (Retry-After bounds, the breaker's wait), and keeps the position of
// every node of every entry, so checks outside this package (Go names,
// examples against their schemas) point at the catalog too, through
// PosOf.
package catalog
