package catalog_test

import (
	"os"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// BenchmarkLoad loads ERRGEN_BENCH_CATALOG (a synthetic catalog from
// bench/gencatalog) or the AnkaSecure catalog.
func BenchmarkLoad(b *testing.B) {
	path := os.Getenv("ERRGEN_BENCH_CATALOG")
	if path == "" {
		path = "../../catalog/errors.yaml"
	}
	src, err := catalog.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := catalog.Load(src); err != nil {
			b.Fatal(err)
		}
	}
}
