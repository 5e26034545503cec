package catalog_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestLintGolden loads every catalog under testdata/lint and compares its
// messages with the .golden file beside it. ok.yaml must load clean; every
// other file must fail with at least one positioned message.
func TestLintGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/lint/*.yaml")
	if err != nil || len(files) < 25 {
		t.Fatalf("want at least 25 lint fixtures, got %d (%v)", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			got := loadMessages(t, file)
			if name == "ok" || name == "template-in-text" {
				if got != "ok\n" {
					t.Fatalf("%s should load clean, got:\n%s", file, got)
				}
			} else if !strings.HasPrefix(got, file+":") {
				t.Fatalf("%s: want messages that start with %s:LINE:COL, got:\n%s", file, file, got)
			}
			golden := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/catalog -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s: messages differ from %s\n got:\n%s\nwant:\n%s", file, golden, got, want)
			}
		})
	}
}

func loadMessages(t *testing.T, file string) string {
	t.Helper()
	src, err := catalog.ReadFile(file)
	if err == nil {
		_, err = catalog.Load(src)
	}
	if err == nil {
		return "ok\n"
	}
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("%s: error is not positioned: %v", file, err)
	}
	for _, d := range ds {
		if d.Line < 1 || d.Col < 1 {
			t.Errorf("%s: message without a position: %v", file, d)
		}
	}
	return ds.Error() + "\n"
}
