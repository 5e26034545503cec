package upstream_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/problem"
	"github.com/ankatech/errgen/problem/problemtest"
	"github.com/ankatech/errgen/problem/upstream"
)

// countingBreaker lets every call through and records what it was told.
type countingBreaker struct{ successes, failures atomic.Int32 }

func (b *countingBreaker) Allow() (func(error), error) {
	return func(err error) {
		if err == nil {
			b.successes.Add(1)
		} else {
			b.failures.Add(1)
		}
	}, nil
}

func (b *countingBreaker) OpenFor() time.Duration { return 0 }

// issue 15: an upstream's permanent 4xx through JSON is no retryable
// problem, does not count against the upstream, and its cause names the
// role; 429 still means "not now".
func TestUpstream4xxIsNotAFailure(t *testing.T) {
	for _, status := range []int{404, 409, 422} {
		var hits atomic.Int32
		up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprint(w, `{"error":"nope"}`)
		}))
		b := &countingBreaker{}
		c := adminClient(b)
		// The upstream client retries what is retryable: not this.
		c.HTTP = &http.Client{Transport: &problem.RetryTransport{}}
		var v any
		p := c.Call(get(t, context.Background(), up.URL+"/keys"), upstream.JSON(&v), problem.Instance(instance))
		up.Close()
		switch {
		case p == nil:
			t.Fatalf("%d: no problem", status)
		case p.Descriptor() == nil || p.Descriptor().Retryable == problem.Retryable:
			t.Errorf("%d: answered %v, a retryable problem", status, p)
		case p.Status != status || !ankaerr.IsClientError(p):
			t.Errorf("%d: answered %d %s, want %d client-error", status, p.Status, p.Type, status)
		}
		if cause := fmt.Sprint(p.Unwrap()); !strings.Contains(cause, "admin-api") {
			t.Errorf("%d: cause %q does not name the role", status, cause)
		}
		if !strings.Contains(p.Detail, "the admin-api service answered") {
			t.Errorf("%d: detail %q", status, p.Detail)
		}
		if b.failures.Load() != 0 || b.successes.Load() != 1 || hits.Load() != 1 {
			t.Errorf("%d: breaker told %d failures, %d successes; upstream hit %d times",
				status, b.failures.Load(), b.successes.Load(), hits.Load())
		}
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, httptest.NewRequest("GET", instance, nil))
		problemtest.AssertProblem(t, rec, ankaerr.ClientError)
	}
	// 429 is "not now": a failure of the upstream, answered 502.
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(429)
	}))
	defer up.Close()
	b := &countingBreaker{}
	var v any
	if p := adminClient(b).Call(get(t, context.Background(), up.URL), upstream.JSON(&v)); !ankaerr.IsUpstreamUnavailable(p) || b.failures.Load() != 1 {
		t.Errorf("429: got %v, %d failures; want upstream-unavailable, counted", p, b.failures.Load())
	}
}

// A client with RetryTransport in front of a service whose upstream
// answers 404: one attempt at the service, one at the upstream.
func TestUpstream4xxIsNotRetriedByClients(t *testing.T) {
	var upHits, svcHits atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		upHits.Add(1)
		http.NotFound(w, r)
	}))
	defer up.Close()
	c := adminClient(nil)
	svc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		svcHits.Add(1)
		var v any
		if p := c.Call(get(t, r.Context(), up.URL+"/keys"), upstream.JSON(&v), problem.Instance(r.URL.Path)); p != nil {
			p.ServeHTTP(w, r)
		}
	}))
	defer svc.Close()
	client := &http.Client{Transport: &problem.RetryTransport{Policy: problem.RetryPolicy{Clock: instantClock{}}}}
	resp, err := client.Get(svc.URL + "/api/keys")
	if err != nil {
		t.Fatal(err)
	}
	problemtest.AssertProblem(t, resp, ankaerr.ClientError)
	resp.Body.Close()
	if upHits.Load() != 1 || svcHits.Load() != 1 {
		t.Errorf("service hit %d times, upstream %d; want one attempt each", svcHits.Load(), upHits.Load())
	}
}

// instantClock never sleeps, so a wrong retry shows as extra hits at once.
type instantClock struct{}

func (instantClock) Now() time.Time                                   { return time.Now() }
func (instantClock) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }
