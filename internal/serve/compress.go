package serve

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// minGzip is the smallest body worth compressing: below it the gzip
// header and a round of CPU cost more than the bytes saved.
const minGzip = 1024

// compressible are the media types sent gzipped on request: text, and the
// JSON and XML the site is made of. Images other than SVG are already
// compressed.
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "json") ||
		strings.HasSuffix(mt, "xml") || mt == "image/svg+xml"
}

// acceptsGzip reads Accept-Encoding (RFC 9110 section 12.5.3): gzip, or
// x-gzip, or * with a non-zero weight, unless gzip itself is given q=0.
func acceptsGzip(r *http.Request) bool {
	gz, star := -1.0, -1.0
	for _, part := range strings.Split(strings.Join(r.Header.Values("Accept-Encoding"), ","), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			gz = max(gz, q)
		case "*":
			star = q
		}
	}
	if gz >= 0 {
		return gz > 0
	}
	return star > 0
}

// gzipCache keeps each compressed body by its identity ETag, so a file is
// compressed once per content rather than once per request. Each handler
// has its own, so a site replaced by serve -watch takes its cache along.
type gzipCache struct{ m sync.Map } // ETag string -> []byte

// encode chooses the body to send for data, whose Content-Type and
// identity ETag (if any) are already set on w: gzipped when the client
// asks for it, the type is text and the body is big enough, and the
// request is not for a range (a range of the gzipped bytes would be
// useless to a client that asked for a range of the file). It sets
// Vary, Content-Encoding and a distinct ETag for the gzipped form.
func (c *gzipCache) encode(w http.ResponseWriter, r *http.Request, data []byte) []byte {
	hdr := w.Header()
	if !compressible(hdr.Get("Content-Type")) || len(data) < minGzip {
		return data
	}
	if v := hdr.Get("Vary"); v != "" {
		hdr.Set("Vary", v+", Accept-Encoding")
	} else {
		hdr.Set("Vary", "Accept-Encoding")
	}
	if r.Header.Get("Range") != "" || !acceptsGzip(r) {
		return data
	}
	etag := hdr.Get("ETag")
	if etag != "" {
		if z, ok := c.m.Load(etag); ok {
			hdr.Set("ETag", strings.TrimSuffix(etag, `"`)+`-gzip"`)
			hdr.Set("Content-Encoding", "gzip")
			return z.([]byte)
		}
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level cannot fail
	_, _ = zw.Write(data)                                  // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	z := b.Bytes()
	if etag != "" {
		c.m.Store(etag, z)
		hdr.Set("ETag", strings.TrimSuffix(etag, `"`)+`-gzip"`)
	}
	hdr.Set("Content-Encoding", "gzip")
	return z
}
