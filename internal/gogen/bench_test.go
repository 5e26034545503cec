package gogen_test

import (
	"os"
	"testing"

	"github.com/ankatech/errgen/internal/gogen"
)

// BenchmarkRender renders the Go package of ERRGEN_BENCH_CATALOG (a
// synthetic catalog from bench/gencatalog), or of the AnkaSecure catalog.
func BenchmarkRender(b *testing.B) {
	path := os.Getenv("ERRGEN_BENCH_CATALOG")
	if path == "" {
		path = "../../catalog/errors.yaml"
	}
	c := load(b, path)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gogen.Render(c, "benchpkg"); err != nil {
			b.Fatal(err)
		}
	}
}
