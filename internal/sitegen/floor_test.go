package sitegen

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/yuin/goldmark"
)

// The floor benchmarks time only what the libraries a page is built with
// must do, on every core as RenderTo runs them: goldmark converting each
// distinct markdown text of the site once (fewer conversions than the
// site makes: its memo forgets), and html/template executing the error
// page template for every error with the page data already built. One op
// is the whole catalog (ERRGEN_BENCH_CATALOG, else a 1000-error one).
// bench/run.sh adds them to the catalog's floors and the file writes.

// onAll calls do(w, i) for every i below n on GOMAXPROCS goroutines,
// goroutine w having state[w].
func onAll[S any](n int, state []S, do func(s S, i int) error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for w := range state {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := do(state[w], i); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// floorLoop runs onAll once to warm up, then times it as the benchmark.
func floorLoop[S any](b *testing.B, n int, state []S, do func(s S, i int) error) {
	if err := onAll(n, state, do); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := onAll(n, state, do); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFloorMarkdown: goldmark renders each distinct markdown text the
// error pages show, once.
func BenchmarkFloorMarkdown(b *testing.B) {
	c := benchCatalog(b)
	r, err := newBuilder(c)
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	var texts [][]byte
	w := newWorker()
	calls := inputs(c).GoCalls
	for i, e := range c.Errors {
		clear(w.memo) // what this page renders lands in the memo
		if _, err := newErrorPage(w, c, e, calls[i], r.errMeta); err != nil {
			b.Fatal(err)
		}
		for k := range w.memo {
			if !seen[k.src] {
				seen[k.src] = true
				texts = append(texts, []byte(k.src))
			}
		}
	}
	type conv struct {
		gm  goldmark.Markdown
		out bytes.Buffer
	}
	convs := make([]*conv, runtime.GOMAXPROCS(0))
	for i := range convs {
		convs[i] = &conv{gm: newMarkdown()}
	}
	floorLoop(b, len(texts), convs, func(cv *conv, i int) error {
		cv.out.Reset()
		return cv.gm.Convert(texts[i], &cv.out)
	})
	b.ReportMetric(float64(len(texts)), "texts")
}

// BenchmarkFloorTemplate: html/template executes error.html for every
// error, with every page's data built before the timer starts.
func BenchmarkFloorTemplate(b *testing.B) {
	c := benchCatalog(b)
	r, err := newBuilder(c)
	if err != nil {
		b.Fatal(err)
	}
	pages := make([]*errorPage, len(c.Errors))
	w := newWorker()
	calls := inputs(c).GoCalls
	for i, e := range c.Errors {
		if pages[i], err = newErrorPage(w, c, e, calls[i], r.errMeta); err != nil {
			b.Fatal(err)
		}
	}
	bufs := make([]*bytes.Buffer, runtime.GOMAXPROCS(0))
	for i := range bufs {
		bufs[i] = new(bytes.Buffer)
	}
	t := r.t["error.html"]
	floorLoop(b, len(pages), bufs, func(buf *bytes.Buffer, i int) error {
		buf.Reset()
		return t.ExecuteTemplate(buf, "page", pages[i])
	})
}
