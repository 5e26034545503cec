package problemtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ankatech/errgen/problem"
)

// A hand-written descriptor shaped like a generated one.
var upstream = &problem.Type{
	URI:           "https://docs.ankatech.co/errors/upstream-unavailable",
	Slug:          "upstream-unavailable",
	Title:         "Upstream Service Unavailable",
	Status:        502,
	RetryAfter:    problem.RetryAfterAllowed,
	RetryAfterMin: time.Second,
	RetryAfterMax: 30 * time.Second,
	Members:       []problem.Member{{Name: "errorCode", Type: "string", Enum: []string{"UPSTREAM_DOWN", "UPSTREAM_5XX"}}},
	Detail:        "The {upstream} service is temporarily unavailable.",
	Params:        []problem.Param{{Name: "upstream", Kind: problem.ParamRole, Values: []string{"admin-api", "core-api"}}},
	Schema: `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://docs.ankatech.co/errors/upstream-unavailable/schema.json",
  "$ref": "https://docs.ankatech.co/errors/problem.schema.json",
  "required": ["type", "title", "status"],
  "properties": {
    "type": {"const": "https://docs.ankatech.co/errors/upstream-unavailable"},
    "title": {"const": "Upstream Service Unavailable"},
    "status": {"const": 502},
    "errorCode": {"type": "string", "enum": ["UPSTREAM_DOWN", "UPSTREAM_5XX"]}
  }
}`,
}

var rateLimited = &problem.Type{
	URI: "https://docs.ankatech.co/errors/rate-limited", Title: "Too Many Requests", Status: 429,
	RetryAfter: problem.RetryAfterRequired, RetryAfterMin: time.Second, RetryAfterMax: 60 * time.Second,
}

var notFound = &problem.Type{URI: "https://docs.ankatech.co/errors/not-found", Title: "Not Found", Status: 404}

var serverError = &problem.Type{URI: "https://docs.ankatech.co/errors/server-error", Title: "Server Error", Class: 5}

// fakeTB records what AssertProblem reports instead of failing this test.
type fakeTB struct {
	testing.TB
	errors, fatals []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatals = append(f.fatals, fmt.Sprintf(format, args...))
}

const okDetail = "The admin-api service is temporarily unavailable."

const goodBody = `{"type":"https://docs.ankatech.co/errors/upstream-unavailable","title":"Upstream Service Unavailable","status":502,"errorCode":"UPSTREAM_DOWN"}`

// raw writes exactly the given response, bypassing package problem.
func raw(status int, headers map[string]string, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	for k, v := range headers {
		rec.Header().Set(k, v)
	}
	rec.WriteHeader(status)
	io.WriteString(rec, body)
	return rec
}

func goodHeaders(extra ...string) map[string]string {
	h := map[string]string{"Content-Type": problem.ContentType, "X-Request-Id": "id-1"}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			delete(h, extra[i])
		} else {
			h[extra[i]] = extra[i+1]
		}
	}
	return h
}

func served(p *problem.Problem) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	return rec
}

func TestPasses(t *testing.T) {
	tests := map[string]struct {
		resp any
		want *problem.Type
	}{
		"served":              {served(problem.New(upstream, okDetail, problem.Set("errorCode", "UPSTREAM_5XX"))), upstream},
		"served, retry-after": {served(problem.New(upstream, okDetail).WithRetryAfter(45 * time.Second)), upstream},
		"raw":                 {raw(502, goodHeaders("Retry-After", "1"), goodBody), upstream},
		"required":            {served(problem.New(rateLimited, "")), rateLimited},
		"class":               {served(problem.NewStatus(serverError, 503, "")), serverError},
		"no schema":           {served(problem.New(notFound, "")), notFound},
		// Set refuses the undeclared member, so the served body is clean.
		"set refused": {served(problem.New(upstream, okDetail).Set("debugHost", "10.0.0.7:8443")), upstream},
	}
	for name, tc := range tests {
		f := &fakeTB{}
		AssertProblem(f, tc.resp, tc.want)
		if len(f.errors)+len(f.fatals) > 0 {
			t.Errorf("%s: want a pass, got errors %q fatals %q", name, f.errors, f.fatals)
		}
	}
}

