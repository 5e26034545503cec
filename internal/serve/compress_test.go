package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGzip: a text answer is gzipped when the client accepts it, decodes
// to the identity body, has its own ETag (so a cache never serves one
// form for the other) and a matching If-None-Match gets 304; small
// bodies, ranges and refusals of gzip get the identity form.
func TestGzip(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	const page = "/errors/upstream-unavailable"
	plain, plainBody := get(t, srv, page, "Accept-Encoding", "identity")
	zipped, zippedBody := get(t, srv, page, "Accept-Encoding", "br;q=1, gzip;q=0.8")
	if zipped.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzip accepted: Content-Encoding %q", zipped.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(strings.NewReader(zippedBody))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, []byte(plainBody)) {
		t.Errorf("gzipped body does not decode to the page (err %v, %d vs %d bytes)", err, len(unzipped), len(plainBody))
	}
	if len(zippedBody) >= len(plainBody)/2 {
		t.Errorf("gzipped page is %d bytes of %d", len(zippedBody), len(plainBody))
	}
	for _, r := range []string{plain.Header.Get("Vary"), zipped.Header.Get("Vary")} {
		if !strings.Contains(r, "Accept-Encoding") {
			t.Errorf("Vary %q lacks Accept-Encoding", r)
		}
	}
	if plain.Header.Get("ETag") == zipped.Header.Get("ETag") || plain.Header.Get("Content-Encoding") != "" {
		t.Errorf("identity and gzip answers: ETags %q and %q, identity encoding %q",
			plain.Header.Get("ETag"), zipped.Header.Get("ETag"), plain.Header.Get("Content-Encoding"))
	}
	if r, _ := get(t, srv, page, "Accept-Encoding", "gzip", "If-None-Match", zipped.Header.Get("ETag")); r.StatusCode != 304 {
		t.Errorf("If-None-Match with the gzip ETag: %d", r.StatusCode)
	}
	for _, c := range []struct {
		path string
		hdr  []string
	}{
		{page, []string{"Accept-Encoding", "gzip;q=0, *"}},
		{page, []string{"Accept-Encoding", "*;q=0"}},
		{page, []string{"Accept-Encoding", "gzip", "Range", "bytes=0-99"}},
		{"/errors/_assets/favicon.svg", []string{"Accept-Encoding", "gzip"}}, // under 1 KiB
	} {
		if r, _ := get(t, srv, c.path, c.hdr...); r.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s %v: Content-Encoding %q, want none", c.path, c.hdr, r.Header.Get("Content-Encoding"))
		}
	}
	if r, _ := get(t, srv, "/errors/no-such-error", "Accept-Encoding", "gzip"); r.StatusCode != 404 || r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("404 page with gzip accepted: %d, Content-Encoding %q", r.StatusCode, r.Header.Get("Content-Encoding"))
	}
}

// TestNotFoundSuggests: errgen serve fills the 404 page's suggestions,
// so they show without scripts.
func TestNotFoundSuggests(t *testing.T) {
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for path, want := range map[string][]string{
		"/errors/502":                    {"Errors with status 502", `href="/errors/upstream-unavailable/"`},
		"/errors/504/":                   {`href="/errors/upstream-timeout/"`, `href="/errors/gateway-timeout/"`},
		"/errors/upstream-unavailabel":   {"Did you mean", `href="/errors/upstream-unavailable/"`},
		"/errors/invalid-grant":          {`href="/errors/invalid_grant/"`},
		"/errors/zzzz-qqqq-nothing-near": {`id="suggestions" class="suggestions" aria-labelledby="suggestions-h" hidden=""`},
	} {
		resp, body := get(t, srv, path, "Accept-Encoding", "identity")
		if resp.StatusCode != 404 {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the 404 page lacks %s", path, w)
			}
		}
	}
}
