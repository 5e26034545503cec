// Package problemtest checks error responses in tests against the catalog.
//
//	rec := httptest.NewRecorder()
//	handler.ServeHTTP(rec, req)
//	problemtest.AssertProblem(t, rec, ankaerr.UpstreamUnavailable)
//
// AssertProblem accepts an *httptest.ResponseRecorder or an *http.Response
// (from a real server; its Body is restored so the caller can still read
// it). Every failed check is its own t.Errorf, prefixed with what was
// checked, and the body is shown once at the end.
//
// AssertProblem is strict, because it checks a service's own responses:
// besides the schema it fails on a member the type does not declare, a
// detail the type's template cannot produce (each parameter matched by its
// kind) and anything in the body or the headers that looks like a leak (an
// IP address or host:port, "dial tcp", "goroutine ", "panic:", a Go file
// path with a line number). See problem.Validator.ValidateStrict; clients
// reading other services' answers use the lenient problem.Validate.
package problemtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/ankatech/errgen/problem"
)

// validator is shared so each type's schema is compiled once per test
// binary, however many tests assert on it.
var validator = problem.NewValidator()

// response is what the checks need, from either kind of response.
type response struct {
	status int
	header http.Header
	body   []byte
}

// AssertProblem checks that resp is a well-formed problem response of type
// want: the content type, the status line (want.Status, or want's class
// range), the body's status and type, the body against want.Schema and
// the strict rules (declared members only, the detail template, no leak;
// each violation its own error naming the member and the rule or
// pattern), an X-Request-Id, Retry-After according to want's policy, and
// no header value that looks like a leak.
func AssertProblem(t testing.TB, resp any, want *problem.Type) {
	t.Helper()
	if want == nil {
		t.Fatalf("problemtest: want is a nil *problem.Type")
		return
	}
	r, err := read(resp)
	if err != nil {
		t.Fatalf("problemtest: %v", err)
		return
	}
	c := &checker{t: t}
	checkHeaders(c, r, want)
	checkBody(c, r, want)
	if c.failed {
		t.Errorf("problemtest: body was:\n%s", r.body)
	}
}

func read(resp any) (response, error) {
	switch v := resp.(type) {
	case *httptest.ResponseRecorder:
		if v == nil {
			return response{}, fmt.Errorf("resp is a nil *httptest.ResponseRecorder")
		}
		// Result's header is the snapshot taken when the status was written,
		// as a client would see it; Bytes leaves the recorder's body unread.
		return response{v.Code, v.Result().Header, v.Body.Bytes()}, nil
	case *http.Response:
		if v == nil {
			return response{}, fmt.Errorf("resp is a nil *http.Response")
		}
		var body []byte
		if v.Body != nil {
			var err error
			body, err = io.ReadAll(v.Body)
			v.Body.Close()
			// Put the bytes back for the caller's own checks.
			v.Body = io.NopCloser(bytes.NewReader(body))
			if err != nil {
				return response{}, fmt.Errorf("reading the body: %v", err)
			}
		}
		return response{v.StatusCode, v.Header, body}, nil
	}
	return response{}, fmt.Errorf("resp is a %T; want *http.Response or *httptest.ResponseRecorder", resp)
}

// checker remembers whether any check failed, to show the body once.
type checker struct {
	t      testing.TB
	failed bool
}

func (c *checker) errorf(format string, args ...any) {
	c.t.Helper()
	c.failed = true
	c.t.Errorf("problemtest: "+format, args...)
}

func checkHeaders(c *checker, r response, want *problem.Type) {
	c.t.Helper()
	ct := r.header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != problem.ContentType {
		c.errorf("content type: got %q, want %q", ct, problem.ContentType)
	}
	if lo, hi := statusRange(want); r.status < lo || r.status > hi {
		if lo == hi {
			c.errorf("status line: got %d, want %d", r.status, lo)
		} else {
			c.errorf("status line: got %d, want %d-%d (class %dxx)", r.status, lo, hi, want.Class)
		}
	}
	if r.header.Get("X-Request-Id") == "" {
		c.errorf("X-Request-Id: missing")
	}
	checkRetryAfter(c, r.header.Values("Retry-After"), want)
	names := make([]string, 0, len(r.header))
	for name := range r.header {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, v := range r.header[name] {
			if leak := problem.FindLeak(v); leak != "" {
				c.errorf("header %s: looks like a leak: %s", name, leak)
			}
		}
	}
}

func statusRange(want *problem.Type) (lo, hi int) {
	if want.Class != 0 {
		return want.Class * 100, want.Class*100 + 99
	}
	return want.Status, want.Status
}

func checkRetryAfter(c *checker, vals []string, want *problem.Type) {
	c.t.Helper()
	switch {
	case want.RetryAfter == problem.RetryAfterNone && len(vals) > 0:
		c.errorf("Retry-After: got %q, want none (policy %s)", vals, want.RetryAfter)
		return
	case want.RetryAfter == problem.RetryAfterRequired && len(vals) == 0:
		c.errorf("Retry-After: missing (policy %s)", want.RetryAfter)
		return
	case len(vals) == 0:
		return
	case len(vals) > 1:
		c.errorf("Retry-After: %d values %q, want one", len(vals), vals)
		return
	}
	secs, err := strconv.ParseUint(vals[0], 10, 31)
	if err != nil {
		c.errorf("Retry-After: %q is not an integer number of seconds", vals[0])
		return
	}
	lo := max(ceilSeconds(want.RetryAfterMin), 1)
	hi := uint64(want.RetryAfterMax / time.Second)
	if secs < lo || hi > 0 && secs > hi {
		c.errorf("Retry-After: %d is outside [%d, %d] seconds", secs, lo, hi)
	}
}

func ceilSeconds(d time.Duration) uint64 {
	return uint64((d + time.Second - 1) / time.Second)
}

func checkBody(c *checker, r response, want *problem.Type) {
	c.t.Helper()
	var members map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &members); err != nil {
		c.errorf("body: not a JSON object: %v", err)
		return
	}
	var status int
	if err := json.Unmarshal(members["status"], &status); err != nil || status != r.status {
		c.errorf("body status: got %s, want %d (the status line)", orMissing(members["status"]), r.status)
	}
	var typ string
	if err := json.Unmarshal(members["type"], &typ); err != nil || typ != want.URI {
		c.errorf("body type: got %s, want %q", orMissing(members["type"]), want.URI)
	}
	err := validator.ValidateStrict(want, r.body)
	var se *problem.SchemaError
	switch {
	case errors.As(err, &se):
		for _, v := range se.Violations {
			c.errorf("schema of %s: %s", want.URI, v)
		}
	case err != nil:
		c.errorf("schema of %s: %v", want.URI, err)
	}
}

func orMissing(raw json.RawMessage) string {
	if raw == nil {
		return "nothing"
	}
	return string(raw)
}
