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
	writeFinished(w, r, body)
}

// writeFinished sends finished body bytes the hand-written way: three
// Header().Set, WriteHeader, Write.
func writeFinished(w http.ResponseWriter, r *http.Request, body []byte) {
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
		writeFinished(httptest.NewRecorder(), r, benchBody)
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

// benchWriter is a response writer reused across operations, the way a
// server's pooled writer is: Header, WriteHeader and Write do what
// httptest.ResponseRecorder's do (headers are read at WriteHeader, a
// second WriteHeader is ignored, Write implies 200), without a fresh map,
// buffer and header snapshot per request. The *Reused benchmarks use it so
// that what is compared is the handlers, not the recorder's setup.
type benchWriter struct {
	h     http.Header
	snap  int // number of header values seen at WriteHeader
	code  int
	wrote bool
	body  []byte
}

func newBenchWriter() *benchWriter { return &benchWriter{h: make(http.Header, 4)} }

func (w *benchWriter) Header() http.Header { return w.h }

func (w *benchWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote, w.code = true, code
	for _, v := range w.h {
		w.snap += len(v)
	}
}

func (w *benchWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	w.body = append(w.body, b...)
	return len(b), nil
}

func (w *benchWriter) reset() {
	clear(w.h)
	w.snap, w.code, w.wrote, w.body = 0, 0, false, w.body[:0]
}

func BenchmarkServeHTTPReused(b *testing.B) {
	r, w := benchRequest(), newBenchWriter()
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		New(upstreamUnavailable, benchDetail, Instance(benchInstance)).
			WithRetryAfter(45*time.Second).ServeHTTP(w, r)
	}
}

func BenchmarkServeHTTPBaselineReused(b *testing.B) {
	r, w := benchRequest(), newBenchWriter()
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		serveBaseline(w, r)
	}
}

// BenchmarkWriterOnly is the reused writer's floor: the same headers and
// the finished bytes.
func BenchmarkWriterOnly(b *testing.B) {
	r, w := benchRequest(), newBenchWriter()
	b.ReportAllocs()
	for b.Loop() {
		w.reset()
		writeFinished(w, r, benchBody)
	}
}

// TestBenchWriterCompareLikeWithLike: through the reused writer, the two
// handlers write the same status, headers and bytes, request after request.
func TestBenchWriterCompareLikeWithLike(t *testing.T) {
	ours, base := newBenchWriter(), newBenchWriter()
	for range 3 {
		ours.reset()
		base.reset()
		New(upstreamUnavailable, benchDetail, Instance(benchInstance)).
			WithRetryAfter(45*time.Second).ServeHTTP(ours, benchRequest())
		serveBaseline(base, benchRequest())
		if string(ours.body) != string(base.body) || string(base.body) != string(benchBody) {
			t.Fatalf("bodies differ:\n%s\n%s", ours.body, base.body)
		}
		if ours.code != 502 || base.code != 502 || ours.snap != 3 || base.snap != 3 {
			t.Fatalf("code/headers: ours %d/%d, base %d/%d", ours.code, ours.snap, base.code, base.snap)
		}
		for _, h := range []string{"Content-Type", "X-Request-Id", "Retry-After"} {
			if ours.h.Get(h) != base.h.Get(h) || ours.h.Get(h) == "" {
				t.Errorf("%s differs: %q %q", h, ours.h.Get(h), base.h.Get(h))
			}
		}
	}
}
