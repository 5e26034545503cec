package upstream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/ankatech/errgen/problem"
)

// Breaker is a circuit breaker toward one upstream, as Client uses it.
// NewGobreaker adapts github.com/sony/gobreaker/v2; any other breaker fits
// with a few lines.
type Breaker interface {
	// Allow asks to make one call. When the breaker refuses, err is
	// non-nil (it need not be an OpenError; Client wraps it) and done is
	// nil. Otherwise done must be called exactly once, with nil when the
	// call succeeded and the failure otherwise. Client reports a call
	// cancelled by its caller with an error that matches context.Canceled,
	// which a breaker should leave out of its counts: it says nothing about
	// the upstream.
	Allow() (done func(failure error), err error)
	// OpenFor returns how long from now the breaker will go on refusing
	// calls: the rest of its open-state wait, never more than that wait,
	// and 0 when it is not open.
	OpenFor() time.Duration
}

// ErrOpen matches every OpenError: errors.Is(err, upstream.ErrOpen).
var ErrOpen = errors.New("upstream: circuit breaker open")

// OpenError is a call the breaker refused without contacting the
// upstream. FromCall answers it with upstream-unavailable and
// Retry-After: Wait (rounded up to whole seconds, at least 1 s, at most the
// type's bound). A refusal while the breaker is half-open, with its trial
// calls in flight, has a Wait of 0 and so a Retry-After of 1.
type OpenError struct {
	Role string
	Wait time.Duration
	// Err is the breaker's own error, such as gobreaker.ErrOpenState.
	Err error
}

func (e *OpenError) Error() string {
	return fmt.Sprintf("upstream: breaker toward %s refused the call for %v: %v", e.Role, e.Wait, e.Err)
}

func (e *OpenError) Unwrap() error { return e.Err }

// Is makes every OpenError match ErrOpen.
func (e *OpenError) Is(target error) bool { return target == ErrOpen }

// Client calls one upstream through a breaker and answers every failure
// with the catalog's problem, as Mapper.FromCall would. The zero Breaker
// (nil) lets every call through; the zero HTTP uses http.DefaultClient.
// Deadlines come from the request's context: set one per call with
// context.WithTimeout, so a hung upstream becomes an upstream-timeout.
// A Client is safe for concurrent use when its Breaker and HTTP are.
type Client[R any] struct {
	Role    R
	Mapper  Mapper[R]
	HTTP    *http.Client
	Breaker Breaker
}

// Do sends req and returns its response when the call succeeded (no error,
// status below 500), or else the problem to answer with and a nil
// response. The breaker learns the outcome before Do returns, so it judges
// the status line only; use Call when the body decides too.
func (c *Client[R]) Do(req *http.Request, opts ...problem.Option) (*http.Response, *problem.Problem) {
	return c.run(req, nil, opts)
}

// Call sends req and, when the response is a success (status below 500),
// gives it to use; Call closes the body afterwards. It returns nil when
// everything succeeded, else the problem to answer with.
//
// An error from use is a failure of the call: the breaker counts it and it
// is mapped like any other (return ErrBadBody, or use JSON, for an empty or
// invalid body). Except a *problem.Problem: that is the handler's own
// answer to an upstream verdict (a 404 from the upstream becoming the
// service's not-found), returned unchanged, while the breaker counts a
// success. A nil use only checks the status.
func (c *Client[R]) Call(req *http.Request, use func(*http.Response) error, opts ...problem.Option) *problem.Problem {
	if use == nil {
		use = func(*http.Response) error { return nil }
	}
	_, p := c.run(req, use, opts)
	return p
}

func (c *Client[R]) run(req *http.Request, use func(*http.Response) error, opts []problem.Option) (*http.Response, *problem.Problem) {
	done := func(error) {}
	if c.Breaker != nil {
		d, err := c.Breaker.Allow()
		if err != nil {
			open := &OpenError{Role: fmt.Sprint(c.Role), Wait: c.Breaker.OpenFor(), Err: err}
			return nil, c.Mapper.fromError(c.Role, open, opts)
		}
		done = d
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	p := c.Mapper.FromCall(c.Role, resp, err, opts...)
	if p == nil && use != nil {
		err = use(resp)
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		_ = resp.Body.Close()
		var own *problem.Problem
		if errors.As(err, &own) {
			done(nil)
			return nil, own
		}
		if err != nil {
			p = c.Mapper.fromError(c.Role, err, opts)
		}
	}
	done(failure(req.Context(), p))
	if p != nil {
		return nil, p
	}
	return resp, nil
}

// failure is what the breaker learns: nil for a success, the cause of the
// problem otherwise, marked as context.Canceled when the caller gave up.
// An upstream's permanent 4xx that JSON refused is a success: the
// upstream is healthy, only the request was not to its liking.
func failure(ctx context.Context, p *problem.Problem) error {
	if p == nil {
		return nil
	}
	cause := p.Unwrap()
	if cause == nil {
		cause = p
	}
	var se *StatusError
	if errors.As(cause, &se) && Permanent(se.StatusCode) {
		return nil
	}
	if errors.Is(ctx.Err(), context.Canceled) && !errors.Is(cause, context.Canceled) {
		cause = fmt.Errorf("%w (%w)", context.Canceled, cause)
	}
	return cause
}
