// Package upstream turns the outcome of a call from one AnkaSecure service
// to another (its "upstream") into the catalog's answer for the caller:
// upstream-unavailable (502) when the upstream failed or could not be
// reached, upstream-timeout (504) when it did not answer in time, with
// Retry-After only while the circuit breaker toward it is open.
//
// Service packages are generated per service, so the package is generic
// over the generated role type and takes the generated constructors:
//
//	m := upstream.Mapper[ankaerr.Upstream]{
//		Unavailable: ankaerr.NewUpstreamUnavailable,
//		Timeout:     ankaerr.NewUpstreamTimeout,
//		Rejected:    ankaerr.NewClientError,
//	}
//	resp, err := client.Do(req)
//	if p := m.FromCall(ankaerr.AdminAPI, resp, err, problem.Instance(r.URL.Path)); p != nil {
//		p.ServeHTTP(w, r)
//		return
//	}
//	defer resp.Body.Close() // a 2xx-4xx answer: the handler's to read
//
// Client does the same through a Breaker, and Call also reads the body
// inside the breaker's accounting, so an unusable body counts as a failed
// call. NewGobreaker adapts github.com/sony/gobreaker/v2.
//
// # What the caller sees
//
// The body names the upstream by its logical role only, through the
// generated constructor; the failure itself (with its host, port and
// syscall) is attached with problem.Cause, for logs and errors.Is/As, and
// never written. The classification:
//
//   - the breaker refused the call (OpenError): upstream-unavailable with
//     Retry-After = the breaker's remaining open time, at least 1 s and at
//     most the type's bound;
//   - the call could not reach the upstream: refused or failed connection,
//     DNS failure (even a DNS timeout), any dial error: upstream-unavailable;
//   - the call ran out of time after connecting: context.DeadlineExceeded,
//     os.ErrDeadlineExceeded or a net.Error whose Timeout() is true,
//     also while reading the body: upstream-timeout;
//   - the connection broke (reset, EOF), the upstream answered 5xx, or the
//     body was unusable (ErrBadBody, see JSON): upstream-unavailable;
//   - anything else that is an error, including the caller's own context
//     being cancelled: upstream-unavailable, so a handler always has an
//     answer to give.
//
// A 1xx-4xx response with no error is a success for FromCall and the
// breaker: the upstream is healthy, and a 4xx is its verdict on the
// request, which the handler translates into its own error (Call lets its
// body reader return that problem). Where a body is expected, "usable"
// is decided by the reader given to Call: JSON accepts a 2xx with exactly
// one JSON value. An upstream's Retry-After is not passed on; the catalog
// sends one only for the breaker.
//
// # An upstream's 4xx
//
// A permanent answer never becomes a retryable 502 and never counts
// against the upstream. A 4xx that the body reader does not turn into the
// handler's own problem (JSON returns it as a *StatusError) is answered
// with Mapper.Rejected: the catalog's generic client error with the
// upstream's status and a detail naming the role and the status ("the
// admin-api service answered 404 Not Found"), which clients do not retry.
// The breaker counts the call a success. Only 408, 425 and 429, which say
// "not now" rather than "not this", are answered like a 5xx
// (upstream-unavailable) and counted as failures. Every cause names the
// role.
package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"github.com/ankatech/errgen/problem"
)

// Constructor is the shape of a generated constructor such as
// ankaerr.NewUpstreamUnavailable: a role, then problem options.
type Constructor[R any] func(role R, opts ...problem.Option) *problem.Problem

// Mapper builds the catalog's problem for a failed upstream call. R is the
// generated role type (ankaerr.Upstream), which keeps host names out of
// details. The zero Mapper still answers, with a bare 502 about:blank, but
// Unavailable should always be set; Timeout falls back to Unavailable.
type Mapper[R any] struct {
	Unavailable Constructor[R]
	Timeout     Constructor[R]
	// Rejected answers an upstream's permanent 4xx the handler did not
	// translate: the generated constructor of the catalog's generic client
	// error, such as ankaerr.NewClientError, called with the upstream's
	// status and a reason naming the role. nil answers a bare about:blank
	// problem with that status.
	Rejected func(status int, reason string, opts ...problem.Option) *problem.Problem
}

// ErrBadBody marks an upstream answer whose body the service could not
// use: empty, not JSON, or not the expected shape.
var ErrBadBody = errors.New("upstream: unusable response body")

// StatusError is the cause recorded for an upstream's error answer, and
// the error JSON returns for a status other than 2xx. Client fills in Role
// when the body reader left it empty.
type StatusError struct {
	Role       string
	StatusCode int
}

func (e *StatusError) Error() string {
	role := e.Role
	if role == "" {
		role = "upstream"
	}
	return fmt.Sprintf("upstream: %s answered %d %s", role, e.StatusCode, http.StatusText(e.StatusCode))
}