func TestFails(t *testing.T) {
	tests := []struct {
		name string
		resp any
		want *problem.Type
		msgs []string // each must be one Errorf of its own
	}{
		{"content type", raw(502, goodHeaders("Content-Type", "application/json"), goodBody), upstream,
			[]string{"problemtest: content type: got \"application/json\""}},
		{"status line", raw(503, goodHeaders(), strings.Replace(goodBody, "502", "503", 1)), upstream,
			[]string{"problemtest: status line: got 503, want 502", "problemtest: schema of"}},
		{"body status", raw(502, goodHeaders(), strings.Replace(goodBody, "502", "500", 1)), upstream,
			[]string{"problemtest: body status: got 500, want 502", "/status: must be 502 (const)"}},
		{"body status missing", raw(502, goodHeaders(), `{"type":"https://docs.ankatech.co/errors/upstream-unavailable","title":"Upstream Service Unavailable"}`), upstream,
			[]string{"problemtest: body status: got nothing", "/status: missing (required)"}},
		{"body type", raw(404, goodHeaders(), `{"type":"about:blank","title":"Not Found","status":404}`), notFound,
			[]string{`problemtest: body type: got "about:blank", want "https://docs.ankatech.co/errors/not-found"`}},
		{"schema", raw(502, goodHeaders(), strings.Replace(goodBody, "UPSTREAM_DOWN", "NOPE", 1)), upstream,
			[]string{"problemtest: schema of https://docs.ankatech.co/errors/upstream-unavailable: /errorCode: must be one of"}},
		{"request id", raw(502, goodHeaders("X-Request-Id", ""), goodBody), upstream,
			[]string{"problemtest: X-Request-Id: missing"}},
		{"retry-after on a none type", raw(404, goodHeaders("Retry-After", "5"), `{"type":"https://docs.ankatech.co/errors/not-found","title":"Not Found","status":404}`), notFound,
			[]string{"problemtest: Retry-After: got [\"5\"], want none"}},
		{"retry-after required", raw(429, goodHeaders(), `{"type":"https://docs.ankatech.co/errors/rate-limited","title":"Too Many Requests","status":429}`), rateLimited,
			[]string{"problemtest: Retry-After: missing (policy required)"}},
		{"retry-after too big", raw(502, goodHeaders("Retry-After", "45"), goodBody), upstream,
			[]string{"problemtest: Retry-After: 45 is outside [1, 30] seconds"}},
		{"retry-after zero", raw(502, goodHeaders("Retry-After", "0"), goodBody), upstream,
			[]string{"problemtest: Retry-After: 0 is outside [1, 30] seconds"}},
		{"retry-after a date", raw(502, goodHeaders("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"), goodBody), upstream,
			[]string{"problemtest: Retry-After: \"Wed, 21 Oct 2015 07:28:00 GMT\" is not an integer"}},
		{"not JSON", raw(502, goodHeaders(), `<html>502</html>`), upstream,
			[]string{"problemtest: body: not a JSON object"}},
		{"undeclared member", raw(502, goodHeaders(), strings.Replace(goodBody, `}`, `,"debugHost":"db"}`, 1)), upstream,
			[]string{"/debugHost: not a member upstream-unavailable declares"}},
		{"leaking detail", raw(502, goodHeaders(), strings.Replace(goodBody, `}`, `,"detail":"dial tcp 10.0.0.7:8443: connection refused"}`, 1)), upstream,
			[]string{`/detail: looks like a leak: an IPv4 address "10.0.0.7"`, `/detail: detail "dial tcp 10.0.0.7:8443: connection refused" does not match the template`}},
		{"wrong parameter", raw(502, goodHeaders(), strings.Replace(goodBody, `}`, `,"detail":"The billing-db service is temporarily unavailable."}`, 1)), upstream,
			[]string{"/detail: detail \"The billing-db service is temporarily unavailable.\": {upstream} must be one of the roles admin-api, core-api"}},
		{"leaking header", raw(502, goodHeaders("X-Backend", "admin-api.internal:8443"), goodBody), upstream,
			[]string{`header X-Backend: looks like a leak: a host:port "admin-api.internal:8443"`}},
		{"class range", raw(404, goodHeaders(), `{"type":"https://docs.ankatech.co/errors/server-error","title":"Server Error","status":404}`), serverError,
			[]string{"problemtest: status line: got 404, want 500-599 (class 5xx)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeTB{}
			AssertProblem(f, tc.resp, tc.want)
			if len(f.fatals) > 0 {
				t.Errorf("unexpected Fatalf: %q", f.fatals)
			}
			// Each failing check is its own Errorf, then the body once.
			if n := len(f.errors); n != len(tc.msgs)+1 || !strings.HasPrefix(f.errors[n-1], "problemtest: body was:\n") {
				t.Fatalf("got %d errors %q, want %d and the body", n, f.errors, len(tc.msgs))
			}
			for i, m := range tc.msgs {
				if !strings.Contains(f.errors[i], m) {
					t.Errorf("error %d = %q, want it to contain %q", i, f.errors[i], m)
				}
			}
		})
	}
}

func TestBadArguments(t *testing.T) {
	for name, resp := range map[string]any{
		"string":          "a body",
		"nil response":    (*http.Response)(nil),
		"nil recorder":    (*httptest.ResponseRecorder)(nil),
		"untyped nil":     nil,
		"response struct": http.Response{},
	} {
		f := &fakeTB{}
		AssertProblem(f, resp, upstream)
		if len(f.fatals) != 1 || len(f.errors) != 0 {
			t.Errorf("%s: want one Fatalf, got fatals %q errors %q", name, f.fatals, f.errors)
		}
	}
	f := &fakeTB{}
	AssertProblem(f, "x", upstream)
	if !strings.Contains(f.fatals[0], "string") {
		t.Errorf("Fatalf should name the type: %q", f.fatals[0])
	}
	f = &fakeTB{}
	AssertProblem(f, served(problem.New(upstream, "")), nil)
	if len(f.fatals) != 1 {
		t.Error("nil want: want a Fatalf")
	}
}

// TestRealServer asserts on a real response and checks the caller can
// still read the body afterwards.
func TestRealServer(t *testing.T) {
	srv := httptest.NewServer(problem.New(upstream, "The admin-api service is temporarily unavailable.").
		WithRetryAfter(10 * time.Second))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	AssertProblem(t, resp, upstream)
	p, _ := problem.Parse(resp)
	if p.Detail != "The admin-api service is temporarily unavailable." {
		t.Errorf("body not restored: parsed %+v", p)
	}

	f := &fakeTB{}
	resp2, _ := srv.Client().Get(srv.URL)
	AssertProblem(f, resp2, notFound)
	if len(f.errors) == 0 {
		t.Error("a 502 passed as not-found")
	}
}
