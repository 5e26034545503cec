package problem

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// The three benchmarks write the same response (docs/performance.md):
// BenchmarkServeHTTP through this package, BenchmarkServeHTTPBaseline the
// obvious hand-written way, BenchmarkRecorderOnly just the recorder and the
// headers, which is the floor both pay.

const (
	benchDetail   = "The admin-api service is temporarily unavailable."
	benchInstance = "/api/key-management/keys"
	benchID       = "7f3c9a52-1d4e-4b8a-9c61-2f0e8d5b4a17"
)

func benchRequest() *http.Request {
	r := httptest.NewRequest("GET", benchInstance, nil)
	r.Header.Set("X-Request-Id", benchID)
	return r
}

func BenchmarkServeHTTP(b *testing.B) {
	r := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		New(upstreamUnavailable, benchDetail, Instance(benchInstance)).
			WithRetryAfter(45*time.Second).ServeHTTP(rec, r)
	}
}

// BenchmarkServeHTTPNewID is BenchmarkServeHTTP for a request without an
// X-Request-Id, so a UUID is generated.
func BenchmarkServeHTTPNewID(b *testing.B) {
	r := httptest.NewRequest("GET", benchInstance, nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		New(upstreamUnavailable, benchDetail, Instance(benchInstance)).
			WithRetryAfter(45*time.Second).ServeHTTP(rec, r)
	}
}

type baselineProblem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
}

func serveBaseline(w http.ResponseWriter, r *http.Request) {
	body, err := json.Marshal(baselineProblem{
		Type: upstreamURI, Title: "Upstream Service Unavailable", Status: 502,
		Detail: benchDetail, Instance: benchInstance,
	})
	if err != nil {
		panic(err)
	}
	h := w.Header()
	h.Set("Content-Type", ContentType)
	h.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
	h.Set("Retry-After", strconv.Itoa(30))
	w.WriteHeader(502)
	_, _ = w.Write(body)
}

func BenchmarkServeHTTPBaseline(b *testing.B) {
	r := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		serveBaseline(httptest.NewRecorder(), r)
	}
}

var benchBody = []byte(`{"type":"https://docs.ankatech.co/errors/upstream-unavailable","title":"Upstream Service Unavailable","status":502,"detail":"The admin-api service is temporarily unavailable.","instance":"/api/key-management/keys"}`)

func BenchmarkRecorderOnly(b *testing.B) {
	r := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h := w.Header()
		h.Set("Content-Type", ContentType)
		h.Set("X-Request-Id", r.Header.Get("X-Request-Id"))
		h.Set("Retry-After", strconv.Itoa(30))
		w.WriteHeader(502)
		_, _ = w.Write(benchBody)
	}
}

// TestBenchmarksCompareLikeWithLike keeps the benchmarks honest: all three
// write the same status, headers and bytes.
func TestBenchmarksCompareLikeWithLike(t *testing.T) {
	ours, base := httptest.NewRecorder(), httptest.NewRecorder()
	New(upstreamUnavailable, benchDetail, Instance(benchInstance)).
		WithRetryAfter(45*time.Second).ServeHTTP(ours, benchRequest())
	serveBaseline(base, benchRequest())
	if ours.Body.String() != base.Body.String() || base.Body.String() != string(benchBody) {
		t.Errorf("bodies differ:\n%s\n%s", ours.Body, base.Body)
	}
	if ours.Code != base.Code {
		t.Errorf("codes differ: %d %d", ours.Code, base.Code)
	}
	for _, h := range []string{"Content-Type", "X-Request-Id", "Retry-After"} {
		if ours.Header().Get(h) != base.Header().Get(h) {
			t.Errorf("%s differs: %q %q", h, ours.Header().Get(h), base.Header().Get(h))
		}
	}
}
