package sitegen

import (
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
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(c); err != nil {
			b.Fatal(err)
		}
	}
}

var bench struct {
	once sync.Once
	path string
	err  error
}

func benchCatalog(b *testing.B) *catalog.Catalog {
	b.Helper()
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
			b.Logf("gencatalog: %v\n%s", err, out)
			bench.err = err
		}
	})
	if bench.err != nil {
		b.Skipf("no benchmark catalog: %v", bench.err)
	}
	src, err := catalog.ReadFile(bench.path)
	if err != nil {
		b.Skipf("no benchmark catalog: %v", err)
	}
	c, err := catalog.Load(src)
	if err != nil {
		b.Fatal(err)
	}
	return c
}
