package problem

import (
	"github.com/ankatech/errgen/internal/jsonstr"

	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
)

// bufPool recycles body buffers: a problem body is small and ServeHTTP is
// on the error path of every handler, so it should not allocate for it.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// maxPooled keeps an unusually large body's buffer out of the pool.
const maxPooled = 16 << 10

// ServeHTTP writes the problem: headers, then the status, then the body.
// The headers are Content-Type, X-Request-Id (the context's RequestID as
// the RequestIDs middleware stores it, else the request's own when valid,
// else a random UUID; RequestID on the problem reads it back for the log
// line), Retry-After when set
// and the type's extra headers. The body's status is the status sent; a
// Status outside 100-599 is sent as 500.
func (p *Problem) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := p.Status
	if status < 100 || status > 599 {
		status = http.StatusInternalServerError
	}
	buf := bufPool.Get().(*[]byte)
	body, err := p.appendBody((*buf)[:0], status, true)
	if err != nil {
		// An extension value that cannot be encoded must not cost the
		// client its error response: send the standard members alone.
		body, _ = p.appendBody((*buf)[:0], status, false)
	}

	// One backing array for the three values instead of one slice per
	// Header.Set; the capacity limits keep an Add from overwriting a
	// neighbour.
	h := w.Header()
	vals := make([]string, 3)
	vals[0] = ContentType
	h["Content-Type"] = vals[0:1:1]
	vals[1] = requestID(r)
	p.requestID.Store(vals[1])
	h["X-Request-Id"] = vals[1:2:2]
	if p.retryAfter > 0 {
		vals[2] = strconv.FormatInt(int64(p.retryAfter/1e9), 10)
		h["Retry-After"] = vals[2:3:3]
	}
	// A length set by earlier middleware would not match this body.
	delete(h, "Content-Length")
	for _, x := range p.headers {
		h.Add(x.name, x.value)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client went away; nothing left to tell it

	if cap(body) <= maxPooled {
		*buf = body[:0]
		bufPool.Put(buf)
	}
}

// MarshalJSON encodes the problem in the order ServeHTTP writes it. A zero
// Status is left out rather than written as an invalid 0.
func (p *Problem) MarshalJSON() ([]byte, error) {
	return p.appendBody(make([]byte, 0, 256), p.Status, true)
}

// reserved are the standard members; an extension may not shadow them.
func reserved(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance":
		return true
	}
	return false
}

// appendBody writes the members in a fixed order: type, title, status,
// detail, instance, then the extensions.
func (p *Problem) appendBody(b []byte, status int, withExt bool) ([]byte, error) {
	if t := p.typ; t != nil && p.Type == t.URI && p.Title == t.Title {
		b = append(b, t.encodedHead(p.Type, p.Title)...)
	} else {
		b = appendHead(b, p.Type, p.Title)
	}
	if status != 0 {
		b = append(b, `,"status":`...)
		b = strconv.AppendInt(b, int64(status), 10)
	}
	if p.Detail != "" {
		b = append(b, `,"detail":`...)
		b = appendString(b, p.Detail)
	}
	if p.Instance != "" {
		b = append(b, `,"instance":`...)
		b = appendString(b, p.Instance)
	}
	if withExt && len(p.Extensions) > 0 {
		var err error
		if b, err = p.appendExtensions(b); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendHead writes `{"type":…,"title":…`; an empty type is about:blank.
func appendHead(b []byte, typ, title string) []byte {
	if typ == "" {
		typ = "about:blank"
	}
	b = append(b, `{"type":`...)
	b = appendString(b, typ)
	b = append(b, `,"title":`...)
	return appendString(b, title)
}

// appendExtensions writes a typed problem's declared members in catalog
// order and nothing else (the catalog promises no other member); an
// untyped problem's members sorted by name, so the same problem always
// encodes the same way.
func (p *Problem) appendExtensions(b []byte) ([]byte, error) {
	names := make([]string, 0, len(p.Extensions))
	if p.typ != nil {
		for _, m := range p.typ.Members {
			if _, ok := p.Extensions[m.Name]; ok {
				names = append(names, m.Name)
			}
		}
	} else {
		for name := range p.Extensions {
			names = append(names, name)
		}
		slices.Sort(names)
	}
	var err error
	for _, name := range names {
		if reserved(name) {
			continue
		}
		b = append(b, ',')
		b = appendString(b, name)
		b = append(b, ':')
		if b, err = appendValue(b, p.Extensions[name]); err != nil {
			return b, fmt.Errorf("problem: extension %q: %w", name, err)
		}
	}
	return b, nil
}

// appendValue encodes the value kinds extensions use by hand and leaves
// everything else to encoding/json.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(v), 10), nil
	case uint64:
		return strconv.AppendUint(b, v, 10), nil
	case float64:
		return appendFloat(b, v, 64)
	case float32:
		return appendFloat(b, float64(v), 32)
	case []string:
		if v == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']'), nil
	}
	j, err := json.Marshal(v)
	return append(b, j...), err
}

// appendFloat formats like encoding/json: shortest representation, 'e'
// notation only for very small or large magnitudes, and no NaN or Inf.
func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("unsupported value %v", f)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 {
		if bits == 64 && (a < 1e-6 || a >= 1e21) ||
			bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendString appends s as a JSON string, as json.Marshal writes it.
func appendString(b []byte, s string) []byte { return jsonstr.Append(b, s, true) }
