package problem

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ParseRetryAfter reads a Retry-After header value (RFC 9110 section
// 10.2.3) and returns how long to wait from now. The value is either
// delay-seconds, a non-negative decimal integer ("120"), or an HTTP-date
// ("Fri, 31 Dec 1999 23:59:59 GMT" and the two obsolete forms http.ParseTime
// accepts), which counts from now.
//
// ok is false, and the header must be treated as absent, for anything a
// client should not trust: an empty or unparsable value, a sign ("-1",
// "+5"), a fraction, a number of seconds too large for a time.Duration, or
// a date that is not after now. "0" is valid and means "retry at once".
// ParseRetryAfter applies no upper bound of its own; RetryPolicy caps the
// result with MaxRetryAfter.
func ParseRetryAfter(value string, now time.Time) (wait time.Duration, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if isDigits(value) {
		s, err := strconv.ParseUint(value, 10, 64)
		if err != nil || s > math.MaxInt64/uint64(time.Second) {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	at, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	// Sub saturates instead of overflowing for dates centuries away.
	d := at.Sub(now)
	if d <= 0 {
		return 0, false
	}
	return d, true
}

// isDigits reports whether s is 1*DIGIT, the delay-seconds grammar;
// strconv alone would also accept a leading "+".
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Clock is the time source and the sleeper of a RetryPolicy. Tests pass a
// fake one, so retries never sleep for real and waits can be checked
// exactly.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first. It
	// returns ctx.Err() when ctx ended the wait, else nil.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the real clock, the default of RetryPolicy.
var SystemClock Clock = systemClock{}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// headerRetryAfter reads a response's Retry-After. A date counts from the
// response's own Date, so a client whose clock is off still waits what the
// server meant; without a Date it counts from now.
func headerRetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		now = date
	}
	return ParseRetryAfter(v, now)
}
