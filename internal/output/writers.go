package output

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// writers runs do(0), …, do(n-1) on a few goroutines: writing a file is
// mostly system calls, which threads on several cores overlap. After the
// first error no new call starts; once the calls under way have ended,
// the error of the lowest k is returned, so the same failures give the
// same message whichever thread met one first.
func writers(n int, do func(k int) error) error {
	var (
		next   atomic.Int64
		mu     sync.Mutex
		failed = n // the lowest k that failed, n for none
		first  error
		wg     sync.WaitGroup
	)
	stop := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return first != nil
	}
	for range min(runtime.GOMAXPROCS(0)+1, n) {
		wg.Go(func() {
			for !stop() {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				if err := do(k); err != nil {
					mu.Lock()
					if k < failed {
						failed, first = k, err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
