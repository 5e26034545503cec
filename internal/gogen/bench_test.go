package gogen_test

import (
	"go/format"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
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
		if _, err := render(b, c, "benchpkg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFloorFormat times only go/format (which jennifer's Render runs
// on every file) over the generated package's files, on every core as
// Render runs it: the floor of the Go output for bench/run.sh. The files
// are rendered before the timer starts.
func BenchmarkFloorFormat(b *testing.B) {
	path := os.Getenv("ERRGEN_BENCH_CATALOG")
	if path == "" {
		path = "../../catalog/errors.yaml"
	}
	files, err := render(b, load(b, path), "benchpkg")
	if err != nil {
		b.Fatal(err)
	}
	run := func() {
		var next atomic.Int64
		var failed atomic.Bool
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
					if _, err := format.Source(files[i].Data); err != nil {
						failed.Store(true)
					}
				}
			})
		}
		wg.Wait()
		if failed.Load() {
			b.Fatal("a generated file does not format")
		}
	}
	run()
	b.ResetTimer()
	for b.Loop() {
		run()
	}
}
