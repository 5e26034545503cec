package problem

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"time"
)

// MaxBodySize is the most Parse reads of a response body. A problem body is
// a few hundred bytes; anything near this size is not one.
const MaxBodySize = 1 << 20

// ParseTimeout is the longest Parse waits for a body: a body that has not
// ended by then (a server that trickles or stalls) is treated like an
// unreadable one. Parse also stops when the request's context ends.
const ParseTimeout = 2 * time.Second

// Parse reads a problem from an error response, leniently (RFC 9457
// section 3.1): a member of the wrong JSON type is ignored, unknown
// extensions are kept, and a missing type means "about:blank". A body that
// is not a problem (an HTML page from a load balancer, an empty or
// truncated body, one over MaxBodySize) still yields a Problem built from
// the status line. The status line always wins over the body's status.
//
// Parse reads at most MaxBodySize+1 bytes, only for JSON content types,
// for at most ParseTimeout, and closes the body. It returns an error only
// for a nil response.
func Parse(resp *http.Response) (*Problem, error) {
	if resp == nil {
		return nil, errors.New("problem: Parse of a nil *http.Response")
	}
	ct := resp.Header.Get("Content-Type")
	var body []byte
	if resp.Body != nil {
		if jsonType(ct) {
			// One byte past the limit tells an oversized body from one
			// that is exactly MaxBodySize long.
			pr := startPrefix(resp.Body, MaxBodySize+1)
			ctx := context.Background()
			if resp.Request != nil {
				ctx = resp.Request.Context()
			}
			if pr.wait(ctx, ParseTimeout) {
				body = pr.buf
			}
		}
		_ = resp.Body.Close() // also ends a read still waiting
	}
	if len(body) > MaxBodySize {
		body = nil
	}
	p := parse(resp.StatusCode, ct, body)
	if d, ok := headerRetryAfter(resp.Header, time.Now()); ok && d > 0 {
		// The same rules as for a problem built here: clamped to the
		// type's bounds, dropped for a type that never sends it.
		p.WithRetryAfter(d)
	}
	return p, nil
}

// ParseBytes is Parse for a body already in memory. It returns an error
// only when status is not an HTTP status code (100-599): without a status
// line there is nothing to fall back on.
func ParseBytes(status int, contentType string, body []byte) (*Problem, error) {
	if status < 100 || status > 599 {
		return nil, fmt.Errorf("problem: status %d is not an HTTP status code", status)
	}
	if len(body) > MaxBodySize {
		body = nil
	}
	return parse(status, contentType, body), nil
}

// jsonType reports whether a Content-Type is worth decoding as JSON.
func jsonType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == ContentType || mt == "application/json")
}

func parse(status int, ct string, body []byte) *Problem {
	p := &Problem{Type: "about:blank", Status: status}
	var members map[string]json.RawMessage
	if len(body) > 0 && jsonType(ct) && json.Unmarshal(body, &members) == nil {
		p.fill(members)
	}
	if p.Title == "" {
		if p.typ != nil {
			p.Title = p.typ.Title
		} else if p.Type == "about:blank" {
			p.Title = http.StatusText(status)
		}
	}
	return p
}

// fill copies well-typed members into p; ill-typed ones are dropped as RFC
// 9457 asks of consumers, and so is status, which the status line decides.
func (p *Problem) fill(members map[string]json.RawMessage) {
	str := func(name string, dst *string) {
		var s string
		if raw, ok := members[name]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			*dst = s
		}
	}
	str("type", &p.Type)
	str("title", &p.Title)
	str("detail", &p.Detail)
	str("instance", &p.Instance)
	p.typ = Lookup(p.Type)
	for name, raw := range members {
		if reserved(name) {
			continue
		}
		if v, ok := decodeMember(p.typ.member(name), raw); ok {
			// Kept even when undeclared: a consumer ignores, not drops,
			// what its catalog does not know (the body encoder skips it).
			p.setMember(name, v)
		}
	}
}

// decodeMember decodes an extension member: a declared one only when it
// has its declared type (integers as int64), any other as encoding/json
// would into an any.
func decodeMember(m *Member, raw json.RawMessage) (any, bool) {
	if m == nil {
		var v any
		if json.Unmarshal(raw, &v) != nil {
			return nil, false
		}
		return v, true
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if d.Decode(&v) != nil {
		return nil, false
	}
	switch m.Type {
	case "string":
		// A value outside the enum is kept: the server's catalog may be
		// newer than the client's.
		s, ok := v.(string)
		return s, ok
	case "boolean":
		b, ok := v.(bool)
		return b, ok
	case "integer":
		return integer(v)
	case "number":
		n, ok := v.(json.Number)
		if !ok {
			return nil, false
		}
		f, err := n.Float64()
		return f, err == nil
	}
	return v, true
}

// integer accepts a JSON number with no fraction that fits an int64, also
// when written as 2.0 or 1e3.
func integer(v any) (any, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, false
	}
	if i, err := n.Int64(); err == nil {
		return i, true
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
		return nil, false
	}
	return int64(f), true
}
