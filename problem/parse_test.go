package problem

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// body is a response body that counts what is read and records Close.
type body struct {
	r      io.Reader
	read   int64
	closed bool
}

func (b *body) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

func (b *body) Close() error { b.closed = true; return nil }

func response(status int, ct string, r io.Reader) (*http.Response, *body) {
	b := &body{r: r}
	h := http.Header{}
	if ct != "" {
		h.Set("Content-Type", ct)
	}
	return &http.Response{StatusCode: status, Header: h, Body: b}, b
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ct     string
		body   string
		want   Problem
	}{{
		// An undeclared member is kept: a consumer ignores what it does not know.
		name: "well formed", status: 502, ct: ContentType, body: strings.TrimSuffix(wantBody, "}") + `,"zeta":true}`,
		want: Problem{Type: upstreamURI, Title: "Upstream Service Unavailable", Status: 502,
			Detail: "The admin-api service is temporarily unavailable.", Instance: "/api/key-management/keys",
			Extensions: map[string]any{"upstream": "admin-api", "errorCode": "UPSTREAM_DOWN", "attempts": int64(3), "zeta": true}},
	}, {
		name: "ill-typed members ignored", status: 502, ct: ContentType,
		body: `{"type":"` + upstreamURI + `","title":7,"status":"502","detail":["x"],"instance":null,"attempts":"3","upstream":false}`,
		want: Problem{Type: upstreamURI, Title: "Upstream Service Unavailable", Status: 502},
	}, {
		name: "unknown extensions kept", status: 404, ct: ContentType,
		body: `{"type":"https://example.com/probs/out-of-credit","title":"Out of credit","balance":30,"accounts":["/a/1"],"nested":{"k":null}}`,
		want: Problem{Type: "https://example.com/probs/out-of-credit", Title: "Out of credit", Status: 404,
			Extensions: map[string]any{"balance": 30.0, "accounts": []any{"/a/1"}, "nested": map[string]any{"k": nil}}},
	}, {
		name: "type absent is about:blank", status: 409, ct: ContentType, body: `{"detail":"Version mismatch."}`,
		want: Problem{Type: "about:blank", Title: "Conflict", Status: 409, Detail: "Version mismatch."},
	}, {
		name: "status line wins", status: 503, ct: ContentType, body: `{"type":"about:blank","title":"Bad Gateway","status":502}`,
		want: Problem{Type: "about:blank", Title: "Bad Gateway", Status: 503},
	}, {
		name: "application/json with parameters", status: 400, ct: "application/json; charset=utf-8",
		body: `{"title":"Bad","detail":"d"}`,
		want: Problem{Type: "about:blank", Title: "Bad", Status: 400, Detail: "d"},
	}, {
		name: "alias gets the descriptor", status: 502, ct: ContentType, body: `{"type":"https://docs.ankatech.co/errors/bad-gateway"}`,
		want: Problem{Type: "https://docs.ankatech.co/errors/bad-gateway", Title: "Upstream Service Unavailable", Status: 502},
	}, {
		name: "HTML page from a load balancer", status: 502, ct: "text/html",
		body: `<html><body><h1>502 Bad Gateway</h1></body></html>`,
		want: Problem{Type: "about:blank", Title: "Bad Gateway", Status: 502},
	}, {
		name: "HTML labelled as JSON", status: 502, ct: "application/json", body: `<html>502</html>`,
		want: Problem{Type: "about:blank", Title: "Bad Gateway", Status: 502},
	}, {
		name: "empty body", status: 504, ct: ContentType, body: ``,
		want: Problem{Type: "about:blank", Title: "Gateway Timeout", Status: 504},
	}, {
		name: "truncated JSON", status: 502, ct: ContentType, body: wantBody[:len(wantBody)/2],
		want: Problem{Type: "about:blank", Title: "Bad Gateway", Status: 502},
	}, {
		name: "JSON array", status: 500, ct: ContentType, body: `[1,2]`,
		want: Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500},
	}, {
		name: "no content type", status: 500, body: `{"type":"` + upstreamURI + `"}`,
		want: Problem{Type: "about:blank", Title: "Internal Server Error", Status: 500},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := response(tc.status, tc.ct, strings.NewReader(tc.body))
			p, err := Parse(resp)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !b.closed {
				t.Error("body not closed")
			}
			got := *p
			got.typ = nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
			q, _ := ParseBytes(tc.status, tc.ct, []byte(tc.body))
			q.typ = nil
			if !reflect.DeepEqual(*q, tc.want) {
				t.Errorf("ParseBytes differs from Parse: %#v", *q)
			}
		})
	}
}