// FromCall returns the problem to answer with after calling role's
// upstream, or nil when the call succeeded: no error and a non-nil
// response below 500. err is the error of sending the request or of reading
// and decoding its body (the latter wins over a 2xx response, so a body
// that times out midway is an upstream-timeout). opts are passed to the
// constructor, typically problem.Instance(r.URL.Path).
//
// When it returns a problem, FromCall has drained a little of resp's body
// and closed it; when it returns nil, the body is the caller's to read and
// close.
func (m Mapper[R]) FromCall(role R, resp *http.Response, err error, opts ...problem.Option) *problem.Problem {
	if err == nil && resp != nil && resp.StatusCode < 500 {
		return nil
	}
	if resp != nil && resp.Body != nil {
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		_ = resp.Body.Close()
	}
	switch {
	case err != nil:
	case resp == nil:
		err = errors.New("no response and no error")
	default:
		err = &StatusError{Role: fmt.Sprint(role), StatusCode: resp.StatusCode}
	}
	return m.fromError(role, err, opts)
}

// fromError classifies a failed call; see the package doc.
func (m Mapper[R]) fromError(role R, err error, opts []problem.Option) *problem.Problem {
	var se *StatusError
	var open *OpenError
	switch {
	case errors.As(err, &se):
		if se.Role == "" {
			se.Role = fmt.Sprint(role)
		}
	case errors.As(err, &open):
	default:
		err = &CallError{Role: fmt.Sprint(role), Err: err}
	}
	opts = append(opts[:len(opts):len(opts)], problem.Cause(err))
	if se != nil && Permanent(se.StatusCode) {
		return m.rejected(se, opts)
	}
	if open != nil {
		return m.unavailable(role, opts).WithRetryAfter(open.Wait)
	}
	if timedOut(err) && m.Timeout != nil {
		return m.Timeout(role, opts...)
	}
	return m.unavailable(role, opts)
}

func (m Mapper[R]) unavailable(role R, opts []problem.Option) *problem.Problem {
	if m.Unavailable != nil {
		return m.Unavailable(role, opts...)
	}
	p := &problem.Problem{Type: "about:blank", Title: http.StatusText(http.StatusBadGateway), Status: http.StatusBadGateway}
	for _, o := range opts {
		o(p)
	}
	return p
}

// rejected answers an upstream's permanent 4xx.
func (m Mapper[R]) rejected(se *StatusError, opts []problem.Option) *problem.Problem {
	reason := fmt.Sprintf("the %s service answered %d %s", se.Role, se.StatusCode, http.StatusText(se.StatusCode))
	if m.Rejected != nil {
		return m.Rejected(se.StatusCode, reason, opts...)
	}
	p := &problem.Problem{Type: "about:blank", Title: http.StatusText(se.StatusCode), Status: se.StatusCode}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Permanent reports whether an upstream's status is a verdict on the
// request that sending it again will not change: a 4xx other than 408
// Request Timeout, 425 Too Early and 429 Too Many Requests.
func Permanent(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return false
	}
	return status >= 400 && status < 500
}

// CallError is the cause recorded for a failed call: the role it was
// made to and what went wrong (the dial error, the timeout...), so a log
// line of the cause always says which upstream failed.
type CallError struct {
	Role string
	Err  error
}

func (e *CallError) Error() string { return "upstream: calling " + e.Role + ": " + e.Err.Error() }

func (e *CallError) Unwrap() error { return e.Err }

// timedOut reports whether err means the upstream was reached but did not
// answer in time. A failure to resolve or dial is never a timeout here:
// the seed page's 502 is "could not be reached", its 504 "did not answer".
func timedOut(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return false
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// MaxJSONBody is the most JSON reads of an upstream body.
const MaxJSONBody = 16 << 20

// JSON returns a function for Client.Call that decodes a 2xx JSON
// response body into v: the common "expected a body" case. An empty body,
// invalid JSON, trailing data or a body over MaxJSONBody is ErrBadBody; an
// error while reading keeps its own cause too, so a read that times out is
// still an upstream-timeout. Any other status is a *StatusError, answered
// with upstream-unavailable but not counted against the upstream by the
// breaker; a handler that expects a 404 or 409 checks for it before
// calling JSON and returns its own problem.
func JSON(v any) func(*http.Response) error {
	return func(resp *http.Response) error {
		if resp.StatusCode/100 != 2 {
			return &StatusError{StatusCode: resp.StatusCode}
		}
		r := &countingReader{r: io.LimitReader(resp.Body, MaxJSONBody+1)}
		dec := json.NewDecoder(r)
		err := dec.Decode(v)
		if err == nil && dec.More() {
			err = errors.New("data after the JSON value")
		}
		if err == nil && r.n > MaxJSONBody {
			err = fmt.Errorf("body over %d bytes", MaxJSONBody)
		}
		switch {
		case err == nil:
			return nil
		case errors.Is(err, io.EOF) && r.n == 0:
			return fmt.Errorf("%w: empty body (status %d)", ErrBadBody, resp.StatusCode)
		default:
			return fmt.Errorf("%w: %w", ErrBadBody, err)
		}
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
