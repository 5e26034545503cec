package problem_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ankatech/errgen/problem"
)

// fakeClock records the waits instead of sleeping. With block set, Sleep
// waits for the context instead, as a real sleep longer than the test
// would.
type fakeClock struct {
	mu       sync.Mutex
	now      time.Time
	sleeps   []time.Duration
	block    bool
	sleeping chan struct{} // receives when a blocking Sleep starts
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC), sleeping: make(chan struct{}, 8)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	block := c.block
	c.mu.Unlock()
	if block {
		c.sleeping <- struct{}{}
		<-ctx.Done()
	}
	return ctx.Err()
}

func (c *fakeClock) waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// reply is one scripted answer of a test server.
type reply struct {
	status int
	header map[string]string
	body   string
}

// upstreamProblem is a body of the fixtures' registered, retryable type.
const upstreamProblem = `{"type":"https://docs.ankatech.co/errors/upstream-unavailable",` +
	`"title":"Upstream Service Unavailable","status":502,"detail":"The admin-api service is temporarily unavailable."}`

func problemReply(status int, retryAfter string) reply {
	h := map[string]string{"Content-Type": problem.ContentType}
	if retryAfter != "" {
		h["Retry-After"] = retryAfter
	}
	return reply{status: status, header: h, body: upstreamProblem}
}

var okReply = reply{status: 200, header: map[string]string{"Content-Type": "text/plain"}, body: "ok"}

// script serves replies in order, repeating the last, and records the
// body of every request.
type script struct {
	mu      sync.Mutex
	replies []reply
	bodies  []string
}

func serve(t *testing.T, replies ...reply) (*httptest.Server, *script) {
	t.Helper()
	s := &script{replies: replies}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		i := min(len(s.bodies), len(s.replies)-1)
		s.bodies = append(s.bodies, string(b))
		rp := s.replies[i]
		s.mu.Unlock()
		for k, v := range rp.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rp.status)
		_, _ = io.WriteString(w, rp.body)
	}))
	t.Cleanup(srv.Close)
	return srv, s
}

func (s *script) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bodies...)
}

func retryClient(srv *httptest.Server, clock *fakeClock) *http.Client {
	return &http.Client{Transport: &problem.RetryTransport{
		Base:   srv.Client().Transport,
		Policy: problem.RetryPolicy{Jitter: problem.NoJitter, Clock: clock},
	}}
}

// get sends a GET and returns the final status and body.
func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func checkRun(t *testing.T, s *script, clock *fakeClock, wantRequests int, wantWaits ...time.Duration) {
	t.Helper()
	if got := len(s.requests()); got != wantRequests {
		t.Errorf("server saw %d requests, want %d", got, wantRequests)
	}
	got := clock.waits()
	if len(got) != len(wantWaits) {
		t.Fatalf("waits %v, want %v", got, wantWaits)
	}
	for i := range got {
		if got[i] != wantWaits[i] {
			t.Fatalf("waits %v, want %v", got, wantWaits)
		}
	}
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	srv, s := serve(t, problemReply(502, "2"), problemReply(502, "2"), okReply)
	clock := newFakeClock()
	status, body := get(t, retryClient(srv, clock), srv.URL)
	if status != 200 || body != "ok" {
		t.Fatalf("got %d %q, want 200 ok", status, body)
	}
	checkRun(t, s, clock, 3, 2*time.Second, 2*time.Second)
}

func TestRetryBacksOffWithoutRetryAfter(t *testing.T) {
	srv, s := serve(t, problemReply(502, ""), problemReply(502, ""), okReply)
	clock := newFakeClock()
	if status, _ := get(t, retryClient(srv, clock), srv.URL); status != 200 {
		t.Fatalf("status %d, want 200", status)
	}
	checkRun(t, s, clock, 3, time.Second, 2*time.Second)
}

func TestRetryGivesUpAndReturnsLastResponseIntact(t *testing.T) {
	// The last body is bigger than what the policy peeks at.
	big := upstreamProblem + strings.Repeat(" ", problem.MaxBodySize)
	last := reply{status: 502, header: map[string]string{"Content-Type": problem.ContentType}, body: big}
	srv, s := serve(t, problemReply(502, ""), last)
	clock := newFakeClock()
	status, body := get(t, retryClient(srv, clock), srv.URL)
	if status != 502 || body != big {
		t.Fatalf("got %d and a %d-byte body, want 502 and the server's %d bytes", status, len(body), len(big))
	}
	checkRun(t, s, clock, 4, time.Second, 2*time.Second, 4*time.Second)
}

