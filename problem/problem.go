package problem

import (
	"math"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// Problem is one occurrence of a problem type: what a handler returns as an
// error and what ServeHTTP writes. The exported fields are the RFC 9457
// members. A Problem is built by one goroutine (the With methods and Set
// change it in place and return it for chaining); once built it may be
// served concurrently, as the http.Handler of a server.
type Problem struct {
	Type     string
	Title    string
	Status   int
	Detail   string
	Instance string
	// Extensions are the extension members. For a problem with a
	// descriptor the body writes only the members its Type declares, in
	// catalog order, so a value put here by hand cannot leak; a problem
	// without one (about:blank, an unregistered parsed type) writes them
	// all, sorted by name. Names of the standard members are never
	// written from here.
	Extensions map[string]any

	typ        *Type
	retryAfter time.Duration // 0: no Retry-After
	cause      error
	headers    []header
	// requestID is the X-Request-Id ServeHTTP sent (a string). It is an
	// atomic.Value because a Problem may be the http.Handler of a server
	// and serve requests concurrently; unlike atomic.Pointer it keeps a
	// Problem copyable for go vet.
	requestID atomic.Value
	refused   []string // members Set refused: the type does not declare them
}

type header struct{ name, value string }

// Option sets an optional part of a Problem at construction.
type Option func(*Problem)

// New returns a problem of type t with the given detail (the human text for
// this occurrence). Its Status is t.Status; use NewStatus for class types.
func New(t *Type, detail string, opts ...Option) *Problem {
	p := &Problem{typ: t, Type: t.URI, Title: t.Title, Status: t.Status, Detail: detail}
	for _, o := range opts {
		if o != nil { // a nil option (a conditional one left unset) does nothing
			o(p)
		}
	}
	if p.retryAfter == 0 && t.RetryAfter == RetryAfterRequired {
		// A required Retry-After must never be missing; the upper bound is
		// the honest default when the caller knows no better.
		p.WithRetryAfter(t.RetryAfterMax)
	}
	return p
}

// NewStatus is New for the class catch-alls (4xx, 5xx): status must be in
// t.Class's range, else it becomes t.Class*100 (400 or 500), so a class
// type never answers with a status of another class.
func NewStatus(t *Type, status int, detail string, opts ...Option) *Problem {
	p := New(t, detail, opts...)
	switch {
	case t.Class != 0 && status/100 == t.Class && status <= 599:
		p.Status = status
	case t.Class != 0:
		p.Status = t.Class * 100
	case status >= 100 && status <= 599 && t.Status == 0:
		p.Status = status
	}
	return p
}

// Instance sets the instance member: the path of the request that failed.
func Instance(path string) Option { return func(p *Problem) { p.Instance = path } }

// Set sets the extension member name to value.
func Set(name string, value any) Option { return func(p *Problem) { p.Set(name, value) } }

// Cause records the internal error behind the problem. It is for logs and
// errors.Is/As only: the body never carries it.
func Cause(err error) Option { return func(p *Problem) { p.cause = err } }

// Set sets the extension member name to value and returns p. A problem
// with a descriptor accepts only the members its Type declares: any other
// name is refused, so a debugging value cannot reach a body. A refused Set
// changes nothing but Refused, which lists the name, and the log value
// (see LogValue), which shows it; tests see it there.
func (p *Problem) Set(name string, value any) *Problem {
	if p.typ != nil && p.typ.member(name) == nil {
		p.refused = append(p.refused, name)
		return p
	}
	p.setMember(name, value)
	return p
}

// Refused returns the member names Set refused because the problem's
// type does not declare them, in the order of the calls.
func (p *Problem) Refused() []string { return p.refused }

func (p *Problem) setMember(name string, value any) {
	if p.Extensions == nil {
		p.Extensions = make(map[string]any, 2)
	}
	p.Extensions[name] = value
}

// Error returns "title: detail" (just the title when there is no detail).
// It is never empty: without a title it names the type URI, then the
// status, so a parsed problem of an unknown type still says something.
func (p *Problem) Error() string {
	head := p.Title
	switch {
	case head != "":
	case p.Type != "" && p.Type != "about:blank":
		head = p.Type
	case http.StatusText(p.Status) != "":
		head = http.StatusText(p.Status)
	default:
		head = "problem " + strconv.Itoa(p.Status)
	}
	if p.Detail == "" {
		return head
	}
	return head + ": " + p.Detail
}

// Is makes errors.Is(err, SomeType) work: it is true for p's *Type (by
// pointer, URI or alias) and for another *Problem of the same type URI.
func (p *Problem) Is(target error) bool {
	switch t := target.(type) {
	case *Type:
		if t == nil {
			return false
		}
		return p.typ == t || t.matches(p.Type) || (p.typ != nil && p.typ.matches(t.URI))
	case *Problem:
		if t == nil {
			return false
		}
		return t.Type == p.Type || (t.typ != nil && t.typ == p.typ)
	}
	return false
}

// Unwrap returns the cause given with Cause, so errors.Is and errors.As see
// through a problem to the failure behind it.
func (p *Problem) Unwrap() error { return p.cause }

// Descriptor returns the problem's type, or nil for a parsed problem whose
// type is not registered.
func (p *Problem) Descriptor() *Type { return p.typ }

// WithRetryAfter sets the Retry-After wait. It rounds d up to whole seconds
// (a client must not come back early) and clamps it to the type's
// [RetryAfterMin, RetryAfterMax], at least 1s. It does nothing for a type
// whose policy is RetryAfterNone. A caller that has no wait to announce
// does not call it: the header is then absent.
func (p *Problem) WithRetryAfter(d time.Duration) *Problem {
	lo, hi := time.Second, time.Duration(0)
	if t := p.typ; t != nil {
		if t.RetryAfter == RetryAfterNone {
			return p
		}
		lo, hi = max(lo, ceilSecond(t.RetryAfterMin)), t.RetryAfterMax.Truncate(time.Second)
	}
	d = max(ceilSecond(d), lo)
	if hi >= lo && d > hi {
		d = hi
	}
	p.retryAfter = d
	return p
}

// ceilSecond rounds d up to whole seconds, saturating: a wait too long to
// round up stays the longest whole-second Duration instead of wrapping to
// a negative one.
func ceilSecond(d time.Duration) time.Duration {
	if r := d % time.Second; r > 0 {
		if d > math.MaxInt64-(time.Second-r) {
			return time.Duration(math.MaxInt64).Truncate(time.Second)
		}
		d += time.Second - r
	}
	return d.Truncate(time.Second)
}

// RetryAfter returns the Retry-After wait and whether there is one.
func (p *Problem) RetryAfter() (time.Duration, bool) {
	return p.retryAfter, p.retryAfter > 0
}

// WithInstance sets the instance member and returns p.
func (p *Problem) WithInstance(path string) *Problem {
	p.Instance = path
	return p
}

// WithHeader adds a response header the type declares (for example
// WWW-Authenticate for an authentication error). Headers the type does not
// declare are dropped: they are part of the type's contract, and the
// runtime owns Content-Type, X-Request-Id and Retry-After.
func (p *Problem) WithHeader(name, value string) *Problem {
	if p.typ != nil && !p.typ.declaresHeader(name) {
		return p
	}
	name = http.CanonicalHeaderKey(name)
	switch name {
	case "Content-Type", "Content-Length", "X-Request-Id", "Retry-After":
		return p
	}
	p.headers = append(p.headers, header{name, value})
	return p
}

// clone is a copy of p for one answer: the same members, type, cause and
// headers (shared, read only), and no request ID yet.
func (p *Problem) clone() *Problem {
	return &Problem{Type: p.Type, Title: p.Title, Status: p.Status, Detail: p.Detail, Instance: p.Instance,
		Extensions: p.Extensions, typ: p.typ, retryAfter: p.retryAfter, cause: p.cause, headers: p.headers, refused: p.refused}
}
