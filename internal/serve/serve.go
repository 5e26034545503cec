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
//   - 301-redirects old slugs listed in the site's _redirects file;
//   - refuses paths that try to leave the site, and answers unknown paths
//     with 404.html and status 404.
package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Handler serves the site whose document root is site.
func Handler(site fs.FS) http.Handler {
	return &handler{site: site, redirects: readRedirects(site)}
}

type handler struct {
	site      fs.FS
	redirects map[string]string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
	switch {
	case name == "":
		http.Redirect(w, r, "/errors/", http.StatusMovedPermanently)
		return
	case h.redirects[r.URL.Path] != "":
		http.Redirect(w, r, h.redirects[r.URL.Path], http.StatusMovedPermanently)
		return
	}
	if h.serveTypeURI(w, r, name) {
		return
	}
	if h.isDir(name) {
		name = path.Join(name, "index.html")
	}
	data, err := fs.ReadFile(h.site, name)
	if err != nil || name == "_redirects" {
		h.notFound(w, r)
		return
	}
	send(w, r, name, data)
}

// cleanPath turns a URL path into an fs.FS name ("" for the root). The
// path is already percent-decoded, so an encoded "%2e%2e" or "%2f" shows
// up here as ".." or "/" and is refused like a literal one. Dot files
// (the output manifest, _redirects' siblings) are not served either.
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
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") {
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
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// send writes a file with its type, cache policy and a strong ETag;
// http.ServeContent then answers If-None-Match (304), HEAD and ranges.
func send(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	hdr := w.Header()
	hdr.Set("Content-Type", contentType(name))
	hdr.Set("Cache-Control", cacheControl(name))
	hdr.Set("X-Content-Type-Options", "nosniff")
	sum := sha256.Sum256(data)
	hdr.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
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
