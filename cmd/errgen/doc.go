// Errgen turns the error catalog, one YAML file of RFC 9457 problem types,
// into everything that must agree with it: a Go package of descriptors and
// constructors, JSON Schemas, and a documentation site with a page at
// every type URI.
//
// Usage:
//
//	errgen [verb] [flags]
//
// The verbs:
//
//	generate  render every selected output from the catalog (the default verb)
//	check     exit 1 and name every output that differs from what generate would write
//	lint      report every catalog mistake as FILE:LINE:COL: message
//	serve     serve the documentation site over HTTP
//	diff      list the changes between two catalogs, breaking or compatible
//	version   print errgen's version and the built-in catalog's version and hash
//	help      print the verbs and their flags; help VERB, one verb's flags
//
// All verbs run one pipeline: load the catalog (YAML with positions, the
// schema of the file, lint), check what the outputs need (Go names, every
// example against the schema of its type), render every output in memory;
// then lint prints its verdict, generate writes, check compares with the
// disk and serve serves. A catalog that one verb rejects, every verb
// rejects with the same messages, and a failed run changes no file.
//
// Flags of generate and check:
//
//	-catalog FILE   a catalog file (repeatable). A service's file (service: NAME)
//	                adds its errors to the platform catalog before it, or to
//	                the built-in one.
//	-go DIR         write the Go package to DIR
//	-package NAME   its package name
//	-schema DIR     write the JSON Schemas to DIR
//	-site DIR       write the documentation site to DIR (its document root)
//
// Defaults. Without -catalog, errgen reads catalog/errors.yaml in the
// working folder or, when there is none, the AnkaSecure catalog built into
// the binary. Without -go, -schema and -site:
//
//   - under go generate ($GOPACKAGE is set), the Go package goes to the
//     current folder, with the package's own name;
//   - in a folder with catalog/errors.yaml (the errgen repo, the docs
//     host), every output goes to its place: generated/ankaerr, schema/ and
//     site/;
//   - anywhere else errgen writes nothing, exits 2 and says what to pass.
//
// In a service repo, errgen is a Go tool (a tool line in go.mod) and one
// line in a Go file of the error package generates it:
//
//	//go:generate go tool errgen
//
// or, with the service's own errors added to the platform's:
//
//	//go:generate go tool errgen -catalog errors.yaml
//
// In CI, go tool errgen check ./... checks every package that a
// //go:generate line generates with errgen, with that line's own flags:
// it exits 1 and names what differs, and prints one line when all is
// current (nothing under go generate).
//
// errgen diff OLD NEW compares two catalog files; errgen diff REV compares
// catalog/errors.yaml (or -catalog FILE) with its state at a git revision;
// errgen diff -release with the last release (the newest tag
// catalog/vX.Y.Z, else the commit before the change). It prints one line
// per change, FILE:LINE:COL: breaking|compatible: SLUG: what changed, then
// a summary, and exits 1 when a breaking change comes without a major
// version bump, or when a later release's history does not record an
// error it changed (unrecorded: add the slug to the release's changes).
//
// errgen serve -watch -catalog FILE is a live preview for catalog
// authors: the site re-renders when the file changes and open pages
// reload; a catalog that no longer builds keeps the last good site and
// shows its messages in the page and on stderr.
//
// Exit status: 0 success; 1 catalog mistakes, outputs that differ, or a
// failed write; 2 usage errors.
package main
