package sitegen

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// BenchmarkRender1k renders the site of a 1000-error synthetic catalog
// (bench/gencatalog -n 1000). The catalog is read from the file named by
// ERRGEN_BENCH_CATALOG, or generated once per process with `go run`; the
// benchmark is skipped when neither works. Loading is not timed.
//
//	go test -run '^$' -bench Render1k -benchmem -count 5 ./internal/sitegen/
func BenchmarkRender1k(b *testing.B) {
	c := benchCatalog(b)
	in := inputs(c)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(c, in); err != nil {
			b.Fatal(err)
		}
	}
}

var bench struct {
	once sync.Once
	path string
	err  error
}

// testCatalogs are the catalogs the code block tests read: the real
// one, the small one and the synthetic one of the benchmark.
func testCatalogs(t *testing.T) []string {
	t.Helper()
	synthetic, err := syntheticCatalog()
	if err != nil {
		t.Fatalf("no synthetic catalog: %v", err)
	}
	return []string{realCatalog, "testdata/small.yaml", synthetic}
}

// syntheticCatalog returns the path of the benchmark's catalog, made once
// per process.
func syntheticCatalog() (string, error) {
	bench.once.Do(func() {
		if p := os.Getenv("ERRGEN_BENCH_CATALOG"); p != "" {
			bench.path = p
			return
		}
		dir, err := os.MkdirTemp("", "sitegen-bench")
		if err != nil {
			bench.err = err
			return
		}
		bench.path = filepath.Join(dir, "c1k.yaml")
		cmd := exec.Command("go", "run", "./bench/gencatalog", "-n", "1000", "-o", bench.path)
		cmd.Dir = "../.."
		if out, err := cmd.CombinedOutput(); err != nil {
			bench.err = fmt.Errorf("gencatalog: %w\n%s", err, out)
		}
	})
	return bench.path, bench.err
}

func benchCatalog(b *testing.B) *catalog.Catalog {
	b.Helper()
	path, err := syntheticCatalog()
	if err != nil {
		b.Skipf("no benchmark catalog: %v", err)
	}
	src, err := catalog.ReadFile(path)
	if err != nil {
		b.Skipf("no benchmark catalog: %v", err)
	}
	c, err := catalog.Load(src)
	if err != nil {
		b.Fatal(err)
	}
	return c
}
