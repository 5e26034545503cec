package catalog_test

import (
	"errors"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and
// every failure must be positioned Diagnostics. The seeds are the catalog
// files of the lint cases (testdata/lint), read at test time.
func FuzzLoad(f *testing.F) {
	for _, c := range lintCases(f) {
		for _, file := range c.Files {
			f.Add(file.Data)
		}
	}
	f.Add([]byte("errors: []\n"))
	f.Add([]byte("base_uri: https://x.test/\nerrors:\n  - slug: a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := catalog.Load(catalog.Source{Name: "fuzz.yaml", Data: data})
		if err == nil {
			if c == nil || len(c.Errors) == 0 {
				t.Fatalf("no error and no catalog for %q", data)
			}
			return
		}
		var ds catalog.Diagnostics
		if !errors.As(err, &ds) || len(ds) == 0 {
			t.Fatalf("unpositioned error %v for %q", err, data)
		}
		for _, d := range ds {
			if d.File != "fuzz.yaml" || d.Line < 1 || d.Col < 1 {
				t.Fatalf("bad position %v for %q", d, data)
			}
		}
	})
}
