package cli

import (
	"context"
	"os"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
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

// BenchmarkBuild runs build, the pipeline every verb runs (load, every
// check, render into memory), for the Go package alone and for the site
// alone: bench/ab.sh's cases without the disk. ERRGEN_BENCH_CATALOG names
// a synthetic catalog; without it the built-in catalog is built. With
// -cpuprofile it shows where a build's time goes.
func BenchmarkBuild(b *testing.B) {
	var srcs []catalog.Source
	if path := os.Getenv("ERRGEN_BENCH_CATALOG"); path != "" {
		var err error
		if srcs, err = readSources([]string{path}); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name string
		t    targets
	}{{"go", targets{goDir: "g", pkg: "benchpkg"}}, {"site", targets{siteDir: "w"}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := build(context.Background(), srcs, bc.t); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
