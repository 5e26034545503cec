package upstream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/problem"
	"github.com/ankatech/errgen/problem/upstream"
	"github.com/sony/gobreaker/v2"
)

type key struct {
	Kid       string `json:"kid"`
	Algorithm string `json:"algorithm"`
}

// keysHandler is a Core API handler that proxies a key listing to the
// Admin API, answering every failure of that call with the catalog's
// problem.
func keysHandler(adminURL string, adminAPI *upstream.Client[ankaerr.Upstream]) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second) // past it: upstream-timeout
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, adminURL+"/internal/keys", nil)
		if err != nil {
			ankaerr.NewInternal(problem.Cause(err)).ServeHTTP(w, r)
			return
		}
		var keys []key
		if p := adminAPI.Call(req, upstream.JSON(&keys), problem.Instance(r.URL.Path)); p != nil {
			log.Printf("listing keys: %v", p.Unwrap()) // host and port stay in the logs
			p.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(keys)
	}
}

// A service calls its upstream through a Client: the breaker fails fast
// while the upstream is down, and every failure becomes the catalog's
// answer, with Retry-After while the breaker is open.
func ExampleClient() {
	admin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "database down", http.StatusInternalServerError)
	}))
	defer admin.Close()

	adminAPI := &upstream.Client[ankaerr.Upstream]{
		Role: ankaerr.AdminAPI,
		Mapper: upstream.Mapper[ankaerr.Upstream]{
			Unavailable: ankaerr.NewUpstreamUnavailable,
			Timeout:     ankaerr.NewUpstreamTimeout,
			Rejected:    ankaerr.NewClientError,
		},
		HTTP: &http.Client{},
		Breaker: upstream.NewGobreaker(gobreaker.Settings{
			Name:        "admin-api",
			ReadyToTrip: func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= 2 },
			// Timeout 0: open for upstream.DefaultOpenWait, 30 s.
		}),
	}
	core := httptest.NewServer(keysHandler(admin.URL, adminAPI))
	defer core.Close()

	for range 3 {
		resp, err := http.Get(core.URL + "/api/key-management/keys")
		if err != nil {
			log.Fatal(err)
		}
		p, _ := problem.Parse(resp)
		fmt.Printf("%d Retry-After=%q %s\n", resp.StatusCode, resp.Header.Get("Retry-After"), p.Detail)
	}
	// Output:
	// 502 Retry-After="" The admin-api service is temporarily unavailable.
	// 502 Retry-After="" The admin-api service is temporarily unavailable.
	// 502 Retry-After="30" The admin-api service is temporarily unavailable.
}

// Without a Client, FromCall maps the outcome of any call.
func ExampleMapper_FromCall() {
	m := upstream.Mapper[ankaerr.Upstream]{
		Unavailable: ankaerr.NewUpstreamUnavailable,
		Timeout:     ankaerr.NewUpstreamTimeout,
	}
	handler := func(w http.ResponseWriter, r *http.Request) {
		// A closed port stands in for a dead Admin API.
		resp, err := http.Get("http://127.0.0.1:1/internal/keys")
		if p := m.FromCall(ankaerr.AdminAPI, resp, err, problem.Instance(r.URL.Path)); p != nil {
			p.ServeHTTP(w, r)
			return
		}
		defer resp.Body.Close()
		// ... use the 2xx-4xx response
	}

	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest(http.MethodGet, "/api/key-management/keys", nil))
	fmt.Println(rec.Code)
	fmt.Println(rec.Body.String())
	// Output:
	// 502
	// {"type":"https://docs.ankatech.co/errors/upstream-unavailable","title":"Upstream Service Unavailable","status":502,"detail":"The admin-api service is temporarily unavailable.","instance":"/api/key-management/keys"}
}
