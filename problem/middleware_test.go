package problem

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var internalType = &Type{
	URI: "https://docs.ankatech.co/errors/internal", Slug: "internal",
	Title: "Internal Server Error", Status: 500, Retryable: Retryable,
	Detail: "An unexpected error occurred while processing the request.",
}

func newInternal(opts ...Option) *Problem {
	return New(internalType, "An unexpected error occurred while processing the request.", opts...)
}

// leaky is what must never reach a body: the cause's host and syscall, a
// panic's value and its stack.
var leaky = []string{"10.0.3.7", "connection refused", "goroutine ", "panic", "middleware_test.go"}

func assertNoLeak(t *testing.T, where, s string) {
	t.Helper()
	for _, l := range leaky {
		if strings.Contains(s, l) {
			t.Errorf("%s carries %q: %s", where, l, s)
		}
	}
}

func TestLogValue(t *testing.T) {
	p := sampleProblem()
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/api/key-management/keys", nil)
	r.Header.Set("X-Request-Id", "req-7")
	p.ServeHTTP(rec, r)
	if p.RequestID() != "req-7" {
		t.Errorf("RequestID() = %q, want the one sent", p.RequestID())
	}
	for _, h := range []struct {
		name string
		new  func(io.Writer) slog.Handler
		want []string
	}{
		{"text", func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
			[]string{"err.type=upstream-unavailable", "err.status=502", "err.request_id=req-7",
				`err.cause="dial tcp 10.0.3.7:8443: connection refused"`, "err.refused=[zeta]"}},
		{"json", func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
			[]string{`"err":{"type":"upstream-unavailable","status":502,`, `"request_id":"req-7"`,
				`"cause":"dial tcp 10.0.3.7:8443: connection refused"`}},
	} {
		var buf bytes.Buffer
		slog.New(h.new(&buf)).Error("call failed", "err", p)
		for _, w := range h.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s log %s: want %s", h.name, buf.String(), w)
			}
		}
	}
	assertNoLeak(t, "body", rec.Body.String())
	assertNoLeak(t, "headers", fmt.Sprint(rec.Header()))
	if leak := FindLeak(rec.Body.String()); leak != "" {
		t.Errorf("body carries %s", leak)
	}
}

// service is an httptest server with the middleware and three handlers.
func service(t *testing.T, log *bytes.Buffer, cancelled chan<- struct{}) *httptest.Server {
	mw := Middleware{Internal: newInternal, Logger: slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	mux := http.NewServeMux()
	mux.Handle("/crash", http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom at 10.0.3.7:8443")
	}))
	mux.Handle("/abort", http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	mux.Handle("/wrapped", mw.Handle(func(w http.ResponseWriter, r *http.Request) error {
		return fmt.Errorf("listing keys: %w", sampleProblem())
	}))
	mux.Handle("/plain", mw.Handle(func(w http.ResponseWriter, r *http.Request) error {
		return errors.New("dial tcp 10.0.3.7:8443: connection refused")
	}))
	mux.Handle("/cancel", mw.Handle(func(w http.ResponseWriter, r *http.Request) error {
		<-r.Context().Done() // the client gives up
		defer close(cancelled)
		return fmt.Errorf("query: %w", r.Context().Err())
	}))
	srv := httptest.NewServer(mw.Wrap(mux))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path, id string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestMiddlewarePanic(t *testing.T) {
	var log bytes.Buffer
	srv := service(t, &log, nil)
	resp, body := get(t, srv, "/crash", "trace-1")
	if resp.StatusCode != 500 || !strings.Contains(body, `"type":"https://docs.ankatech.co/errors/internal"`) {
		t.Errorf("got %d %s, want 500 internal", resp.StatusCode, body)
	}
	if id := resp.Header.Get("X-Request-Id"); id != "trace-1" {
		t.Errorf("X-Request-Id = %q, want the request's", id)
	}
	assertNoLeak(t, "body", body)
	for _, w := range []string{`"panic":"boom at 10.0.3.7:8443"`, `goroutine `, `middleware_test.go:`, `"request_id":"trace-1"`} {
		if !strings.Contains(log.String(), w) {
			t.Errorf("log lacks %s:\n%s", w, log.String())
		}
	}
	// http.ErrAbortHandler keeps its meaning: the connection is dropped.
	req, _ := http.NewRequest("GET", srv.URL+"/abort", nil)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("ErrAbortHandler answered %d, want an aborted response", resp.StatusCode)
	}
}

func TestMiddlewareErrors(t *testing.T) {
	var log bytes.Buffer
	srv := service(t, &log, nil)
	resp, body := get(t, srv, "/wrapped", "")
	if resp.StatusCode != 502 || !strings.Contains(body, "upstream-unavailable") {
		t.Errorf("wrapped problem: got %d %s", resp.StatusCode, body)
	}
	id := resp.Header.Get("X-Request-Id")
	if !uuidV4.MatchString(id) || !strings.Contains(log.String(), `"request_id":"`+id+`"`) {
		t.Errorf("X-Request-Id %q: want a fresh UUID, logged too:\n%s", id, log.String())
	}
	assertNoLeak(t, "body", body)
	resp, body = get(t, srv, "/plain", "bad id")
	if resp.StatusCode != 500 || !strings.Contains(body, "/errors/internal") {
		t.Errorf("plain error: got %d %s", resp.StatusCode, body)
	}
	if id := resp.Header.Get("X-Request-Id"); !uuidV4.MatchString(id) {
		t.Errorf("invalid X-Request-Id echoed as %q", id)
	}
	assertNoLeak(t, "body", body)
	if !strings.Contains(log.String(), `"cause":"dial tcp 10.0.3.7:8443: connection refused"`) {
		t.Errorf("log lacks the cause:\n%s", log.String())
	}
	var m map[string]any
	if json.Unmarshal([]byte(body), &m) != nil || m["instance"] != "/plain" {
		t.Errorf("instance: %s", body)
	}
}

// A client that gives up gets nothing written, and the log says so quietly.
func TestMiddlewareClientCancelled(t *testing.T) {
	var log bytes.Buffer
	done := make(chan struct{})
	srv := service(t, &log, done)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/cancel", nil)
	rec := httptest.NewRecorder()
	// In-process, so what the handler writes is visible after the cancel.
	go cancel()
	srv.Config.Handler.ServeHTTP(rec, req)
	<-done
	if rec.Body.Len() != 0 || rec.Code != 200 || rec.Header().Get("Content-Type") != "" {
		t.Errorf("cancelled request wrote %d %q %s", rec.Code, rec.Header(), rec.Body)
	}
	if !strings.Contains(log.String(), `"level":"DEBUG","msg":"client went away"`) {
		t.Errorf("log: %s", log.String())
	}
}

// The middleware's writer keeps the optional interfaces handlers assert.
func TestMiddlewareKeepsFlusherAndHijacker(t *testing.T) {
	var flusher, hijacker bool
	h := Middleware{}.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, flusher = w.(http.Flusher)
		_, hijacker = w.(http.Hijacker)
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	get(t, srv, "/", "")
	if !flusher || !hijacker {
		t.Errorf("Flusher %v, Hijacker %v; want both", flusher, hijacker)
	}
}
