package upstream

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/sony/gobreaker/v2"
)

// DefaultOpenWait is the open-state wait NewGobreaker uses when
// Settings.Timeout is not set: the catalog's "30 seconds by default", not
// gobreaker's own 60.
const DefaultOpenWait = 30 * time.Second

// Gobreaker is a Breaker backed by a gobreaker.TwoStepCircuitBreaker.
//
// gobreaker does not tell how long it will stay open, so Gobreaker keeps
// that itself: Settings.OnStateChange (wrapped, the caller's own callback
// still runs) notes when the breaker opens, and OpenFor is that moment
// plus Settings.Timeout, minus now, clamped to [0, Timeout]. The note is
// taken just after gobreaker computes its own expiry, so OpenFor may be a
// hair long, never short: a client that waits it finds the breaker
// half-open.
type Gobreaker struct {
	cb      *gobreaker.TwoStepCircuitBreaker[struct{}]
	timeout time.Duration
	now     func() time.Time // time.Now; tests replace it

	mu       sync.Mutex
	openedAt time.Time // zero unless open
}

// NewGobreaker returns a breaker configured by st. A zero st.Timeout
// becomes DefaultOpenWait. A nil st.IsExcluded leaves calls cancelled by
// their caller (context.Canceled) out of the counts.
func NewGobreaker(st gobreaker.Settings) *Gobreaker {
	b := &Gobreaker{now: time.Now}
	if st.Timeout <= 0 {
		st.Timeout = DefaultOpenWait
	}
	b.timeout = st.Timeout
	if st.IsExcluded == nil {
		st.IsExcluded = func(err error) bool { return errors.Is(err, context.Canceled) }
	}
	user := st.OnStateChange
	// gobreaker calls this with its own lock held: it must not call back
	// into the breaker.
	st.OnStateChange = func(name string, from, to gobreaker.State) {
		b.mu.Lock()
		if to == gobreaker.StateOpen {
			b.openedAt = b.now()
		} else {
			b.openedAt = time.Time{}
		}
		b.mu.Unlock()
		if user != nil {
			user(name, from, to)
		}
	}
	b.cb = gobreaker.NewTwoStepCircuitBreaker[struct{}](st)
	return b
}

// Allow implements Breaker. A refusal is gobreaker.ErrOpenState, or
// gobreaker.ErrTooManyRequests while half-open.
func (b *Gobreaker) Allow() (func(error), error) {
	return b.cb.Allow()
}

// OpenFor implements Breaker.
func (b *Gobreaker) OpenFor() time.Duration {
	// State moves an expired open breaker to half-open, which clears
	// openedAt through OnStateChange.
	if b.cb.State() != gobreaker.StateOpen {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.openedAt.IsZero() {
		return b.timeout
	}
	left := b.openedAt.Add(b.timeout).Sub(b.now())
	return min(max(left, 0), b.timeout)
}

// State returns the gobreaker state, for metrics and health checks.
func (b *Gobreaker) State() gobreaker.State { return b.cb.State() }

// Name returns Settings.Name.
func (b *Gobreaker) Name() string { return b.cb.Name() }
