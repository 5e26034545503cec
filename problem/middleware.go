package problem

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
)

// Middleware turns what goes wrong in an ordinary net/http handler into
// the catalog's answers: a panic or an unexpected error becomes the
// catalog's internal error (500) for the client and a log line with the
// cause for the operator. The runtime knows no catalog, so the generated
// package supplies which type is "internal":
//
//	mw := problem.Middleware{Internal: ankaerr.NewInternal, Logger: logger}
//	mux.Handle("GET /keys", mw.Handle(listKeys)) // listKeys returns error
//	http.ListenAndServe(addr, mw.Wrap(mux))      // request IDs + recovery
//
// The zero Middleware logs to slog.Default() and answers with a plain
// about:blank 500.
type Middleware struct {
	// Internal builds the catalog's internal error, given the cause and
	// the instance: the generated constructor, such as ankaerr.NewInternal.
	Internal func(opts ...Option) *Problem
	// Logger receives panics (value and stack), unexpected errors and
	// answered problems; nil means slog.Default().
	Logger *slog.Logger
}

// Wrap is RequestIDs around Recover: the outermost middleware of a
// service, so even a panic's answer and log line carry the request's ID.
func (m Middleware) Wrap(next http.Handler) http.Handler {
	return RequestIDs(m.Recover(next))
}

// Recover answers a panic in next with the internal error (500) and logs
// the panic value and the stack, which never reach the body. A panic with
// http.ErrAbortHandler is passed on untouched, as net/http expects, and so
// is any panic once the response has started: it is then too late for an
// honest answer, and aborting the response (net/http closes the
// connection) is what the client must see.
func (m Middleware) Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // net/http compares it the same way
				panic(v)
			}
			stack := string(debug.Stack())
			if tw.wrote {
				m.logger().ErrorContext(r.Context(), "panic after the response started",
					"request_id", RequestID(r.Context()), "panic", fmt.Sprint(v), "stack", stack)
				panic(http.ErrAbortHandler)
			}
			p := m.internal(Cause(fmt.Errorf("panic: %v", v)), Instance(r.URL.Path))
			p.ServeHTTP(w, r)
			m.logger().ErrorContext(r.Context(), "panic serving the request",
				"problem", p, "panic", fmt.Sprint(v), "stack", stack)
		}()
		next.ServeHTTP(tw, r)
	})
}

// Handle adapts a handler that returns an error; ServeError answers it.
func (m Middleware) Handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		if err := h(tw, r); err != nil {
			if tw.wrote {
				m.logger().ErrorContext(r.Context(), "error after the response started",
					"request_id", RequestID(r.Context()), "err", err.Error())
				return
			}
			m.ServeError(w, r, err)
		}
	})
}

// ServeError answers err, the "error → problem" glue of a handler:
//
//   - nil: nothing is written;
//   - the request's context ended and err is (or wraps) context.Canceled:
//     the client went away, so nothing is written and the log line is at
//     Debug level;
//   - a *Problem anywhere in err's chain (errors.As): that problem is
//     served, with the request's path as its instance when it has none;
//   - anything else: the internal error, with err as its cause.
//
// A served problem is logged with its cause at Error level for a 5xx and
// at Info level otherwise.
func (m Middleware) ServeError(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		return
	}
	ctx := r.Context()
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		m.logger().DebugContext(ctx, "client went away", "request_id", RequestID(ctx), "err", err.Error())
		return
	}
	var p *Problem
	if !errors.As(err, &p) {
		p = m.internal(Cause(err))
	}
	if p.Instance == "" {
		// A copy: the problem found may be shared (a package-level
		// sentinel), and this request's path is this answer's alone.
		p = p.clone()
		p.Instance = r.URL.Path
	}
	p.ServeHTTP(w, r)
	level := slog.LevelInfo
	if p.Status >= 500 || p.Status < 100 {
		level = slog.LevelError
	}
	m.logger().Log(ctx, level, "request failed", "problem", p, "err", err.Error())
}

func (m Middleware) internal(opts ...Option) *Problem {
	if m.Internal != nil {
		return m.Internal(opts...)
	}
	p := &Problem{Type: "about:blank", Title: http.StatusText(500), Status: 500}
	for _, o := range opts {
		if o != nil {
			o(p)
		}
	}
	return p
}

func (m Middleware) logger() *slog.Logger {
	if m.Logger != nil {
		return m.Logger
	}
	return slog.Default()
}

// trackingWriter notes whether the response has started, which decides
// whether an error can still be answered.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *trackingWriter) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		w.wrote = true // 1xx informational answers leave room for the final one
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Flush keeps streaming handlers working (a type assertion to
// http.Flusher); http.ResponseController finds the rest through Unwrap.
func (w *trackingWriter) Flush() {
	w.wrote = true
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack keeps handlers that take over the connection (WebSocket
// libraries assert http.Hijacker) working behind the middleware.
func (w *trackingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.wrote = true
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
