package problem

import (
	"math"
	"math/rand/v2"
	"net/http"
	"time"
)

// Defaults of a zero RetryPolicy. Four attempts wait 1 s, 2 s and 4 s
// between them when the server gives no Retry-After, as the catalog's
// retry advice says.
const (
	DefaultMaxAttempts   = 4
	DefaultBaseDelay     = time.Second
	DefaultMaxElapsed    = 2 * time.Minute
	DefaultMaxRetryAfter = time.Minute
	DefaultPeekTimeout   = time.Second
)

// MaxPeek is the most of an error body the policy reads to find the
// problem type: a problem body names its type first or near the start.
const MaxPeek = 4 << 10

// RetryPolicy decides whether a response is worth sending the same
// request again, and when. The zero RetryPolicy uses the defaults above,
// a little jitter and the system clock; it is safe for concurrent use.
//
// A response is retried when its problem type is registered (see Register
// and Lookup), its Retryable is Retryable and its status is one a retry can
// change (408, 409, 425, 429, 500, 502, 503, 504: see TransientStatus); or
// when it is not a problem of a registered type and its status is 502,
// 503 or 504: a proxy's HTML error page, an about:blank problem, or a type
// from a newer catalog than the client's. A registered type that is
// NotRetryable or AfterFix is never retried, whatever its status: the same
// request fails the same way until someone changes it; nor is a 400 or
// another permanent status, whatever type its body names.
//
// The type is read from the first MaxPeek bytes of a JSON error body,
// waiting at most PeekTimeout for them; a body that does not show its type
// by then counts as not a problem of a registered type, and is handed
// back untouched.
//
// The wait is the response's Retry-After when it is trustworthy (see
// ParseRetryAfter; a value above MaxRetryAfter counts as absent), else
// BaseDelay doubled for each earlier retry (1 s, 2 s, 4 s...). Jitter then
// adds to it, never takes away, so a client never comes back before a
// Retry-After it trusts. One it does not trust (above MaxRetryAfter, as a
// hostile or broken server might send) is ignored like an unparsable one,
// as the catalog's retry rules ask; raise MaxRetryAfter (and MaxElapsed)
// for a client that should sit out a long maintenance window instead.
type RetryPolicy struct {
	// MaxAttempts counts every attempt, the first included: 1 disables
	// retrying. 0 means DefaultMaxAttempts.
	MaxAttempts int
	// MaxElapsed bounds the time from the first attempt to the start of
	// the last one: a retry whose wait would end later is not made.
	// 0 means DefaultMaxElapsed.
	MaxElapsed time.Duration
	// MaxRetryAfter is the longest Retry-After the client trusts; a longer
	// one is treated as absent. 0 means DefaultMaxRetryAfter.
	MaxRetryAfter time.Duration
	// BaseDelay is the first backoff wait. 0 means DefaultBaseDelay.
	BaseDelay time.Duration
	// Jitter turns a wait into the wait actually used; nil means
	// DefaultJitter. Use NoJitter for exact, testable waits.
	Jitter func(time.Duration) time.Duration
	// Clock tells the time and sleeps; nil means SystemClock.
	Clock Clock
	// PeekTimeout bounds the wait for the start of an error body (real
	// time, not Clock's). 0 means DefaultPeekTimeout.
	PeekTimeout time.Duration
}

// NoJitter waits exactly as long as the policy computed.
func NoJitter(d time.Duration) time.Duration { return d }

// DefaultJitter adds a random 0-20% to d, so clients that failed together
// do not all come back in the same instant.
func DefaultJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return d
	}
	return satAdd(d, rand.N(d/5+1))
}

// satAdd adds two non-negative durations, saturating at the largest one
// instead of wrapping to a negative wait.
func satAdd(a, b time.Duration) time.Duration {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// Next says whether to send the request again after resp, the answer to
// attempt number attempt (1 for the first), when elapsed has passed since
// the first attempt started; and if so, how long to wait before sending.
//
// To read the problem type Next may read up to MaxPeek bytes of an error
// response's JSON body, for at most PeekTimeout; it then replaces
// resp.Body with a body that replays those bytes and the rest, so the
// caller loses nothing.
func (p RetryPolicy) Next(resp *http.Response, attempt int, elapsed time.Duration) (wait time.Duration, retry bool) {
	if resp == nil || attempt >= p.maxAttempts() || !p.retryable(resp) {
		return 0, false
	}
	wait, ok := p.retryAfter(resp)
	if !ok {
		wait = p.Backoff(attempt)
	}
	if p.Jitter != nil {
		wait = max(p.Jitter(wait), wait)
	} else {
		wait = DefaultJitter(wait)
	}
	// Written as a difference: elapsed+wait can overflow for a huge wait
	// (MaxRetryAfter: math.MaxInt64 and a far Retry-After).
	if elapsed = max(elapsed, 0); wait > p.maxElapsed()-elapsed {
		return 0, false
	}
	return wait, true
}

// Backoff returns the wait before retry number n (1 for the first retry)
// when the server named none: BaseDelay * 2^(n-1), without jitter. It never
// exceeds MaxElapsed.
func (p RetryPolicy) Backoff(n int) time.Duration {
	d, limit := p.baseDelay(), p.maxElapsed()
	for i := 1; i < n; i++ {
		if d > limit/2 { // doubling would pass the limit, or overflow
			return limit
		}
		d *= 2
	}
	return min(d, limit)
}

// retryAfter returns the response's Retry-After when the policy trusts it.
func (p RetryPolicy) retryAfter(resp *http.Response) (time.Duration, bool) {
	d, ok := headerRetryAfter(resp.Header, p.clock().Now())
	if !ok || d > p.maxRetryAfter() {
		return 0, false
	}
	return d, true
}

// retryable applies the catalog's verdict on resp's problem type, bounded
// by HTTP's on its status, and HTTP's alone on a status that carries no
// registered type.
func (p RetryPolicy) retryable(resp *http.Response) bool {
	if !TransientStatus(resp.StatusCode) {
		return false // decided from the status line: the body is not read
	}
	if t := peekType(resp, orDefault(p.PeekTimeout, DefaultPeekTimeout)); t != nil {
		return t.Retryable == Retryable
	}
	switch resp.StatusCode {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// TransientStatus reports whether a response with this status can turn
// out differently when the same request is sent again: 408 Request
// Timeout, 409 Conflict (a concurrent modification), 425 Too Early, 429
// Too Many Requests, 500, 502, 503 and 504. Every other status, a 400
// above all, is the same next time whatever type the body names.
func TransientStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusConflict, http.StatusTooEarly, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func (p RetryPolicy) maxAttempts() int {
	if p.MaxAttempts == 0 {
		return DefaultMaxAttempts
	}
	return p.MaxAttempts
}

func (p RetryPolicy) maxElapsed() time.Duration {
	return orDefault(p.MaxElapsed, DefaultMaxElapsed)
}

func (p RetryPolicy) maxRetryAfter() time.Duration {
	return orDefault(p.MaxRetryAfter, DefaultMaxRetryAfter)
}

func (p RetryPolicy) baseDelay() time.Duration {
	return orDefault(p.BaseDelay, DefaultBaseDelay)
}

func (p RetryPolicy) clock() Clock {
	if p.Clock == nil {
		return SystemClock
	}
	return p.Clock
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
