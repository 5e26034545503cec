package serve

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func get(t *testing.T, srv *httptest.Server, path string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Identity unless asked: the client would otherwise ask for gzip on
	// its own and unzip the body out of sight.
	req.Header.Set("Accept-Encoding", "identity")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	// Redirects are part of what is tested, so never follow them.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestNegotiation(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	cases := []struct{ accept, ctype, bodyHas string }{
		{"", "text/html; charset=utf-8", "<h1"},
		{browser, "text/html; charset=utf-8", "<h1"},
		{"*/*", "text/html; charset=utf-8", "<h1"},
		{"application/schema+json", "application/schema+json", `"$schema"`},
		{"application/json", "application/json", `"slug": "upstream-unavailable"`},
		{"application/json;q=0.5, text/html", "text/html; charset=utf-8", "<h1"},
		{"application/*", "application/json", `"slug"`},
		{"image/png", "text/html; charset=utf-8", "<h1"},
	}
	for _, path := range []string{"/errors/upstream-unavailable", "/errors/upstream-unavailable/"} {
		for _, c := range cases {
			resp, body := get(t, srv, path, "Accept", c.accept)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ctype || !strings.Contains(body, c.bodyHas) {
				t.Errorf("%s Accept %q: %d %s, body has %q: %v", path, c.accept, resp.StatusCode,
					resp.Header.Get("Content-Type"), c.bodyHas, strings.Contains(body, c.bodyHas))
			}
			// Accept-Encoding too, except on bodies too small to compress.
			if got := resp.Header.Get("Vary"); got != "Accept, Accept-Encoding" && got != "Accept" {
				t.Errorf("%s: Vary %q", path, got)
			}
			if got := resp.Header.Get("Link"); got != `</errors/upstream-unavailable/schema.json>; rel="describedby"` {
				t.Errorf("%s: Link %q", path, got)
			}
		}
	}
	_, body := get(t, srv, "/errors/upstream-unavailable", "Accept", "application/json")
	var entry struct{ Type string }
	if err := json.Unmarshal([]byte(body), &entry); err != nil || entry.Type != "https://docs.ankatech.co/errors/upstream-unavailable" {
		t.Errorf("catalog entry: %v, type %q", err, entry.Type)
	}
}

func TestETag(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for _, path := range []string{"/errors/upstream-unavailable", "/errors/_assets/site.css", "/errors/"} {
		resp, _ := get(t, srv, path)
		tag := resp.Header.Get("ETag")
		if !strings.HasPrefix(tag, `"`) || len(tag) < 10 {
			t.Fatalf("%s: ETag %q is not a strong tag", path, tag)
		}
		resp, body := get(t, srv, path, "If-None-Match", tag)
		if resp.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%s: If-None-Match answered %d with %d bytes", path, resp.StatusCode, len(body))
		}
		resp, _ = get(t, srv, path, "If-None-Match", `"other"`)
		if resp.StatusCode != 200 {
			t.Errorf("%s: stale If-None-Match answered %d", path, resp.StatusCode)
		}
	}
	// Representations of one URI differ, and so do their tags.
	html, _ := get(t, srv, "/errors/upstream-unavailable")
	js, _ := get(t, srv, "/errors/upstream-unavailable", "Accept", "application/json")
	if html.Header.Get("ETag") == js.Header.Get("ETag") {
		t.Error("the page and the JSON entry share an ETag")
	}
}

func TestStaticFiles(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	cases := []struct{ path, ctype, cache string }{
		{"/errors/", "text/html; charset=utf-8", "public, max-age=300"},
		{"/errors", "text/html; charset=utf-8", "public, max-age=300"},
		{"/errors/_assets/site.css", "text/css; charset=utf-8", "public, max-age=86400"},
		{"/errors/_assets/site.js", "text/javascript; charset=utf-8", "public, max-age=86400"},
		{"/sitemap.xml", "application/xml", "public, max-age=300"},
		{"/errors/catalog.json", "application/json", "public, max-age=300"},
		{"/errors/problem.schema.json", "application/schema+json", "public, max-age=300"},
		{"/errors/upstream-unavailable/schema.json", "application/schema+json", "public, max-age=300"},
	}
	for _, c := range cases {
		resp, _ := get(t, srv, c.path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.ctype || resp.Header.Get("Cache-Control") != c.cache {
			t.Errorf("%s: %d %q %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
	}
}

func TestRedirects(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for path, want := range map[string]string{
		"/":                         "/errors/",
		"/errors/validation-error":  "/errors/validation",
		"/errors/validation-error/": "/errors/validation",
	} {
		resp, _ := get(t, srv, path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

func TestNotFound(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for _, path := range []string{"/errors/no-such-error", "/nope/deeper/", "/_redirects", "/errors/_assets/none.css"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, `href="/errors/"`) {
			t.Errorf("%s: %d, 404 page: %v", path, resp.StatusCode, strings.Contains(body, "Page not found"))
		}
	}
}

// TestTraversal serves a site folder on disk whose parent holds a go.mod;
// no spelling of a path may reach it.
func TestTraversal(t *testing.T) {
	root := diskSite(t)
	srv := httptest.NewServer(Handler(os.DirFS(root)))
	defer srv.Close()
	for _, path := range []string{"/../go.mod", "/errors/..%2f..%2fgo.mod", "/errors/%2e%2e/%2e%2e/go.mod",
		"//etc/passwd", "/errors/../../go.mod", "/%2e%2e/go.mod", "/errors/..\\..\\go.mod", "/.errgen-manifest"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode == 200 || strings.Contains(body, "module secret") || strings.Contains(body, "root:") {
			t.Errorf("%s: %d, leaked: %v", path, resp.StatusCode, strings.Contains(body, "module secret"))
		}
	}
	resp, _ := get(t, srv, "/errors/upstream-unavailable")
	if resp.StatusCode != 200 {
		t.Errorf("disk site: %d", resp.StatusCode)
	}
}

func TestMethods(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/errors/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	resp, err = http.Head(srv.URL + "/errors/upstream-unavailable")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength <= 0 {
		t.Errorf("HEAD: %d, length %d", resp.StatusCode, resp.ContentLength)
	}
}
