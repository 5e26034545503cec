package cli

import (
	"os"
	"testing"
)

// BenchmarkRender loads a catalog and renders every output in memory, the
// work of `errgen generate` minus the disk. ERRGEN_BENCH_CATALOG names a
// synthetic catalog (go run ./bench/gencatalog -n 1000 -o FILE); without
// it the AnkaSecure catalog is used.
func BenchmarkRender(b *testing.B) {
	path := os.Getenv("ERRGEN_BENCH_CATALOG")
	if path == "" {
		path = "../../catalog/errors.yaml"
	}
	t := targets{goDir: "g", pkg: "benchpkg", schemaDir: "s", siteDir: "w"}
	b.ReportAllocs()
	for b.Loop() {
		c, err := loadCatalog([]string{path})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := renderAll(c, t); err != nil {
			b.Fatal(err)
		}
	}
}
