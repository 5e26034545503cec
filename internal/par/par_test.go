package par

import (
	"sync/atomic"
	"testing"
)

// TestDo: every index runs once on a worker in range; a false stops the
// loop early and is reported.
func TestDo(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	if !Do(n, func(w, i int) bool {
		if w < 0 || w >= Workers(n) {
			t.Errorf("worker %d out of range", w)
		}
		seen[i].Add(1)
		return true
	}) {
		t.Fatal("Do reported a stop no call asked for")
	}
	for i := range seen {
		if c := seen[i].Load(); c != 1 {
			t.Fatalf("index %d ran %d times", i, c)
		}
	}
	var ran atomic.Int32
	if Do(n, func(_, i int) bool { ran.Add(1); return i != 3 }) {
		t.Fatal("Do did not report the call that returned false")
	}
	if r := ran.Load(); r >= n {
		t.Fatalf("Do ran all %d calls after a stop", r)
	}
	if Workers(0) != 1 || Workers(1) != 1 {
		t.Fatalf("Workers(0), Workers(1) = %d, %d; want 1, 1", Workers(0), Workers(1))
	}
}
