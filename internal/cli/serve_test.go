package cli

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, []string{"-addr", "127.0.0.1:0", "-catalog", realCatalog}, pw, io.Discard)
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

// TestSiteLinksComplete checks the links of the whole site as generate
// writes it, schemas included: nothing may be missing.
func TestSiteLinksComplete(t *testing.T) {
	c, err := loadCatalog([]string{realCatalog})
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := render(c, targets{siteDir: "site"})
	if err != nil {
		t.Fatal(err)
	}
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
	fsys, err := siteFS(serveFlags{site: site})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "errors/x/secret"); err == nil {
		t.Fatalf("read %q through a symlink out of the site", b)
	}
}
