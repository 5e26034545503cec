package problem

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const wantBody = `{"type":"https://docs.ankatech.co/errors/upstream-unavailable",` +
	`"title":"Upstream Service Unavailable","status":502,` +
	`"detail":"The admin-api service is temporarily unavailable.",` +
	`"instance":"/api/key-management/keys",` +
	`"upstream":"admin-api","errorCode":"UPSTREAM_DOWN","attempts":3}`

func sampleProblem() *Problem {
	return New(upstreamUnavailable, "The admin-api service is temporarily unavailable.",
		Instance("/api/key-management/keys"),
		// Set out of order on purpose: the body follows the catalog; zeta
		// is not declared, so Set refuses it.
		Set("zeta", true), Set("attempts", 3), Set("errorCode", "UPSTREAM_DOWN"), Set("upstream", "admin-api"),
		Cause(errors.New("dial tcp 10.0.3.7:8443: connection refused")),
	)
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestServeHTTPRecorder(t *testing.T) {
	rec := httptest.NewRecorder()
	sampleProblem().WithRetryAfter(12*time.Second).ServeHTTP(rec, httptest.NewRequest("GET", "/api/key-management/keys", nil))
	res := rec.Result()
	if res.StatusCode != 502 {
		t.Errorf("status = %d, want 502", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != ContentType {
		t.Errorf("Content-Type = %q", ct)
	}
	if id := res.Header.Get("X-Request-Id"); !uuidV4.MatchString(id) {
		t.Errorf("X-Request-Id = %q, want a fresh UUIDv4", id)
	}
	if ra := res.Header.Get("Retry-After"); ra != "12" {
		t.Errorf("Retry-After = %q, want 12", ra)
	}
	if got := rec.Body.String(); got != wantBody {
		t.Errorf("body\n got %s\nwant %s", got, wantBody)
	}
	if strings.Contains(rec.Body.String(), "10.0.3.7") {
		t.Error("body leaks the cause")
	}
}

func TestServeHTTPServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sampleProblem().WithRetryAfter(45*time.Second).ServeHTTP(w, r)
	}))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/api/key-management/keys", nil)
	req.Header.Set("X-Request-Id", "client-id-42")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 502 || res.Header.Get("Content-Type") != ContentType {
		t.Errorf("got %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if id := res.Header.Get("X-Request-Id"); id != "client-id-42" {
		t.Errorf("X-Request-Id = %q, want the client's echoed", id)
	}
	if ra := res.Header.Get("Retry-After"); ra != "30" {
		t.Errorf("Retry-After = %q, want 30 (clamped to the 30s maximum)", ra)
	}
	if string(body) != wantBody {
		t.Errorf("body\n got %s\nwant %s", body, wantBody)
	}
}

