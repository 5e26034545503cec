// Package serve serves a rendered errgen site over HTTP, for preview
// (`errgen serve`) and for hosting behind a CDN.
//
// Beyond a plain static server it:
//   - answers at a type URI (/errors/<slug>, with or without the trailing
//     slash) with the page, the error's JSON Schema or its catalog entry,
//     chosen by the Accept header, with Vary: Accept and a
//     Link: </errors/<slug>/schema.json>; rel="describedby";
//   - serves the page at the slash-free type URI itself (200, no redirect:
//     the pages' links resolve the same from both forms), which saves the
//     redirect hop a static host would add;
//   - sends strong ETags (a hash of the body) and answers a matching
//     If-None-Match with 304;
//   - gzips text answers of 1 KiB or more for clients that accept it
//     (Vary: Accept-Encoding, an ETag of its own for the gzipped form),
//     except range requests;
//   - answers a missing /errors/<x> with the 404 page listing the errors
//     of status x (/errors/502) or the slugs nearest x;
//   - 301-redirects old slugs listed in the site's _redirects file,
//     keeping the query, and answers removed errors' pages (tombstones,
//     410 lines there) with 410 Gone;
//   - refuses paths that try to leave the site, and answers unknown paths,
//     dot files and files asked for as folders with 404.html and status 404;
//   - sends X-Content-Type-Options: nosniff and a Content-Security-Policy
//     that allows the site's own stylesheet and script only, on every answer
//     it writes, errors included (net/http's own 400, 431 and 505 answers to
//     malformed requests are written before any handler runs, without them),
//     and Access-Control-Allow-Origin: * on JSON (schemas, catalog entries),
//     so browser-based tools elsewhere can read them.
package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// contentSecurityPolicy lets pages load the site's own stylesheet and
// script and nothing else: the pages carry no inline script or style
// (TestPagesNeedNoInline), fetch nothing and submit no forms.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

// Handler serves the site whose document root is site.
func Handler(site fs.FS) http.Handler {
	moved, gone := readRedirects(site)
	h := &handler{site: site, redirects: moved}
	// The 404 page's suggestions read catalog.json: once, on the first
	// 404, not per request (it is 45 MB for 10,000 errors).
	h.entries = sync.OnceValue(func() []catalogEntry { return readEntries(site) })
	return withGone(gone, h)
}

type handler struct {
	site      fs.FS
	redirects map[string]string
	entries   func() []catalogEntry
	gzip      gzipCache
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// On every answer, the 404 page and redirects included.
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	to := h.redirects[r.URL.Path]
	if name == "" {
		to = "/errors/"
	}
	if to != "" {
		// The query goes along, as on Netlify, whose _redirects this
		// mimics; the redirect is cached like the pages it leads to.
		if r.URL.RawQuery != "" {
			sep := "?"
			if strings.Contains(to, "?") {
				sep = "&"
			}
			to += sep + r.URL.RawQuery
		}
		w.Header().Set("Cache-Control", cacheControl(to))
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	// Dot files (the output manifest, /.well-known/…) are not served.
	if strings.HasPrefix(name, ".") || strings.Contains(name, "/.") || name == "_redirects" {
		h.notFound(w, r)
		return
	}
	if h.serveTypeURI(w, r, name) {
		return
	}
	if h.isDir(name) {
		name = path.Join(name, "index.html")
	} else if strings.HasSuffix(r.URL.Path, "/") {
		// A file asked for as a folder: its relative links would
		// not resolve, and it would be one more URL for one file.
		h.notFound(w, r)
		return
	}
	data, err := fs.ReadFile(h.site, name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	h.send(w, r, name, data)
}

// cleanPath turns a URL path into an fs.FS name ("" for the root). The
// path is already percent-decoded, so an encoded "%2e%2e" or "%2f" shows
// up here as ".." or "/" and is refused like a literal one.
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") ||
		strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := strings.TrimSuffix(strings.TrimPrefix(p, "/"), "/")
	if name == "" {
		return "", true
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return name, fs.ValidPath(name)
}

func (h *handler) isDir(name string) bool {
	fi, err := fs.Stat(h.site, name)
	return err == nil && fi.IsDir()
}

// notFound answers with the site's 404.html, or a plain message when the
// site has none.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=60")
	body, err := fs.ReadFile(h.site, "404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	body = withSuggestions(h.entries, body, r.URL.Path)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	body = h.gzip.encode(w, r, body)
	w.Header().Set("Content-Length", strconv.Itoa(len(body))) // for HEAD too
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// send writes a file with its type, cache policy and a strong ETag;
// http.ServeContent then answers If-None-Match (304), HEAD and ranges.
func (h *handler) send(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	hdr := w.Header()
	hdr.Set("Content-Type", contentType(name))
	hdr.Set("Cache-Control", cacheControl(name))
	if path.Ext(name) == ".json" {
		// Schemas and catalog entries are public data for tools, which
		// may run in a browser on another site.
		hdr.Set("Access-Control-Allow-Origin", "*")
	}
	sum := sha256.Sum256(data)
	hdr.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	data = h.gzip.encode(w, r, data)
	if r.Header.Get("Range") != "" && !sensibleRanges(r.Header.Get("Range"), int64(len(data))) {
		r = withoutRange(r)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// maxRanges bounds a multi-range request: net/http answers each range as
// a part with its own headers, so 2,000 one-byte ranges of a 12 KB page
// came to 278 KB.
const maxRanges = 8

// sensibleRanges says whether a Range header asks for at most maxRanges
// ranges and, in all, no more bytes than the file has. Any other is
// answered with the whole file, as RFC 9110 (14.2) lets a server ignore
// Range; a header net/http cannot parse is left to it (416).
func sensibleRanges(header string, size int64) bool {
	spec, ok := strings.CutPrefix(header, "bytes=")
	if !ok {
		return true
	}
	parts := strings.Split(spec, ",")
	if len(parts) > maxRanges {
		return false
	}
	var total int64
	for _, p := range parts {
		first, last, ok := strings.Cut(strings.TrimSpace(p), "-")
		if !ok {
			return true
		}
		a, errA := strconv.ParseInt(first, 10, 64)
		b, errB := strconv.ParseInt(last, 10, 64)
		switch {
		case first == "" && errB == nil: // the last b bytes
			total += min(b, size)
		case errA == nil && last == "":
			total += max(size-a, 0)
		case errA == nil && errB == nil && b >= a:
			total += min(b, size-1) - a + 1
		default:
			return true
		}
	}
	return total <= size
}

// withoutRange is r without its Range header, for a whole answer.
func withoutRange(r *http.Request) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	r2.Header = r.Header.Clone()
	r2.Header.Del("Range")
	return r2
}

// contentTypes is fixed here rather than taken from the OS mime tables,
// which differ between machines.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".xml":  "application/xml",
	".txt":  "text/plain; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

func contentType(name string) string {
	if strings.HasSuffix(name, "schema.json") {
		return "application/schema+json"
	}
	if t, ok := contentTypes[path.Ext(name)]; ok {
		return t
	}
	return "application/octet-stream"
}

// cacheControl: pages and data change with the catalog, so they are
// cached briefly and revalidated by ETag; assets change rarely.
func cacheControl(name string) string {
	if strings.Contains(name, "/_assets/") {
		return "public, max-age=86400"
	}
	return "public, max-age=300"
}
