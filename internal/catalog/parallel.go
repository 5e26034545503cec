package catalog

import (
	"runtime"
	"sync"
	"sync/atomic"
)

func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// parallel calls do(w, i) for every i below n, on workers w numbered from
// 0 to workers(n)-1. It stops early when a call returns false, and reports
// whether none did.
func parallel(n int, do func(w, i int) bool) bool {
	var next atomic.Int64
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range workers(n) {
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
