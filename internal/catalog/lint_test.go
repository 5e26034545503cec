package catalog_test

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/catalog/lintcase"
)

var update = flag.Bool("update", false, "rewrite the messages of the lint cases")

// cleanCases are the lint cases that must load without a message.
var cleanCases = []string{"ok", "template-in-text", "service-base-uri"}

func lintCases(t testing.TB) []lintcase.Case {
	t.Helper()
	cases, err := lintcase.Load("testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 45 {
		t.Fatalf("found %d lint cases, want at least 45", len(cases))
	}
	return cases
}

func sources(c lintcase.Case) []catalog.Source {
	var srcs []catalog.Source
	for _, f := range c.Files {
		srcs = append(srcs, catalog.Source{Name: f.Name, Data: f.Data})
	}
	return srcs
}

// TestLintCases loads the catalog of every case under testdata/lint and
// compares its messages with the case's own (go test -update rewrites
// them). The clean cases must load without a message; every other one
// must fail with messages positioned in its files.
func TestLintCases(t *testing.T) {
	for _, c := range lintCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			got := loadMessages(t, c)
			if clean := slices.Contains(cleanCases, c.Name); clean != (got == "ok\n") {
				t.Errorf("clean: %v, but got:\n%s", clean, got)
			}
			if *update {
				if err := c.Update(got); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != c.Want {
				t.Errorf("%s: messages differ (go test ./internal/catalog -update rewrites them)\n got:\n%s\nwant:\n%s", c.Path, got, c.Want)
			}
		})
	}
}

func loadMessages(t *testing.T, c lintcase.Case) string {
	t.Helper()
	_, err := catalog.Load(sources(c)...)
	if err == nil {
		return "ok\n"
	}
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("%s: error is not positioned: %v", c.Path, err)
	}
	for _, d := range ds {
		if d.Line < 1 || d.Col < 1 || !slices.ContainsFunc(c.Files, func(f lintcase.File) bool { return f.Name == d.File }) {
			t.Errorf("%s: message without a position in the case's files: %v", c.Path, d)
		}
	}
	if n := strings.Count(ds.Error(), "\n") + 1; n > catalog.MaxMessages+1 {
		t.Errorf("%s: %d messages, more than MaxMessages and the count of the rest", c.Path, n)
	}
	return ds.Error() + "\n"
}