func TestRetryNeverRetriesClientErrors(t *testing.T) {
	bad := reply{status: 400, header: map[string]string{"Content-Type": problem.ContentType, "Retry-After": "1"},
		body: `{"type":"about:blank","title":"Bad Request","status":400}`}
	srv, s := serve(t, bad, okReply)
	clock := newFakeClock()
	status, body := get(t, retryClient(srv, clock), srv.URL)
	if status != 400 || body != bad.body {
		t.Fatalf("got %d %q, want the 400 unchanged", status, body)
	}
	checkRun(t, s, clock, 1)
}

func TestRetryRetriesNonProblemGatewayErrors(t *testing.T) {
	html := reply{status: 503, header: map[string]string{"Content-Type": "text/html"},
		body: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"}
	srv, s := serve(t, html, okReply)
	clock := newFakeClock()
	if status, _ := get(t, retryClient(srv, clock), srv.URL); status != 200 {
		t.Fatalf("status %d, want 200", status)
	}
	checkRun(t, s, clock, 2, time.Second)
}

var afterFix = &problem.Type{
	URI:       "https://docs.ankatech.co/errors/test-after-fix",
	Slug:      "test-after-fix",
	Title:     "Test After Fix",
	Status:    422,
	Retryable: problem.AfterFix,
}

func init() { problem.Register(afterFix) }

func TestRetryNeverRetriesAfterFixTypes(t *testing.T) {
	for _, status := range []int{422, 503} { // the catalog wins over the status
		body := `{"type":"` + afterFix.URI + `","title":"Test After Fix","status":422}`
		r := reply{status: status, header: map[string]string{"Content-Type": problem.ContentType, "Retry-After": "1"}, body: body}
		srv, s := serve(t, r, okReply)
		clock := newFakeClock()
		got, gotBody := get(t, retryClient(srv, clock), srv.URL)
		if got != status || gotBody != body {
			t.Fatalf("got %d %q, want the %d unchanged", got, gotBody, status)
		}
		checkRun(t, s, clock, 1)
	}
}

func TestRetryDistrustsHostileRetryAfter(t *testing.T) {
	date := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	for _, tc := range []struct {
		value string
		want  time.Duration
	}{
		{"-1", time.Second},
		{"999999999", time.Second},
		{"abc", time.Second},
		{"1.5", time.Second},
		{date.Add(-time.Hour).Format(http.TimeFormat), time.Second},
		{date.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second},
		{"0", 0},
	} {
		first := problemReply(503, tc.value)
		first.header["Date"] = date.Format(http.TimeFormat)
		srv, s := serve(t, first, okReply)
		clock := newFakeClock()
		if status, _ := get(t, retryClient(srv, clock), srv.URL); status != 200 {
			t.Fatalf("Retry-After %q: status %d, want 200", tc.value, status)
		}
		if w := clock.waits(); len(w) != 1 || w[0] != tc.want || len(s.requests()) != 2 {
			t.Errorf("Retry-After %q: waits %v after %d requests, want [%v] after 2", tc.value, w, len(s.requests()), tc.want)
		}
	}
}

func TestRetryResendsTheSameBody(t *testing.T) {
	srv, s := serve(t, problemReply(502, ""), problemReply(503, "1"), okReply)
	clock := newFakeClock()
	payload := `{"keyId":"k-1","plaintext":"aGVsbG8="}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/encrypt", bytes.NewReader([]byte(payload)))
	req.Header.Set("Content-Type", "application/json")
	resp, err := retryClient(srv, clock).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := s.requests()
	if resp.StatusCode != 200 || len(got) != 3 {
		t.Fatalf("status %d after %d requests, want 200 after 3", resp.StatusCode, len(got))
	}
	for i, b := range got {
		if b != payload {
			t.Errorf("attempt %d sent %q, want %q", i+1, b, payload)
		}
	}
	if len(req.Header) != 1 || req.URL.Path != "/api/encrypt" {
		t.Errorf("the caller's request changed: %v %v", req.Header, req.URL)
	}
}

func TestRetrySkipsBodiesItCannotReplay(t *testing.T) {
	srv, s := serve(t, problemReply(502, "1"), okReply)
	clock := newFakeClock()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, io.NopCloser(strings.NewReader("once")))
	if req.GetBody != nil {
		t.Fatal("test needs a request without GetBody")
	}
	resp, err := retryClient(srv, clock).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 {
		t.Fatalf("status %d, want the 502 unretried", resp.StatusCode)
	}
	checkRun(t, s, clock, 1)
}

// closeTracker counts response bodies and closes.
type closeTracker struct {
	base           http.RoundTripper
	opened, closed atomic.Int32
}

func (c *closeTracker) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if resp != nil {
		c.opened.Add(1)
		resp.Body = &trackedBody{ReadCloser: resp.Body, closed: &c.closed}
	}
	return resp, err
}

type trackedBody struct {
	io.ReadCloser
	closed *atomic.Int32
}

func (b *trackedBody) Close() error { b.closed.Add(1); return b.ReadCloser.Close() }

func TestRetryStopsWhenContextIsCancelled(t *testing.T) {
	srv, _ := serve(t, problemReply(503, "30"))
	clock := newFakeClock()
	clock.block = true
	tracker := &closeTracker{base: srv.Client().Transport}
	client := &http.Client{Transport: &problem.RetryTransport{
		Base: tracker, Policy: problem.RetryPolicy{Jitter: problem.NoJitter, Clock: clock},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-clock.sleeping; cancel() }()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	start := time.Now()
	resp, err := client.Do(req)
	if resp != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v; want no response and context.Canceled", resp, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to notice the cancellation", d)
	}
	if o, c := tracker.opened.Load(), tracker.closed.Load(); o != 1 || c != 1 {
		t.Errorf("%d responses, %d closed; want the pending one closed", o, c)
	}
}

func TestRetryStopsAtMaxElapsed(t *testing.T) {
	srv, s := serve(t, problemReply(503, "30"))
	clock := newFakeClock()
	client := &http.Client{Transport: &problem.RetryTransport{
		Base:   srv.Client().Transport,
		Policy: problem.RetryPolicy{MaxElapsed: 45 * time.Second, Jitter: problem.NoJitter, Clock: clock},
	}}
	if status, _ := get(t, client, srv.URL); status != 503 {
		t.Fatalf("status %d, want 503", status)
	}
	checkRun(t, s, clock, 2, 30*time.Second)
}

func TestRetryReusesConnections(t *testing.T) {
	srv, _ := serve(t, problemReply(502, "1"), problemReply(502, "1"), okReply)
	var reused atomic.Int32
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) {
		if i.Reused {
			reused.Add(1)
		}
	}}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), http.MethodGet, srv.URL, nil)
	resp, err := retryClient(srv, newFakeClock()).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if reused.Load() != 2 {
		t.Errorf("%d of 2 retries reused the connection", reused.Load())
	}
}

func TestRetryPolicyAlone(t *testing.T) {
	p := problem.RetryPolicy{Jitter: problem.NoJitter, Clock: newFakeClock()}
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if got := p.Backoff(n + 1); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", n+1, got, want)
		}
	}
	if got := p.Backoff(1000); got != problem.DefaultMaxElapsed {
		t.Errorf("Backoff(1000) = %v, want the MaxElapsed cap", got)
	}
	resp := &http.Response{StatusCode: 504, Header: http.Header{}, Body: http.NoBody}
	if w, ok := p.Next(resp, 1, 0); !ok || w != time.Second {
		t.Errorf("Next(504, 1) = %v, %v; want 1s, true", w, ok)
	}
	if _, ok := p.Next(resp, problem.DefaultMaxAttempts, 0); ok {
		t.Error("Next retried past MaxAttempts")
	}
	if w, ok := (problem.RetryPolicy{}).Next(resp, 3, 0); !ok || w < 4*time.Second || w > 4*time.Second*6/5 {
		t.Errorf("default jitter gave %v, want 4s plus at most 20%%", w)
	}
}

func TestBackoffNeverOverflows(t *testing.T) {
	p := problem.RetryPolicy{MaxElapsed: time.Duration(1<<63 - 1)}
	if got := p.Backoff(200); got != p.MaxElapsed {
		t.Errorf("Backoff(200) = %v, want the MaxElapsed cap", got)
	}
}
