package catalog_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/ankatech/errgen/internal/catalog"
)

// TestHistoryLint loads the catalog.yaml of every testdata/history case and
// compares Load's messages with its messages part ("ok" for a clean load);
// -update rewrites that part.
func TestHistoryLint(t *testing.T) {
	files, err := filepath.Glob("testdata/history/*.txtar")
	if err != nil || len(files) < 20 {
		t.Fatalf("want at least 20 history cases, got %d (%v)", len(files), err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src catalog.Source
			msgs := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "catalog.yaml":
					src = catalog.Source{Name: f.Name, Data: f.Data}
				case "messages":
					msgs = i
				}
			}
			if src.Data == nil || msgs < 0 {
				t.Fatalf("%s needs catalog.yaml and messages", file)
			}
			got := historyMessages(t, src)
			if strings.HasSuffix(file, "/ok.txtar") != (got == "ok\n") {
				t.Errorf("only ok.txtar may load clean; got:\n%s", got)
			}
			if *update {
				ar.Files[msgs].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := ar.Files[msgs].Data; !bytes.Equal([]byte(got), want) {
				t.Errorf("messages differ (go test ./internal/catalog -run TestHistoryLint -update)\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func historyMessages(t *testing.T, src catalog.Source) string {
	t.Helper()
	c, err := catalog.Load(src)
	if err == nil {
		return "ok\n"
	}
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error is not positioned: %v", err)
	}
	_ = c
	for _, d := range ds {
		if d.Line < 1 || d.Col < 1 {
			t.Errorf("message without a position: %v", d)
		}
	}
	return ds.Error() + "\n"
}
