package problem

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// RetryTransport is an http.RoundTripper that sends a request again when
// the answer is a retryable error, as its Policy decides: it honours
// Retry-After, else backs off exponentially, and gives up after the
// policy's attempts or elapsed time. It is how an SDK keeps the catalog's
// promise that clients retry transient errors by themselves:
//
//	import _ "github.com/ankatech/errgen/generated/ankaerr" // registers the catalog
//
//	client := &http.Client{Transport: &problem.RetryTransport{}}
//
// The policy reads each error's retryability from the registered catalog,
// so the program must import the generated package; without it only 502,
// 503 and 504 are retried.
//
// Every attempt sends the same method, URL, headers and body. A request
// with a body is retried only when it has GetBody (http.NewRequest sets it
// for *bytes.Buffer, *bytes.Reader and *strings.Reader bodies); others are
// sent once. The caller's request is never modified: each retry is a clone
// with a fresh body from GetBody.
//
// Only responses are retried. An error from Base (a refused connection, a
// reset) is returned at once, because the client cannot know whether the
// server acted on the request.
//
// The decision is made from the status line and headers and, for a JSON
// error body with a transient status, at most its first MaxPeek bytes read
// within PeekTimeout: a body that trickles or stalls never holds up
// RoundTrip for longer. A response that will be retried has its body
// drained (up to 64 KiB, in the background) and closed, so the connection
// can be reused. The response that ends the sequence, successful or not,
// is returned as Base returned it, its body intact even when the policy
// read part of it to find the problem type.
//
// When the next wait would end after the request's context deadline, the
// last response is returned at once instead of an error at the deadline.
// When the context ends during a wait, RoundTrip returns at once with an
// error wrapping ctx.Err().
//
// A RetryTransport is safe for concurrent use.
type RetryTransport struct {
	// Base sends each attempt; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Policy decides which responses to retry and how long to wait.
	Policy RetryPolicy
}

// RoundTrip implements http.RoundTripper.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	if !replayable(req) {
		return base.RoundTrip(req)
	}
	ctx, clock := req.Context(), t.Policy.clock()
	start := clock.Now()
	out := req // the first attempt sends the caller's request, body and all
	for attempt := 1; ; attempt++ {
		resp, err := base.RoundTrip(out)
		if err != nil {
			return nil, err
		}
		wait, retry := t.Policy.Next(resp, attempt, clock.Now().Sub(start))
		if !retry {
			return resp, nil
		}
		if dl, ok := ctx.Deadline(); ok && wait >= time.Until(dl) {
			// The context would end during the wait: the caller is better
			// served by this answer now than by an error at the deadline.
			return resp, nil
		}
		discard(resp)
		if err := clock.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("problem: retrying %s %s after %s: %w",
				req.Method, req.URL.Redacted(), resp.Status, err)
		}
		if out, err = cloneForRetry(req); err != nil {
			return nil, err
		}
	}
}

// replayable reports whether req can be sent again unchanged.
func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// cloneForRetry copies req with a fresh body, leaving req untouched.
func cloneForRetry(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.Body == nil || req.Body == http.NoBody {
		return r, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("problem: retrying %s %s: GetBody: %w", req.Method, req.URL.Redacted(), err)
	}
	r.Body = body
	return r, nil
}

// maxDrain is how much of a retried response's body is read to let the
// connection be reused; a longer body costs a new connection instead.
const maxDrain = 64 << 10

// discard drains (so the connection can be reused) and closes the body of
// a response that will be retried. It does so in the background, closing
// the body after drainTimeout at the latest: a trickling body must not
// delay the retry.
func discard(resp *http.Response) {
	if resp.Body == nil {
		return
	}
	body := resp.Body
	if pr, ok := body.(*prefix); ok && pr.complete() {
		_ = body.Close() // read to its end already: nothing to wait for
		return
	}
	go func() {
		t := time.AfterFunc(drainTimeout, func() { _ = body.Close() })
		defer t.Stop()
		_, _ = io.CopyN(io.Discard, body, maxDrain)
		_ = body.Close()
	}()
}

// drainTimeout bounds the background drain of a retried response.
const drainTimeout = 5 * time.Second

// peekType returns the registered type of an error response's problem
// body, or nil. It waits at most timeout for the first MaxPeek bytes and
// puts back a body that replays them, then the rest; a read still under
// way at the deadline goes on, and the caller's first Read waits for it.
func peekType(resp *http.Response, timeout time.Duration) *Type {
	ct := resp.Header.Get("Content-Type")
	if resp.Body == nil || resp.Body == http.NoBody || !jsonType(ct) {
		return nil
	}
	ctx := context.Background()
	if resp.Request != nil {
		ctx = resp.Request.Context()
	}
	pr := startPrefix(resp.Body, MaxPeek)
	resp.Body = pr
	if !pr.wait(ctx, timeout) {
		return nil
	}
	return Lookup(typeInPrefix(pr.buf))
}
