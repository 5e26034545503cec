package serve

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/schemagen"
	"github.com/ankatech/errgen/internal/sitegen"
)

var (
	siteOnce  sync.Once
	siteFiles []output.File
	siteErr   error
)

// fullSite renders the real catalog's whole site, pages and schemas, as
// `errgen generate` writes it.
func fullSite(t *testing.T) []output.File {
	t.Helper()
	siteOnce.Do(func() {
		src, err := catalog.ReadFile("../../catalog/errors.yaml")
		if err != nil {
			siteErr = err
			return
		}
		c, err := catalog.Load(src)
		if err != nil {
			siteErr = err
			return
		}
		set, err := schemagen.Render(c)
		if err != nil {
			siteErr = err
			return
		}
		schemas, err := schemagen.SiteFiles(c, set)
		if err != nil {
			siteErr = err
			return
		}
		pages, err := sitegen.Render(c, sitegen.Inputs{GoCalls: gogen.ExampleCalls(c, sitegen.GoPackage)})
		siteFiles, siteErr = append(schemas, pages...), err
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteFiles
}

func mapFS(t *testing.T) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range fullSite(t) {
		m[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o444}
	}
	return m
}

// diskSite writes the site to dir/site next to a secret file that no
// request may reach, and returns the site folder.
func diskSite(t *testing.T) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "site")
	for _, f := range fullSite(t) {
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}
