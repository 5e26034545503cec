// Package problem is the runtime of errgen: RFC 9457 problem details
// ("application/problem+json") for Go services, driven by the type
// descriptors that errgen generates from the error catalog.
//
// # Serving
//
// A generated package declares one *Type per catalog entry and a
// constructor per type. A handler returns or serves the *Problem it builds:
//
//	p := problem.New(ankaerr.UpstreamUnavailable,
//		"The admin-api service is temporarily unavailable.",
//		problem.Instance(r.URL.Path),
//		problem.Cause(err)) // logged, never sent
//	p.WithRetryAfter(breakerWait).ServeHTTP(w, r)
//
// ServeHTTP sends Content-Type application/problem+json, an X-Request-Id
// (the request's own when sane, else RequestID(ctx), else a random UUID),
// Retry-After when set, the type's declared headers, then the body with its
// members always in the same order: type, title, status, detail, instance,
// the declared extension members, then any others sorted by name.
//
// WithRetryAfter rounds up to whole seconds and clamps to the type's
// bounds; it is a no-op for types that never send Retry-After. A type whose
// policy is RetryAfterRequired gets RetryAfterMax by default.
//
// # Matching
//
// *Problem implements error. errors.Is(err, ankaerr.UpstreamUnavailable) is
// true for a problem of that type however deeply it is wrapped, and
// errors.As(err, &p) finds it. Unwrap returns the Cause.
//
// # Reading
//
// Parse reads a problem back from an *http.Response leniently, as RFC 9457
// asks of clients. Whatever the body is (HTML from a proxy, truncated JSON,
// nothing at all), the result is a usable *Problem built from the status
// line, and the error is nil; only a nil response is an error. Types that
// generated packages Register get their descriptor attached.
//
// # Validating
//
// A Validator checks bodies against the JSON Schemas of their types,
// offline: BaseSchema (the RFC 9457 base, $id BaseSchemaID) is built in and
// any other remote $ref is refused. Its errors name the member and the rule,
// as in "/status: must be 502 (const)". Package problemtest builds on it to
// assert on whole responses in tests.
package problem
