package serve

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestMemFS: the in-memory site answers every question serve asks as
// fstest.MapFS does (fstest.TestFS walks it all), and finds folders that
// no file names directly.
func TestMemFS(t *testing.T) {
	m := NewMemFS(map[string][]byte{
		"errors/index.html":           []byte("index"),
		"errors/a/index.html":         []byte("a"),
		"errors/a/schema.json":        []byte("{}"),
		"errors/_assets/site.css":     []byte("css"),
		"404.html":                    []byte("404"),
		"errors/deep/er/still/x.json": []byte("x"),
	})
	if err := fstest.TestFS(m, "errors/index.html", "errors/a/index.html", "errors/a/schema.json", "errors/_assets/site.css", "404.html", "errors/deep/er/still/x.json"); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]bool{"errors": true, "errors/a": true, "errors/deep/er": true, "errors/a/index.html": false} {
		fi, err := fs.Stat(m, name)
		if err != nil || fi.IsDir() != dir {
			t.Errorf("Stat(%q): %v, dir %v; want dir %v", name, err, fi != nil && fi.IsDir(), dir)
		}
	}
	for _, missing := range []string{"errors/b", "errors/a/x", "err", "errors/a/index.html/x"} {
		if _, err := fs.Stat(m, missing); err == nil {
			t.Errorf("Stat(%q) found something", missing)
		}
	}
}
