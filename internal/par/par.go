// Package par runs the iterations of a loop on every core: the catalog's
// entries as they load, the schemas and checks of the pipeline, the files
// of the Go package and of a folder being written.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines Do starts for n iterations: one per core,
// at most n, at least one.
func Workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// Do calls do(w, i) for every i below n, in rising order of start, on
// workers w numbered from 0 to Workers(n)-1 (so a caller can keep state per
// worker). It stops starting calls once one returns false, waits for
// those under way, and reports whether none did.
func Do(n int, do func(w, i int) bool) bool {
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range Workers(n) {
		wg.Go(func() {
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if !do(w, i) {
					stop.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !stop.Load()
}