func TestParseDescriptor(t *testing.T) {
	p, _ := ParseBytes(502, ContentType, []byte(wantBody))
	if p.Descriptor() != upstreamUnavailable {
		t.Errorf("Descriptor() = %v", p.Descriptor())
	}
	p, _ = ParseBytes(404, ContentType, []byte(`{"type":"https://example.com/x","title":"X"}`))
	if p.Descriptor() != nil {
		t.Error("unknown type got a descriptor")
	}
}

// repeat is an endless reader of one byte.
type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestParseBounded(t *testing.T) {
	const tenMiB = 10 << 20
	// A JSON string that would be valid if read whole: '{"detail":"aaaa…"}'.
	r := io.MultiReader(strings.NewReader(`{"detail":"`), io.LimitReader(repeat('a'), tenMiB), strings.NewReader(`"}`))
	resp, b := response(502, ContentType, r)
	p, err := Parse(resp)
	if err != nil {
		t.Fatal(err)
	}
	if b.read > MaxBodySize+1 {
		t.Errorf("read %d bytes, limit is %d", b.read, MaxBodySize)
	}
	if !b.closed {
		t.Error("body not closed")
	}
	if p.Detail != "" || p.Title != "Bad Gateway" || p.Status != 502 {
		t.Errorf("oversized body: got %+v, want the status-line problem", p)
	}

	// Non-JSON bodies are not read at all.
	resp, b = response(502, "text/html", io.LimitReader(repeat('<'), tenMiB))
	if _, err := Parse(resp); err != nil || b.read != 0 || !b.closed {
		t.Errorf("HTML body: err %v, read %d, closed %v", err, b.read, b.closed)
	}
}

func TestParseNil(t *testing.T) {
	if p, err := Parse(nil); err == nil || p != nil {
		t.Errorf("Parse(nil) = %v, %v", p, err)
	}
	p, err := Parse(&http.Response{StatusCode: 503, Header: http.Header{}})
	if err != nil || p.Title != "Service Unavailable" {
		t.Errorf("nil Body: %v, %v", p, err)
	}
	if _, err := ParseBytes(0, ContentType, nil); err == nil {
		t.Error("ParseBytes(status 0): want an error")
	}
}

func TestParseRetryAfter(t *testing.T) {
	date := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"17": 17 * time.Second,
		date.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		"soon": 0, "-3": 0, "0": 0,
	} {
		resp, _ := response(503, ContentType, strings.NewReader(`{}`))
		resp.Header.Set("Retry-After", v)
		resp.Header.Set("Date", date.Format(http.TimeFormat))
		p, _ := Parse(resp)
		if got, ok := p.RetryAfter(); got != want || ok != (want > 0) {
			t.Errorf("Retry-After %q: got %v %v, want %v", v, got, ok, want)
		}
	}
}

// TestParseRetryAfterFollowsTheType: a registered type's bounds and policy
// apply to what Parse reads, so a hostile header is not carried on.
func TestParseRetryAfterFollowsTheType(t *testing.T) {
	for _, c := range []struct {
		typ  *Type
		v    string
		want time.Duration
	}{
		{upstreamUnavailable, "999999999", 30 * time.Second},
		{upstreamUnavailable, "12", 12 * time.Second},
		{unauthorized, "999999999", 0},
	} {
		body := `{"type":"` + c.typ.URI + `"}`
		resp, _ := response(c.typ.Status, ContentType, strings.NewReader(body))
		resp.Header.Set("Retry-After", c.v)
		p, _ := Parse(resp)
		if got, _ := p.RetryAfter(); got != c.want {
			t.Errorf("%s with Retry-After %s: RetryAfter() = %v, want %v", c.typ.Slug, c.v, got, c.want)
		}
	}
}

// TestRoundTrip serves a problem over a real server and parses it back.
func TestRoundTrip(t *testing.T) {
	srv := httptest.NewServer(sampleProblem().WithRetryAfter(7 * time.Second))
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(res)
	if err != nil {
		t.Fatal(err)
	}
	want := sampleProblem()
	if p.Type != want.Type || p.Title != want.Title || p.Status != want.Status ||
		p.Detail != want.Detail || p.Instance != want.Instance || p.Extensions["attempts"] != int64(3) {
		t.Errorf("round trip: got %+v", p)
	}
	if d, _ := p.RetryAfter(); d != 7*time.Second {
		t.Errorf("RetryAfter = %v", d)
	}
	if p.Unwrap() != nil {
		t.Error("a parsed problem has no cause")
	}
}
