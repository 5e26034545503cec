package serve

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestLive: a watching server marks its pages and lets them connect; the
// plain server and the generated files never do; the event stream says
// the generation and the problems, and ends on Close.
func TestLive(t *testing.T) {
	site := fstest.MapFS{}
	for _, f := range fullSite(t) {
		if strings.HasSuffix(f.Path, ".html") && strings.Contains(string(f.Data), "errgen-watch") {
			t.Errorf("generated %s carries the watch meta", f.Path)
		}
		site[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	plain := httptest.NewServer(Handler(site))
	defer plain.Close()
	resp, body := get(t, plain, "/errors/upstream-unavailable")
	if strings.Contains(resp.Header.Get("Content-Security-Policy"), "connect-src") || strings.Contains(body, "errgen-watch") {
		t.Error("a server that does not watch lets pages connect or marks them")
	}
	if resp, _ := get(t, plain, EventsPath); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a server that does not watch answers %s with %d", EventsPath, resp.StatusCode)
	}

	live, err := NewLive(site)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(live)
	defer srv.Close()
	resp, body = get(t, srv, "/errors/upstream-unavailable")
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasSuffix(csp, "; connect-src 'self'") {
		t.Errorf("watching: CSP %q", csp)
	}
	if !strings.Contains(body, `<meta name="errgen-watch" content="`) {
		t.Error("watching: the page has no watch meta")
	}

	stream, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if ct := stream.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: %s", ct)
	}
	r := bufio.NewReader(stream.Body)
	next := func() (gen, problems string) {
		t.Helper()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("stream ended: %v", err)
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var s struct{ Gen, Problems string }
				if err := json.Unmarshal([]byte(data), &s); err != nil {
					t.Fatal(err)
				}
				return s.Gen, s.Problems
			}
		}
	}
	first, _ := next()
	if !strings.Contains(body, `content="`+first+`"`) {
		t.Errorf("the page's generation is not the stream's %s", first)
	}
	live.Fail("errors.yaml:3:9: status 999 is not an HTTP error status")
	if gen, problems := next(); gen != first || !strings.Contains(problems, "errors.yaml:3:9:") {
		t.Errorf("after Fail: %s %q", gen, problems)
	}
	if err := live.Update(site); err != nil {
		t.Fatal(err)
	}
	if gen, problems := next(); gen == first || problems != "" {
		t.Errorf("after Update: %s %q", gen, problems)
	}
	// Close ends the stream, so a server can shut down with pages open.
	ended := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, r); ended <- err }()
	live.Close()
	select {
	case <-ended:
	case <-time.After(60 * time.Second):
		t.Fatal("the event stream did not end on Close")
	}
}
