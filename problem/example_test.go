package problem_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/ankatech/errgen/problem"
)

// upstreamUnavailable stands in for a generated descriptor.
var upstreamUnavailable = &problem.Type{
	URI:           "https://docs.ankatech.co/errors/upstream-unavailable",
	Title:         "Upstream Service Unavailable",
	Status:        http.StatusBadGateway,
	RetryAfter:    problem.RetryAfterAllowed,
	RetryAfterMin: time.Second,
	RetryAfterMax: 30 * time.Second,
	Members:       []problem.Member{{Name: "upstream", Type: "string"}},
}

func Example() {
	handler := func(w http.ResponseWriter, r *http.Request) {
		err := errors.New("dial tcp 10.0.3.7:8443: connection refused") // never sent
		problem.New(upstreamUnavailable, "The admin-api service is temporarily unavailable.",
			problem.Instance(r.URL.Path), problem.Set("upstream", "admin-api"), problem.Cause(err),
		).WithRetryAfter(45*time.Second).ServeHTTP(w, r)
	}

	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/key-management/keys", nil)
	req.Header.Set("X-Request-Id", "req-1")
	handler(rec, req)

	fmt.Println(rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("X-Request-Id"), rec.Header().Get("Retry-After"))
	os.Stdout.Write(append(rec.Body.Bytes(), '\n'))

	p, _ := problem.Parse(rec.Result())
	fmt.Println(errors.Is(p, upstreamUnavailable), p.Detail)
	// Output:
	// 502 application/problem+json req-1 30
	// {"type":"https://docs.ankatech.co/errors/upstream-unavailable","title":"Upstream Service Unavailable","status":502,"detail":"The admin-api service is temporarily unavailable.","instance":"/api/key-management/keys","upstream":"admin-api"}
	// true The admin-api service is temporarily unavailable.
}
