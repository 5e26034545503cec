package upstream_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/problem"
	"github.com/ankatech/errgen/problem/upstream"
	"github.com/sony/gobreaker/v2"
)

var mapper = upstream.Mapper[ankaerr.Upstream]{
	Unavailable: ankaerr.NewUpstreamUnavailable,
	Timeout:     ankaerr.NewUpstreamTimeout,
	Rejected:    ankaerr.NewClientError,
}

const instance = "/api/key-management/keys"

// answer is what the service's client would receive for p.
type answer struct {
	status     int
	retryAfter string
	body       string
}

// serveProblem serves p as a handler would and checks what must hold for
// every upstream failure: a valid body of its type that names no host.
func serveProblem(t *testing.T, p *problem.Problem, hostport string) answer {
	t.Helper()
	if p == nil {
		t.Fatal("no problem for a failed call")
	}
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, instance, nil))
	body := rec.Body.String()
	if err := ankaerr.Validate(rec.Body.Bytes()); err != nil {
		t.Errorf("invalid body %s: %v", body, err)
	}
	leaks := []string{"127.0.0.1", "localhost", "[::1]"}
	if _, port, err := net.SplitHostPort(hostport); err == nil {
		leaks = append(leaks, port)
	}
	for _, leak := range leaks {
		if strings.Contains(body, leak) {
			t.Errorf("body names %q: %s", leak, body)
		}
	}
	if !strings.Contains(body, `"detail":"The admin-api service`) || !strings.Contains(body, `"instance":"`+instance+`"`) {
		t.Errorf("body lacks the role's detail or the instance: %s", body)
	}
	if rec.Header().Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
	return answer{rec.Code, rec.Header().Get("Retry-After"), body}
}

func wantAnswer(t *testing.T, got answer, status int, retryAfter string) {
	t.Helper()
	if got.status != status || got.retryAfter != retryAfter {
		t.Errorf("answered %d with Retry-After %q, want %d with %q; body %s", got.status, got.retryAfter, status, retryAfter, got.body)
	}
}

func adminClient(b upstream.Breaker) *upstream.Client[ankaerr.Upstream] {
	return &upstream.Client[ankaerr.Upstream]{Role: ankaerr.AdminAPI, Mapper: mapper, HTTP: &http.Client{}, Breaker: b}
}

func get(t *testing.T, ctx context.Context, rawURL string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestClosedPortIsUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	resp, p := adminClient(nil).Do(get(t, context.Background(), "http://"+addr+"/keys"), problem.Instance(instance))
	if resp != nil {
		t.Fatal("a response from a closed port")
	}
	wantAnswer(t, serveProblem(t, p, addr), 502, "")
	if !ankaerr.IsUpstreamUnavailable(p) || !errors.Is(p, syscall.ECONNREFUSED) {
		t.Errorf("got %v caused by %v, want upstream-unavailable caused by ECONNREFUSED", p, p.Unwrap())
	}
	if !strings.Contains(p.Unwrap().Error(), addr) {
		t.Errorf("the cause %q should keep the address for the logs", p.Unwrap())
	}
}

func TestHangingUpstreamTimesOut(t *testing.T) {
	for _, stage := range []string{"headers", "body"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if stage == "body" {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `[{"kid":`)
				w.(http.Flusher).Flush()
			}
			<-r.Context().Done()
		}))
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		var keys []map[string]any
		p := adminClient(nil).Call(get(t, ctx, srv.URL), upstream.JSON(&keys), problem.Instance(instance))
		cancel()
		srv.Close()
		wantAnswer(t, serveProblem(t, p, srv.Listener.Addr().String()), 504, "")
		if !ankaerr.IsUpstreamTimeout(p) {
			t.Errorf("hanging %s: got %v, want upstream-timeout", stage, p)
		}
	}
}

func TestUpstream5xxIsUnavailable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120") // the upstream's own; not passed on
		http.Error(w, "boom at "+r.Host, http.StatusInternalServerError)
	}))
	defer srv.Close()
	resp, p := adminClient(nil).Do(get(t, context.Background(), srv.URL), problem.Instance(instance))
	if resp != nil {
		t.Fatal("Do returned the 500 response")
	}
	wantAnswer(t, serveProblem(t, p, srv.Listener.Addr().String()), 502, "")
	var se *upstream.StatusError
	if !errors.As(p, &se) || se.StatusCode != 500 || se.Role != "admin-api" {
		t.Errorf("cause %v, want a StatusError 500 from admin-api", p.Unwrap())
	}
}

func TestUnusableBodyIsUnavailable(t *testing.T) {
	for name, body := range map[string]string{"empty": "", "html": "<html>oops</html>", "truncated": `{"kid":`, "two values": `{} {}`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, body)
		}))
		var v map[string]any
		p := adminClient(nil).Call(get(t, context.Background(), srv.URL), upstream.JSON(&v), problem.Instance(instance))
		srv.Close()
		wantAnswer(t, serveProblem(t, p, srv.Listener.Addr().String()), 502, "")
		if !errors.Is(p, upstream.ErrBadBody) {
			t.Errorf("%s body: cause %v, want ErrBadBody", name, p.Unwrap())
		}
	}
}

func TestSuccessIsNoProblem(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, `{"kid":"k-1"}`)
	}))
	defer srv.Close()
	var v struct{ Kid string }
	if p := adminClient(nil).Call(get(t, context.Background(), srv.URL), upstream.JSON(&v)); p != nil || v.Kid != "k-1" {
		t.Fatalf("Call = %v, decoded %+v; want success", p, v)
	}
	resp, p := adminClient(nil).Do(get(t, context.Background(), srv.URL+"/missing"))
	if p != nil || resp == nil || resp.StatusCode != 404 {
		t.Fatalf("Do of a 404 = %v, %v; want the 404 for the handler to translate", resp, p)
	}
	resp.Body.Close()
}

