package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/sitegen/sitecheck"
)

const realCatalog = "../../catalog/errors.yaml"

func TestServeUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-nope"}, "flag provided but not defined: -nope"},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "-site", t.TempDir(), "-catalog", realCatalog}, "cannot be combined with -catalog"},
		{[]string{"serve", "-site", t.TempDir(), "-watch"}, "cannot be combined with -catalog or -watch"},
		{[]string{"serve", "-addr", "not-an-address", "-catalog", realCatalog}, "errgen serve:"},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// TestServeRendersInMemory runs `errgen serve` on a free port, fetches a
// type URI, then stops it the way SIGINT does (its context ends).
func TestServeRendersInMemory(t *testing.T) {
	url, stop := startServe(t, "-catalog", realCatalog)
	for path, ctype := range map[string]string{
		"upstream-unavailable":             "text/html; charset=utf-8",
		"upstream-unavailable/schema.json": "application/schema+json",
		"catalog.json":                     "application/json",
	} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	stop()
}

// TestSiteLinksComplete checks the links of the whole site as generate
// writes it, schemas included: nothing may be missing.
func TestSiteLinksComplete(t *testing.T) {
	dirs := realSite(t)
	files := map[string][]byte{}
	for _, d := range dirs {
		for _, f := range d.Files {
			files[f.Path] = f.Data
		}
	}
	if len(files) == 0 {
		t.Fatal("no site files rendered")
	}
	for _, msg := range sitecheck.Links(files, nil) {
		t.Error(msg)
	}
}

// TestServeSiteNoSymlinkEscape: with -site, a symlink inside the folder
// that points outside it is not followed.
func TestServeSiteNoSymlinkEscape(t *testing.T) {
	site := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("s3cret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "errors"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site, "errors", "x")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "errors", "index.html"), []byte("<!doctype html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := siteFS(serveFlags{site: site})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "errors/x/secret"); err == nil {
		t.Fatalf("read %q through a symlink out of the site", b)
	}
}

// TestServeNotASite: a -site folder without errors/index.html (not what
// generate -site writes) is refused before the server starts.
func TestServeNotASite(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI("serve", "-addr", "127.0.0.1:0", "-site", dir)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "-site "+dir+" has no errors/index.html") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestServeSiteMissing: a -site folder that is not there is named in a
// message that says which command and flag it is about.
func TestServeSiteMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	code, stdout, stderr := runCLI("serve", "-addr", "127.0.0.1:0", "-site", missing)
	if code == 0 || stdout != "" || !strings.HasPrefix(stderr, "errgen serve: -site ") || !strings.Contains(stderr, missing) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestServeAddrInUse: a taken address is refused at once, with the
// address, as a failure (1), not a usage error (2); a malformed one is a
// usage error.
func TestServeAddrInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, stdout, stderr := runCLI("serve", "-addr", ln.Addr().String(), "-site", "../../site")
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "errgen serve: ") || !strings.Contains(stderr, ln.Addr().String()) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runCLI("serve", "-addr", "no-port", "-site", "../../site"); code != 2 || !strings.Contains(stderr, "no-port") {
		t.Errorf("malformed address: exit %d, stderr %q", code, stderr)
	}
}

// TestServeTimeouts: the server bounds how long a client may take to
// send its headers and body and to read the answer, and how big the
// headers may be, so slow clients cannot hold connections open.
func TestServeTimeouts(t *testing.T) {
	s := newServer(http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("ReadHeaderTimeout %v, ReadTimeout %v, WriteTimeout %v, IdleTimeout %v, MaxHeaderBytes %d",
			s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
}

// TestServeSiteOverHTTP runs `errgen serve -site` on a real listener: a
// symlink out of the folder leads nowhere and no answer names a path.
func TestServeSiteOverHTTP(t *testing.T) {
	dirs := realSite(t)
	top := t.TempDir()
	site := filepath.Join(top, "site")
	for _, d := range dirs {
		for _, f := range d.Files {
			p := filepath.Join(site, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(top, "secret"), []byte("s3cret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(top, filepath.Join(site, "errors", "up")); err != nil {
		t.Fatal(err)
	}
	url, stop := startServe(t, "-site", site)
	base := strings.TrimSuffix(url, "/errors/")
	for path, want := range map[string]int{
		"/errors/up/secret":            404,
		"/errors/up/site/404.html":     404,
		"/errors/up":                   404,
		"/errors/%2e%2e/secret":        400,
		"/errors/upstream-unavailable": 200,
		"/errors/validation-error?x=1": 301,
		"/errors/no-such-error":        404,
		"/.well-known/security.txt":    404,
	} {
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || strings.Contains(string(body), "s3cret") || strings.Contains(string(body), top) {
			t.Errorf("%s: %d, want %d; leaked %v", path, resp.StatusCode, want, strings.Contains(string(body), "s3cret"))
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no security headers", path)
		}
	}
	stop()
}

// startServe runs `errgen serve ARGS` on a free port and returns the URL
// it prints (http://127.0.0.1:PORT/errors/) and stop, which ends it the
// way SIGINT does (its context ends) and checks that it exits 0.
func startServe(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v", err)
	}
	go io.Copy(io.Discard, pr)
	url := strings.Fields(strings.TrimPrefix(line, "errgen serve: "))[0]
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/errors/") {
		t.Fatalf("printed %q", line)
	}
	return url, func() {
		t.Helper()
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit %d after shutdown", code)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
}

// realSite renders the real catalog's site in memory, as generate would.
func realSite(t *testing.T) []output.Dir {
	t.Helper()
	c, err := loadCatalog([]string{realCatalog})
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := renderAll(c, targets{siteDir: "site"})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// TestServeCatalogSchema: the catalog file's schema answers at its $id, so
// any catalog file can point its editor at that URL.
func TestServeCatalogSchema(t *testing.T) {
	url, stop := startServe(t)
	defer stop()
	resp, err := http.Get(url + "catalog.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		ID string `json:"$id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, %v", resp.StatusCode, err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/schema+json") {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.HasSuffix(doc.ID, "/errors/catalog.schema.json") {
		t.Errorf("$id %q is not where it is served", doc.ID)
	}
}
