package gogen_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
)

// TestVersionConstants: the package says which catalog it came from, and
// a slug whose Go name is one of those constants is refused.
func TestVersionConstants(t *testing.T) {
	data, err := os.ReadFile("../../catalog/errors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(catalog.Source{Name: "errors.yaml", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	files, err := render(t, c, "ankaerr")
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, f := range files {
		if f.Path == "version.go" {
			got = f.Data
		}
	}
	for _, want := range []string{`const CatalogVersion = "` + c.Version + `"`, `const CatalogDigest = "sha256:` + c.Digest + `"`} {
		if c.Version == "" || !bytes.Contains(got, []byte(want)) {
			t.Errorf("version.go lacks %s:\n%s", want, got)
		}
	}

	clash, err := os.ReadFile("testdata/clash.yaml")
	if err != nil {
		t.Fatal(err)
	}
	clash = bytes.ReplaceAll(bytes.ReplaceAll(clash, []byte("slug: all"), []byte("slug: catalog-version")), []byte("errors/all"), []byte("errors/catalog-version"))
	c, err = catalog.Load(catalog.Source{Name: "clash.yaml", Data: clash})
	if err != nil {
		t.Fatal(err)
	}
	err = gogen.CheckNames(c)
	want := "clash.yaml:43:11: error catalog-version would declare the Go name CatalogVersion, which the generated constant CatalogVersion already declares"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}
