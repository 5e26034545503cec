package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/sitegen"
)

// TestTombstoneGone: a removed error's type URI answers its page with 410
// Gone, with or without the slash and for HEAD; live pages stay 200.
func TestTombstoneGone(t *testing.T) {
	src, err := catalog.ReadFile("../sitegen/testdata/lifecycle.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	files, err := sitegen.Render(c, sitegen.Inputs{GoCalls: make([]string, len(c.Errors))})
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	srv := httptest.NewServer(Handler(m))
	defer srv.Close()
	for _, path := range []string{"/errors/key-expired", "/errors/key-expired/"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != http.StatusGone || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
			!strings.Contains(body, "removed from the Test error catalog") || !strings.Contains(body, "upstream-unavailable") {
			t.Errorf("GET %s: %d %s\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		if resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", path)
		}
		req, _ := http.NewRequest(http.MethodHead, srv.URL+path, nil)
		head, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		head.Body.Close()
		if head.StatusCode != http.StatusGone {
			t.Errorf("HEAD %s: %d", path, head.StatusCode)
		}
	}
	for _, path := range []string{"/errors/upstream-unavailable", "/errors/changelog/", "/errors/"} {
		if resp, _ := get(t, srv, path); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d, want 200", path, resp.StatusCode)
		}
	}
}