func TestRequestIDSources(t *testing.T) {
	tests := []struct {
		name, header, ctx, want string
	}{
		{"context wins (what RequestIDs decided)", "abc-123", "from-ctx", "from-ctx"},
		{"header when no context", "abc-123", "", "abc-123"},
		{"context when no header", "", "from-ctx", "from-ctx"},
		{"space rejected", "a b", "", "uuid"},
		{"quote rejected", `a"b`, "", "uuid"},
		{"control chars rejected", "bad\x01id", "from-ctx", "from-ctx"},
		{"too long rejected", strings.Repeat("a", 129), "from-ctx", "from-ctx"},
		{"128 accepted", strings.Repeat("a", 128), "", strings.Repeat("a", 128)},
		{"non-ASCII rejected", "idé", "", "uuid"},
		{"nothing", "", "", "uuid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tc.header != "" {
				r.Header["X-Request-Id"] = []string{tc.header}
			}
			if tc.ctx != "" {
				r = r.WithContext(WithRequestID(r.Context(), tc.ctx))
			}
			rec := httptest.NewRecorder()
			New(unauthorized, "").ServeHTTP(rec, r)
			got := rec.Header().Get("X-Request-Id")
			if tc.want == "uuid" {
				if !uuidV4.MatchString(got) {
					t.Errorf("X-Request-Id = %q, want a UUIDv4", got)
				}
			} else if got != tc.want {
				t.Errorf("X-Request-Id = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name string
		p    *Problem
		want string
	}{
		{"clamped to max", New(upstreamUnavailable, "").WithRetryAfter(45 * time.Second), "30"},
		{"rounded up", New(upstreamUnavailable, "").WithRetryAfter(200 * time.Millisecond), "1"},
		{"rounded up, not to nearest", New(upstreamUnavailable, "").WithRetryAfter(4100 * time.Millisecond), "5"},
		{"zero becomes the minimum", New(upstreamUnavailable, "").WithRetryAfter(0), "1"},
		{"not set", New(upstreamUnavailable, ""), ""},
		{"none policy ignores it", New(unauthorized, "").WithRetryAfter(10 * time.Second), ""},
		{"required gets the max by default", New(rateLimited, ""), "60"},
		{"required, set", New(rateLimited, "").WithRetryAfter(3 * time.Second), "3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tc.p.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			vals := rec.Result().Header.Values("Retry-After")
			if tc.want == "" && len(vals) != 0 || tc.want != "" && (len(vals) != 1 || vals[0] != tc.want) {
				t.Errorf("Retry-After = %q, want %q", vals, tc.want)
			}
			d, ok := tc.p.RetryAfter()
			if ok != (tc.want != "") || ok && strconv.Itoa(int(d/time.Second)) != tc.want {
				t.Errorf("RetryAfter() = %v, %v", d, ok)
			}
		})
	}
}

func TestHeaders(t *testing.T) {
	p := New(unauthorized, "The token expired.").
		WithHeader("www-authenticate", `Bearer error="invalid_token"`).
		WithHeader("X-Internal-Host", "db-7"). // not declared: dropped
		WithInstance("/api/keys")
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	h := rec.Result().Header
	if got := h.Get("WWW-Authenticate"); got != `Bearer error="invalid_token"` {
		t.Errorf("WWW-Authenticate = %q", got)
	}
	if h.Get("X-Internal-Host") != "" {
		t.Error("an undeclared header was sent")
	}
	want := `{"type":"https://docs.ankatech.co/errors/unauthorized","title":"Unauthorized","status":401,"detail":"The token expired.","instance":"/api/keys"}`
	if rec.Body.String() != want {
		t.Errorf("body %s", rec.Body)
	}
}

func TestNewStatus(t *testing.T) {
	tests := []struct {
		t          *Type
		in, status int
	}{
		{clientError, 409, 409},
		{clientError, 499, 499},
		{clientError, 502, 400},
		{clientError, 0, 400},
		{serverError, 503, 503},
		{serverError, 404, 500},
		{serverError, 599, 599},
	}
	for _, tc := range tests {
		if got := NewStatus(tc.t, tc.in, "").Status; got != tc.status {
			t.Errorf("NewStatus(%s, %d).Status = %d, want %d", tc.t.Slug, tc.in, got, tc.status)
		}
	}
}

func TestServeInvalidStatusAndBadExtension(t *testing.T) {
	p := &Problem{Type: "about:blank", Title: "Odd"}
	p.Set("ch", make(chan int)) // json cannot encode it
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, nil)
	if rec.Code != 500 {
		t.Errorf("code = %d, want 500", rec.Code)
	}
	if want := `{"type":"about:blank","title":"Odd","status":500}`; rec.Body.String() != want {
		t.Errorf("body %s, want %s", rec.Body, want)
	}
	if _, err := p.MarshalJSON(); err == nil {
		t.Error("MarshalJSON of an unencodable extension: want an error")
	}
}

// An undeclared member never reaches the body of a typed problem, whether
// Set was asked for it (refused, and listed by Refused) or it was put into
// Extensions by hand (skipped by the encoder).
func TestUndeclaredMemberRefused(t *testing.T) {
	p := New(upstreamUnavailable, "d").Set("debugHost", "10.0.0.7:8443").Set("attempts", 2)
	if got := p.Refused(); len(got) != 1 || got[0] != "debugHost" {
		t.Errorf("Refused() = %q, want [debugHost]", got)
	}
	if _, ok := p.Extensions["debugHost"]; ok {
		t.Error("Set stored an undeclared member")
	}
	p.Extensions["byHand"] = "10.0.0.7"
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, nil)
	if body := rec.Body.String(); strings.Contains(body, "10.0.0.7") || !strings.Contains(body, `"attempts":2`) {
		t.Errorf("body %s: want attempts and no undeclared member", body)
	}
	// A problem without a descriptor has no declaration to hold to.
	q := (&Problem{Type: "about:blank", Title: "T"}).Set("anything", 1)
	if q.Extensions["anything"] != 1 || len(q.Refused()) != 0 {
		t.Errorf("untyped Set: %v, refused %v", q.Extensions, q.Refused())
	}
}

func TestErrorNeverEmpty(t *testing.T) {
	tests := []struct {
		p    *Problem
		want string
	}{
		{&Problem{Type: "https://example.com/x", Status: 418}, "https://example.com/x"},
		{&Problem{Type: "about:blank", Status: 404, Detail: "d"}, "Not Found: d"},
		{&Problem{Status: 599}, "problem 599"},
		{&Problem{Title: "T", Detail: "d"}, "T: d"},
	}
	for _, tc := range tests {
		if got := tc.p.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	// A parsed problem of an unregistered type with no title.
	p, _ := ParseBytes(409, ContentType, []byte(`{"type":"https://example.com/unknown"}`))
	if p.Error() == "" {
		t.Error("Error() of a parsed unknown type without a title is empty")
	}
}
