package catalog

import (
	"os"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/ankatech/errgen/internal/par"
)

// The floor benchmarks time only what the libraries errgen is built on
// must do for a catalog, each on every core as Load runs it: yaml.v3
// parsing every entry, and santhosh-tekuri/jsonschema checking every
// entry against the catalog schema. Everything of errgen's own (cutting
// the file, building the value tree and the position index, decoding,
// lint) is done before the timer starts. bench/run.sh adds them to the
// other floors (markdown, templates, gofmt, file writes) to show how close
// a build can get to a time target at all. One op is the whole catalog.

func floorSource(b *testing.B) Source {
	b.Helper()
	path := os.Getenv("ERRGEN_BENCH_CATALOG")
	if path == "" {
		path = "../../catalog/errors.yaml"
	}
	src, err := ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func floorPieces(b *testing.B, src Source) []piece {
	b.Helper()
	_, _, pieces, ok := split(src.Data)
	if !ok {
		b.Fatal("the catalog cannot be cut into entries; the floor needs a catalog Load takes the fast path for")
	}
	return pieces
}

// BenchmarkFloorYAML: yaml.v3 parses every entry into a node tree.
func BenchmarkFloorYAML(b *testing.B) {
	pieces := floorPieces(b, floorSource(b))
	parse := func() {
		if !par.Do(len(pieces), func(_, i int) bool {
			var doc yaml.Node
			return yaml.Unmarshal(pieces[i].text, &doc) == nil
		}) {
			b.Fatal("an entry does not parse")
		}
	}
	parse() // warm up
	b.ResetTimer()
	for b.Loop() {
		parse()
	}
}

// BenchmarkFloorSchema: the schema library checks every entry's value.
func BenchmarkFloorSchema(b *testing.B) {
	src := floorSource(b)
	pieces := floorPieces(b, src)
	if _, err := compiledCatalogSchema(); err != nil {
		b.Fatal(err)
	}
	values := make([]any, len(pieces))
	t := newTree(src.Name, &errs{})
	for i, p := range pieces {
		var doc yaml.Node
		if err := yaml.Unmarshal(p.text, &doc); err != nil {
			b.Fatal(err)
		}
		values[i], _ = t.build(doc.Content[0].Content[0], 3)
	}
	check := func() {
		if !par.Do(len(values), func(_, i int) bool { return entrySchema.Validate(values[i]) == nil }) {
			b.Fatal("an entry fails the catalog schema")
		}
	}
	check()
	b.ResetTimer()
	for b.Loop() {
		check()
	}
}
