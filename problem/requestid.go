package problem

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

type requestIDKey struct{}

// WithRequestID returns a context carrying the request ID id, for
// middleware that assigns IDs before the handler runs.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID stored by WithRequestID, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// requestID picks the X-Request-Id of a response: the client's own when it
// is sane (so both sides log the same ID), else the context's, else a new
// random one, because every error response must carry one.
func requestID(r *http.Request) string {
	if r != nil {
		if v := r.Header["X-Request-Id"]; len(v) > 0 && saneID(v[0]) {
			return v[0]
		}
		if id := RequestID(r.Context()); saneID(id) {
			return id
		}
	}
	return newUUID()
}

// saneID accepts 1 to 128 printable ASCII characters: anything else could
// smuggle control characters or huge values into logs and headers.
func saneID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
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
