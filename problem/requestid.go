package problem

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

type requestIDKey struct{}

// WithRequestID returns a context carrying the request ID id. The
// RequestIDs middleware calls it; so may other middleware that assigns IDs.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID stored by WithRequestID, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// RequestID returns the X-Request-Id that ServeHTTP sent with p, or ""
// before p was served: the ID to put on the log line of this failure.
func (p *Problem) RequestID() string {
	id, _ := p.requestID.Load().(string)
	return id
}

// MaxRequestIDLen is the longest X-Request-Id echoed back; a longer or
// otherwise invalid one (see ValidRequestID) is replaced by a fresh UUID.
const MaxRequestIDLen = 128

// RequestIDs is middleware that gives every request an ID before the
// handler runs: the client's X-Request-Id when ValidRequestID accepts it,
// else a random UUID. The ID goes into the request's context (RequestID
// reads it, and ServeHTTP sends it) and into the X-Request-Id header of
// every response, errors or not, so the client, the handler and its logs
// all see the same ID.
func RequestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ""
		if v := r.Header["X-Request-Id"]; len(v) > 0 && ValidRequestID(v[0]) {
			id = v[0]
		} else {
			id = newUUID()
		}
		w.Header()["X-Request-Id"] = []string{id}
		next.ServeHTTP(w, r.WithContext(WithRequestID(r.Context(), id)))
	})
}

// requestID picks the X-Request-Id of a response: the context's (what
// RequestIDs decided), else the client's own when valid (so both sides
// log the same ID), else a new random one, because every error response
// must carry one.
func requestID(r *http.Request) string {
	if r != nil {
		if id := RequestID(r.Context()); ValidRequestID(id) {
			return id
		}
		if v := r.Header["X-Request-Id"]; len(v) > 0 && ValidRequestID(v[0]) {
			return v[0]
		}
	}
	return newUUID()
}

// ValidRequestID accepts 1 to MaxRequestIDLen characters from the letters,
// digits and "-._~:/+=@": enough for UUIDs, ULIDs, trace IDs and base64,
// and nothing that could smuggle spaces, quotes or control characters into
// logs and headers.
func ValidRequestID(s string) bool {
	if s == "" || len(s) > MaxRequestIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '+' || c == '=' || c == '@':
		default:
			return false
		}
	}
	return true
}

// newUUID returns a random (version 4) UUID in its canonical text form.
func newUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // crypto/rand.Read never fails (it aborts the program instead)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], u[10:16])
	return string(s[:])
}
