package problem_test

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ankatech/errgen/problem"
)

// within fails the test when fn has not returned after a generous while:
// the code under test must return long before, whatever the load (it
// waits at most a second or two of its own), and without the fix it
// would wait forever.
func within(t *testing.T, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s: still blocked on a stalled body", what)
	}
}

// stalling answers with a problem's headers, then holds the body until
// release is closed.
func stalling(t *testing.T, status int, body string) (srv *httptest.Server, release chan struct{}) {
	release = make(chan struct{})
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", problem.ContentType)
		w.WriteHeader(status)
		w.(http.Flusher).Flush()
		select {
		case <-release:
			_, _ = io.WriteString(w, body)
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { srv.Close() })
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	return srv, release
}

// issue 13 item 4: a trickling error body must not hold up RoundTrip; the
// body comes back untouched.
func TestRetryDoesNotWaitForAStalledBody(t *testing.T) {
	// A 500 of a type the client cannot see in time is not retried.
	srv, release := stalling(t, 500, upstreamProblem)
	clock := newFakeClock()
	client := &http.Client{Transport: &problem.RetryTransport{
		Base:   srv.Client().Transport,
		Policy: problem.RetryPolicy{Jitter: problem.NoJitter, Clock: clock},
	}}
	var resp *http.Response
	within(t, "RoundTrip", func() {
		var err error
		if resp, err = client.Get(srv.URL); err != nil {
			t.Error(err)
		}
	})
	if resp == nil {
		t.FailNow()
	}
	defer resp.Body.Close()
	close(release)
	b, err := io.ReadAll(resp.Body)
	if err != nil || string(b) != upstreamProblem {
		t.Errorf("body %q, %v; want the server's, untouched", b, err)
	}
}

// The same with retries on: a 503 whose type did not show in time is
// judged by its status, and RoundTrip still never waits for the body.
func TestRetryStalledBodyJudgedByStatus(t *testing.T) {
	srv, _ := stalling(t, 503, upstreamProblem)
	clock := newFakeClock()
	client := &http.Client{Transport: &problem.RetryTransport{
		Base:   srv.Client().Transport,
		Policy: problem.RetryPolicy{Jitter: problem.NoJitter, Clock: clock, MaxAttempts: 2, PeekTimeout: time.Millisecond},
	}}
	within(t, "RoundTrip", func() {
		resp, err := client.Get(srv.URL)
		if err != nil {
			t.Error(err)
			return
		}
		_ = resp.Body.Close()
	})
	if w := clock.waits(); len(w) != 1 {
		t.Errorf("waits %v, want one retry of the 503", w)
	}
}

func TestParseDoesNotWaitForAStalledBody(t *testing.T) {
	srv, _ := stalling(t, 502, upstreamProblem)
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	within(t, "Parse", func() {
		p, _ := problem.Parse(resp)
		if p.Status != 502 || p.Title != "Bad Gateway" {
			t.Errorf("got %d %q, want the status line's problem", p.Status, p.Title)
		}
	})
}

// issue 13 item 6: when the wait would pass the context's deadline, the
// caller gets the answer at once instead of an error at the deadline.
func TestRetryReturnsAtOnceBeforeTheDeadline(t *testing.T) {
	srv, s := serve(t, problemReply(503, "7200"), okReply)
	clock := newFakeClock()
	client := &http.Client{Transport: &problem.RetryTransport{
		Base: srv.Client().Transport,
		Policy: problem.RetryPolicy{Jitter: problem.NoJitter, Clock: clock,
			MaxRetryAfter: 3 * time.Hour, MaxElapsed: 4 * time.Hour},
	}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("got %v, want the 503", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("status %d, want 503", resp.StatusCode)
	}
	checkRun(t, s, clock, 1)
}

// A Retry-After centuries away with MaxRetryAfter at its largest must not
// overflow into an immediate retry.
func TestRetryFarRetryAfterDoesNotOverflow(t *testing.T) {
	far := time.Now().AddDate(300, 0, 0).UTC().Format(http.TimeFormat)
	srv, s := serve(t, problemReply(503, far), okReply)
	clock := newFakeClock()
	client := &http.Client{Transport: &problem.RetryTransport{
		Base:   srv.Client().Transport,
		Policy: problem.RetryPolicy{Clock: clock, MaxRetryAfter: math.MaxInt64},
	}}
	if status, _ := get(t, client, srv.URL); status != 503 {
		t.Errorf("status %d, want the 503 (no wait fits MaxElapsed)", status)
	}
	checkRun(t, s, clock, 1)
	if got := problem.DefaultJitter(math.MaxInt64 - 1); got < math.MaxInt64-1 {
		t.Errorf("DefaultJitter wrapped to %v", got)
	}
}

func TestParseFarRetryAfterSaturates(t *testing.T) {
	far := time.Now().AddDate(300, 0, 0).UTC().Format(http.TimeFormat)
	resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {far}}, Body: http.NoBody}
	p, _ := problem.Parse(resp)
	if d, ok := p.RetryAfter(); !ok || d < 200*365*24*time.Hour {
		t.Errorf("RetryAfter() = %v, %v; want about the longest Duration", d, ok)
	}
}

// A 400 is permanent whatever type its body names.
func TestRetryNeverRetriesA400NamingARetryableType(t *testing.T) {
	bad := reply{status: 400, header: map[string]string{"Content-Type": problem.ContentType}, body: upstreamProblem}
	srv, s := serve(t, bad, okReply)
	clock := newFakeClock()
	if status, _ := get(t, retryClient(srv, clock), srv.URL); status != 400 {
		t.Errorf("status %d, want the 400", status)
	}
	checkRun(t, s, clock, 1)
}