// tripAfterOne opens the breaker on the first failure.
func tripAfterOne(timeout time.Duration) *upstream.Gobreaker {
	return upstream.NewGobreaker(gobreaker.Settings{
		Name:        "admin-api",
		Timeout:     timeout,
		ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= 1 },
	})
}

func TestOpenBreakerSendsRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		timeout time.Duration
		want    string
	}{{0, "30"}, {10 * time.Second, "10"}, {time.Hour, "30"}} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.WriteHeader(http.StatusServiceUnavailable)
		}))
		c := adminClient(tripAfterOne(tc.timeout))
		first := c.Call(get(t, context.Background(), srv.URL), nil, problem.Instance(instance))
		wantAnswer(t, serveProblem(t, first, srv.Listener.Addr().String()), 502, "")
		second := c.Call(get(t, context.Background(), srv.URL), nil, problem.Instance(instance))
		srv.Close()
		wantAnswer(t, serveProblem(t, second, srv.Listener.Addr().String()), 502, tc.want)
		if !errors.Is(second, upstream.ErrOpen) || !errors.Is(second, gobreaker.ErrOpenState) {
			t.Errorf("cause %v, want an OpenError from gobreaker", second.Unwrap())
		}
		if hits.Load() != 1 {
			t.Errorf("the upstream saw %d calls, want 1: an open breaker must not call it", hits.Load())
		}
	}
}

// timeoutErr is a net.Error that timed out after connecting.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "read tcp 10.0.3.7:51234->10.0.3.8:8443: i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestClassification(t *testing.T) {
	urlErr := func(err error) error { return &url.Error{Op: "Get", URL: "http://admin.internal:8443/keys", Err: err} }
	for _, tc := range []struct {
		name       string
		err        error
		status     int
		retryAfter string
	}{
		{"refused", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), 502, ""},
		{"reset", urlErr(&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}), 502, ""},
		{"eof", urlErr(io.ErrUnexpectedEOF), 502, ""},
		{"dns", urlErr(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "admin.internal", IsNotFound: true}}), 502, ""},
		{"dns timeout", urlErr(&net.DNSError{Err: "i/o timeout", Name: "admin.internal", IsTimeout: true}), 502, ""},
		{"dial timeout", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: timeoutErr{}}), 502, ""},
		{"deadline", urlErr(context.DeadlineExceeded), 504, ""},
		{"read timeout", urlErr(&net.OpError{Op: "read", Net: "tcp", Err: timeoutErr{}}), 504, ""},
		{"caller went away", urlErr(context.Canceled), 502, ""},
		{"half-open", &upstream.OpenError{Wait: 0, Err: gobreaker.ErrTooManyRequests}, 502, "1"},
		{"open", &upstream.OpenError{Wait: 12300 * time.Millisecond, Err: gobreaker.ErrOpenState}, 502, "13"},
		{"open too long", &upstream.OpenError{Wait: time.Hour, Err: gobreaker.ErrOpenState}, 502, "30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := mapper.FromCall(ankaerr.AdminAPI, nil, tc.err, problem.Instance(instance))
			got := serveProblem(t, p, "admin.internal:8443")
			wantAnswer(t, got, tc.status, tc.retryAfter)
			if strings.Contains(got.body, "admin.internal") || !errors.Is(p, tc.err) {
				t.Errorf("body %s, cause %v", got.body, p.Unwrap())
			}
		})
	}
}

func TestFromCallWithoutErrorOrResponse(t *testing.T) {
	p := mapper.FromCall(ankaerr.AdminAPI, nil, nil)
	if !ankaerr.IsUpstreamUnavailable(p) {
		t.Fatalf("got %v, want upstream-unavailable", p)
	}
	if p := (upstream.Mapper[string]{}).FromCall("admin-api", nil, errors.New("x")); p.Status != 502 || p.Type != "about:blank" {
		t.Fatalf("zero Mapper gave %+v, want a bare 502", p)
	}
}

func TestBreakerCountsOnlyUpstreamFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hang":
			<-r.Context().Done()
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	b := tripAfterOne(0)
	c := adminClient(b)

	// The handler's own answer to an upstream 404 is a success for the breaker.
	notFound := func(resp *http.Response) error {
		if resp.StatusCode == http.StatusNotFound {
			return ankaerr.NewNotFound("key", "k-1")
		}
		return nil
	}
	if p := c.Call(get(t, context.Background(), srv.URL+"/keys/k-1"), notFound); !ankaerr.IsNotFound(p) {
		t.Fatalf("got %v, want the handler's not-found", p)
	}
	// JSON refuses a 404, answered as the catalog's client error, without
	// blaming the upstream.
	var v any
	if p := c.Call(get(t, context.Background(), srv.URL+"/keys/k-1"), upstream.JSON(&v)); !ankaerr.IsClientError(p) || p.Status != 404 {
		t.Fatalf("got %v, want a 404 client-error", p)
	}
	// A caller that gives up says nothing about the upstream either.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if p := c.Call(get(t, ctx, srv.URL+"/hang"), nil); !errors.Is(p, context.Canceled) {
		t.Fatalf("got %v caused by %v, want context.Canceled", p, p.Unwrap())
	}
	if s := b.State(); s != gobreaker.StateClosed {
		t.Fatalf("breaker %v after calls that were not the upstream's fault", s)
	}
}
