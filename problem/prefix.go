package problem

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"time"
)

// prefix reads the first bytes of a body in its own goroutine, so a
// caller can wait for them with a deadline: a body that trickles or
// stalls must not hold up a retry decision or Parse longer than that.
type prefix struct {
	orig io.ReadCloser
	buf  []byte
	err  error // the read error, nil at EOF or at the limit
	full bool  // the read stopped at the limit, not at the end
	done chan struct{}
}

func startPrefix(body io.ReadCloser, n int64) *prefix {
	p := &prefix{orig: body, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.buf, p.err = io.ReadAll(io.LimitReader(body, n))
		p.full = int64(len(p.buf)) == n
	}()
	return p
}

// wait reports whether the read finished within d (or before ctx ended).
// Only then may the caller look at buf and err.
func (p *prefix) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.done:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	// The read may have finished at the same moment; prefer its result.
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// complete reports whether the prefix read has finished and reached the
// end of the body.
func (p *prefix) complete() bool {
	select {
	case <-p.done:
		return p.err == nil && !p.full
	default:
		return false
	}
}

// Read replays the prefix, then the rest of the body, as if it had never
// been peeked at: it first waits for the prefix read to finish, as the
// caller's own first Read would have waited for the same bytes.
func (p *prefix) Read(b []byte) (int, error) {
	<-p.done
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	if p.err != nil && !errors.Is(p.err, io.EOF) {
		// The caller sees the failure the peek saw, after the bytes that
		// did arrive.
		return 0, p.err
	}
	return p.orig.Read(b)
}

// Close closes the body, which also ends a prefix read still waiting.
func (p *prefix) Close() error { return p.orig.Close() }

// typeInPrefix returns the "type" member of a JSON object from the
// possibly truncated start of its text, or "" when the prefix does not
// show it. It walks the top level only, so a nested "type" is no match.
func typeInPrefix(b []byte) string {
	d := json.NewDecoder(bytes.NewReader(b))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return ""
		}
		if key == "type" {
			v, err := d.Token()
			s, _ := v.(string)
			if err != nil {
				return ""
			}
			return s
		}
		var skip json.RawMessage
		if d.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}
