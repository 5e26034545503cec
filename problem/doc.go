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
// (RequestID(ctx) as RequestIDs stores it, else the request's own when
// valid, else a random UUID; p.RequestID() reads it back), Retry-After when
// set, the type's declared headers, then the body with its members always
// in the same order: type, title, status, detail, instance, then the
// extension members the type declares (a problem without a descriptor:
// all of them, sorted by name).
//
// WithRetryAfter rounds up to whole seconds and clamps to the type's
// bounds; it is a no-op for types that never send Retry-After. A type whose
// policy is RetryAfterRequired gets RetryAfterMax by default.
//
// # Middleware and logs
//
// RequestIDs gives every request an X-Request-Id (the client's when valid)
// in its context and on every response. Middleware.Recover answers a panic
// with the catalog's internal error and logs the panic and its stack;
// Middleware.Handle adapts handlers that return error (a *Problem in the
// chain is served, a client that went away gets nothing, anything else is
// the internal error with the error as its cause). The generated package
// supplies the internal type: Middleware{Internal: ankaerr.NewInternal}.
// A *Problem is a slog.LogValuer: its log value carries the cause and the
// request ID, which the body never does.
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
// as in "/status: must be 502 (const)". Validate is lenient, as RFC 9457
// asks of consumers; ValidateStrict is for producers: it also refuses
// undeclared members, a detail its type's template cannot produce
// (Type.CheckDetail) and anything that looks like a leak (FindLeak).
// Package problemtest builds on it to assert on whole responses in tests.
package problem
