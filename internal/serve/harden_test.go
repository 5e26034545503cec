package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSecurityHeaders: every answer, the 404 page and redirects
// included, carries nosniff and the Content-Security-Policy.
func TestSecurityHeaders(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	page, _ := get(t, srv, "/errors/upstream-unavailable")
	cases := []struct {
		path   string
		status int
		hdr    []string
	}{
		{"/errors/upstream-unavailable", 200, nil},
		{"/errors/upstream-unavailable", 200, []string{"Accept", "application/json"}},
		{"/errors/upstream-unavailable", 304, []string{"If-None-Match", page.Header.Get("ETag")}},
		{"/errors/upstream-unavailable", 206, []string{"Range", "bytes=0-9"}},
		{"/errors/", 200, nil},
		{"/errors/_assets/site.css", 200, nil},
		{"/errors/no-such-error", 404, nil},
		{"/errors/validation-error", 301, nil},
		{"/", 301, nil},
		{"/errors/%2e%2e/x", 400, nil},
		{"/errors/upstream-unavailable", 416, []string{"Range", "bytes=9999999-"}},
		{"/errors/upstream-unavailable", 200, []string{"Accept-Encoding", "gzip"}},
		{"/errors/502", 404, []string{"Accept-Encoding", "gzip"}},
	}
	for _, c := range cases {
		resp, _ := get(t, srv, c.path, c.hdr...)
		if resp.StatusCode != c.status {
			t.Errorf("%s %v: status %d, want %d", c.path, c.hdr, resp.StatusCode, c.status)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s %v (%d): X-Content-Type-Options %q", c.path, c.hdr, resp.StatusCode, got)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != contentSecurityPolicy {
			t.Errorf("%s %v (%d): Content-Security-Policy %q", c.path, c.hdr, resp.StatusCode, got)
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, srv.URL+"/errors/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Content-Security-Policy") != contentSecurityPolicy {
		t.Errorf("DELETE: %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
}

// TestPagesNeedNoInline: the CSP allows the site's own stylesheet and
// script only, so no page may carry inline script, style or handlers.
func TestPagesNeedNoInline(t *testing.T) {
	scriptTag := regexp.MustCompile(`(?i)<script\b[^>]*>`)
	// Attributes are looked for inside tags only: code samples in a
	// page are escaped, so "onRetry =" there is text.
	inline := regexp.MustCompile(`(?i)<style|<[a-z][^>]*\s(style|on[a-z]+)\s*=|<script>\s*[^<\s]|` +
		`(src|href)\s*=\s*"\s*javascript:|(src|href)\s*=\s*"(https?:)?//[^"]*\.(css|js)"`)
	for name, f := range mapFS(t) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html := string(f.Data)
		for _, tag := range scriptTag.FindAllString(html, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s: inline script %s", name, tag)
			}
		}
		html = scriptTag.ReplaceAllString(html, "<script>")
		if m := inline.FindString(html); m != "" {
			t.Errorf("%s: inline %q breaks the Content-Security-Policy", name, m)
		}
	}
}

// TestAcceptHeaderLines: Accept sent as several header lines is one list
// (RFC 9110 section 5.3), not only its first line.
func TestAcceptHeaderLines(t *testing.T) {
	h := Handler(mapFS(t))
	req := httptest.NewRequest(http.MethodGet, "/errors/upstream-unavailable", nil)
	req.Header.Add("Accept", "text/html;q=0.1")
	req.Header.Add("Accept", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Accept on two lines (html;q=0.1, json): got %s", got)
	}
}

// TestAcceptParsing pins what odd Accept values get.
func TestAcceptParsing(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	const html, js, schema = "text/html; charset=utf-8", "application/json", "application/schema+json"
	for accept, want := range map[string]string{
		"*/*":                                                  html, // curl
		"APPLICATION/JSON":                                     js,
		"application/json; charset=utf-8":                      js,
		"application/json;q=0":                                 html, // nothing acceptable: the page
		"text/html;q=0, */*":                                   js,
		"application/json;q=0.5, application/*":                schema,
		"text/*;q=0.1, application/json;q=0.2":                 js,
		"application/json, text/html;q=0.9":                    js,
		"text/html;q=0.5;":                                     html,
		"garbage,,;;, /, */":                                   html,
		"application/schema+json;q=0.001, */*;q=0":             schema,
		"*; q=.2, */*; q=.2":                                   html, // Java's default
		"application/json;q=abc":                               html, // a bad weight drops the range
		"application/json;q=-1, application/schema+json;q=0.5": schema,
		"application/json;q=1.5":                               html,
	} {
		resp, _ := get(t, srv, "/errors/upstream-unavailable", "Accept", accept)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("Accept %q: %d %s, want %s", accept, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
	}
}

// TestConditional: If-None-Match in its list, weak and * forms answers
// 304 with Vary, ETag and Cache-Control (a CDN revalidates with those);
// the tag of one representation does not validate another.
func TestConditional(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	const uri = "/errors/upstream-unavailable"
	html, _ := get(t, srv, uri)
	js, _ := get(t, srv, uri, "Accept", "application/json")
	sc, _ := get(t, srv, uri, "Accept", "application/schema+json")
	tags := map[string]bool{html.Header.Get("ETag"): true, js.Header.Get("ETag"): true, sc.Header.Get("ETag"): true}
	if len(tags) != 3 {
		t.Errorf("three representations, ETags %v", tags)
	}
	tag := js.Header.Get("ETag")
	for _, inm := range []string{tag, `"a", ` + tag + `, "b"`, "W/" + tag, "*"} {
		resp, body := get(t, srv, uri, "Accept", "application/json", "If-None-Match", inm)
		if resp.StatusCode != 304 || body != "" || resp.Header.Get("Vary") != "Accept, Accept-Encoding" ||
			resp.Header.Get("ETag") != tag || resp.Header.Get("Cache-Control") == "" {
			t.Errorf("If-None-Match %s: %d, Vary %q, ETag %q, Cache-Control %q", inm, resp.StatusCode,
				resp.Header.Get("Vary"), resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
		}
	}
	if resp, _ := get(t, srv, uri, "If-None-Match", tag); resp.StatusCode != 200 {
		t.Errorf("the JSON entry's tag validated the page: %d", resp.StatusCode)
	}
	// No Last-Modified is sent, so a date alone cannot validate.
	if resp, _ := get(t, srv, uri, "If-Modified-Since", "yesterday"); resp.StatusCode != 200 {
		t.Errorf("garbage If-Modified-Since: %d", resp.StatusCode)
	}
	if resp, _ := get(t, srv, uri, "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"); resp.StatusCode != 200 {
		t.Errorf("If-Modified-Since: %d", resp.StatusCode)
	}
	resp, body := get(t, srv, uri, "Range", "bytes=0-14")
	if resp.StatusCode != 206 || body != "<!DOCTYPE html>" || resp.Header.Get("Vary") != "Accept, Accept-Encoding" {
		t.Errorf("Range: %d %q, Vary %q", resp.StatusCode, body, resp.Header.Get("Vary"))
	}
}

// TestHeadMatchesGet: HEAD answers with GET's status and headers and no
// body, for pages, negotiated forms, the 404 page and refusals.
func TestHeadMatchesGet(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct{ path, accept string }{
		{"/errors/upstream-unavailable", ""},
		{"/errors/upstream-unavailable", "application/schema+json"},
		{"/errors/_assets/site.js", ""},
		{"/errors/no-such-error", ""},
		{"/errors/validation-error", ""},
	} {
		for _, enc := range []string{"identity", "gzip"} {
			var got [2]*http.Response
			for i, m := range []string{http.MethodGet, http.MethodHead} {
				req, _ := http.NewRequest(m, srv.URL+c.path, nil)
				req.Header.Set("Accept", c.accept)
				// Set, so the client neither adds gzip to GET alone nor
				// unzips the body and drops its Content-Length.
				req.Header.Set("Accept-Encoding", enc)
				resp, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				got[i] = resp
			}
			g, h := got[0], got[1]
			if g.StatusCode != h.StatusCode {
				t.Errorf("%s: GET %d, HEAD %d", c.path, g.StatusCode, h.StatusCode)
			}
			keys := []string{"Content-Type", "ETag", "Vary", "Cache-Control", "Link", "Content-Location", "Location",
				"X-Content-Type-Options", "Content-Security-Policy", "Content-Encoding"}
			if g.StatusCode != 301 { // http.Redirect writes a short body for GET only
				keys = append(keys, "Content-Length")
			}
			for _, k := range keys {
				if g.Header.Get(k) != h.Header.Get(k) {
					t.Errorf("%s, %s: %s is %q on GET, %q on HEAD", c.path, enc, k, g.Header.Get(k), h.Header.Get(k))
				}
			}
		}
	}
}

// TestRedirectKeepsQuery: an old slug's redirect keeps the query (as the
// Netlify _redirects the file mimics does) and says how long to cache it.
func TestRedirectKeepsQuery(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for path, want := range map[string]string{
		"/errors/validation-error?utm_source=x&a=%20": "/errors/validation?utm_source=x&a=%20",
		"/errors/validation-error/?q":                 "/errors/validation?q",
		"/?lang=en":                                   "/errors/?lang=en",
		"/errors/validation-error":                    "/errors/validation",
	} {
		resp, _ := get(t, srv, path)
		if resp.StatusCode != 301 || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("%s: redirect Cache-Control %q", path, cc)
		}
	}
}

// TestRedirectTargetWithQuery: a _redirects target that has a query of
// its own (edited by hand) gets the request's query after an &.
func TestRedirectTargetWithQuery(t *testing.T) {
	site := mapFS(t)
	site["_redirects"] = &fstest.MapFile{Data: []byte("/errors/old /errors/validation?from=old 301\n")}
	srv := httptest.NewServer(Handler(site))
	defer srv.Close()
	resp, _ := get(t, srv, "/errors/old?utm=x")
	if want := "/errors/validation?from=old&utm=x"; resp.StatusCode != 301 || resp.Header.Get("Location") != want {
		t.Errorf("%d to %q, want 301 to %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
}

// TestDotPathsNotFound: a dot file or folder (/.well-known/…, the output
// manifest) is a missing page, 404, not a malformed request.
func TestDotPathsNotFound(t *testing.T) {
	root := diskSite(t)
	if err := os.WriteFile(filepath.Join(root, ".errgen-site.manifest"), []byte("manifest secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(os.DirFS(root)))
	defer srv.Close()
	for _, path := range []string{"/.well-known/security.txt", "/.errgen-site.manifest", "/errors/.hidden", "/errors/upstream-unavailable/.x"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != 404 || strings.Contains(body, "manifest secret") || !strings.Contains(body, "Page not found") {
			t.Errorf("%s: %d, 404 page: %v", path, resp.StatusCode, strings.Contains(body, "Page not found"))
		}
	}
}

// TestTrailingSlashOnFile: a file asked for as a folder is not found; the
// page's relative links would not resolve from there.
func TestTrailingSlashOnFile(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for _, path := range []string{"/errors/catalog.json/", "/errors/upstream-unavailable/index.html/", "/sitemap.xml/",
		"/errors/_assets/site.css/", "/errors/upstream-unavailable/schema.json/"} {
		if resp, _ := get(t, srv, path); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
	for _, path := range []string{"/errors/", "/errors", "/errors/upstream-unavailable/", "/errors/upstream-unavailable"} {
		if resp, _ := get(t, srv, path); resp.StatusCode != 200 {
			t.Errorf("%s: %d, want 200", path, resp.StatusCode)
		}
	}
}

// TestHostilePaths: no spelling reaches a file outside the site, symlinks
// out of it included (through os.Root, as errgen serve -site opens it),
// and no answer names a file system path.
func TestHostilePaths(t *testing.T) {
	root := diskSite(t)
	outside := filepath.Dir(root)
	if err := os.Symlink(outside, filepath.Join(root, "errors", "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "go.mod"), filepath.Join(root, "errors", "gomod")); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	srv := httptest.NewServer(Handler(r.FS()))
	defer srv.Close()
	long := "/errors/" + strings.Repeat("a", 5000)
	for _, path := range []string{"/errors/out/go.mod", "/errors/gomod", "/errors/out/", "/errors/out",
		"/errors/%2e%2e%2fgo.mod", "/errors/%2E%2E/go.mod", "/errors/x%00", "/errors//upstream-unavailable",
		"/errors%5c..%5cgo.mod", "/errors/%ff%fe", "/errors/%c0%ae%c0%ae/go.mod", long, long + "/" + strings.Repeat("b/", 2000)} {
		resp, body := get(t, srv, path)
		if resp.StatusCode == 200 || strings.Contains(body, "module secret") || strings.Contains(body, outside) {
			t.Errorf("%.60s: %d, leaked %v", path, resp.StatusCode, strings.Contains(body, "module secret"))
		}
	}
	if resp, _ := get(t, srv, "/errors/upstream-unavailable?x=1", "Accept", "application/json"); resp.StatusCode != 200 ||
		resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("query string: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestCORSOnJSON: schemas and catalog entries may be read by tools on
// other sites; pages are not opened to them.
func TestCORSOnJSON(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for _, tc := range []struct {
		path, accept string
		open         bool
	}{
		{"/errors/upstream-unavailable", "application/schema+json", true},
		{"/errors/upstream-unavailable", "application/json", true},
		{"/errors/upstream-unavailable", "text/html", false},
	} {
		resp, _ := get(t, srv, tc.path, "Accept", tc.accept)
		if got := resp.Header.Get("Access-Control-Allow-Origin") == "*"; got != tc.open {
			t.Errorf("%s as %s: Access-Control-Allow-Origin %q", tc.path, tc.accept, resp.Header.Get("Access-Control-Allow-Origin"))
		}
	}
}
