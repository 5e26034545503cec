package output

import (
	"sync"

	"github.com/ankatech/errgen/internal/par"
)

// writers runs do(0), …, do(n-1) on every core: writing a file is mostly
// system calls, which threads on several cores overlap. After the first
// error no new call starts; once the calls under way have ended, the
// error of the lowest k is returned, so the same failures give the same
// message whichever thread met one first.
func writers(n int, do func(k int) error) error {
	var (
		mu     sync.Mutex
		failed = n // the lowest k that failed, n for none
		first  error
	)
	par.Do(n, func(_, k int) bool {
		err := do(k)
		if err != nil {
			mu.Lock()
			if k < failed {
				failed, first = k, err
			}
			mu.Unlock()
		}
		return err == nil
	})
	return first
}
