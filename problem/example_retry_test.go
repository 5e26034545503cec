package problem_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	_ "github.com/ankatech/errgen/generated/ankaerr" // registers the catalog's retryability
	"github.com/ankatech/errgen/problem"
)

// An SDK gives its users a client that retries what the catalog calls
// retryable, honouring Retry-After. The defaults (4 attempts, 1 s, 2 s,
// 4 s, Retry-After trusted up to a minute) fit most clients; this one is
// shortened so the example runs fast.
func ExampleRetryTransport() {
	var calls atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			w.Header().Set("Content-Type", problem.ContentType)
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, `{"type":"https://docs.ankatech.co/errors/upstream-unavailable","status":502}`)
			return
		}
		io.WriteString(w, `{"keys":[]}`)
	}))
	defer api.Close()

	client := &http.Client{
		Transport: &problem.RetryTransport{
			Policy: problem.RetryPolicy{BaseDelay: 10 * time.Millisecond},
		},
		Timeout: 30 * time.Second, // bounds the whole sequence, waits included
	}
	resp, err := client.Get(api.URL + "/api/key-management/keys")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body), "after", calls.Load(), "attempts")
	// Output:
	// 200 {"keys":[]} after 3 attempts
}

// A client with its own retry loop uses the policy alone.
func ExampleRetryPolicy_Next() {
	policy := problem.RetryPolicy{Jitter: problem.NoJitter}
	resp := &http.Response{
		StatusCode: http.StatusServiceUnavailable,
		Header:     http.Header{"Retry-After": {"7"}},
		Body:       http.NoBody,
	}
	wait, retry := policy.Next(resp, 1, 0)
	fmt.Println(retry, wait)
	// Output:
	// true 7s
}

func ExampleParseRetryAfter() {
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, v := range []string{"120", "Wed, 02 Jan 2030 03:05:05 GMT", "-1", "abc"} {
		d, ok := problem.ParseRetryAfter(v, now)
		fmt.Println(d, ok)
	}
	// Output:
	// 2m0s true
	// 1m0s true
	// 0s false
	// 0s false
}
