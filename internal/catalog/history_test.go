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

// TestHistoryModel: what renderers read after Load. An entry without since
// gets the oldest release; an added file keeps the base's version and may
// not set one of its own; positions of top-level parts are kept.
func TestHistoryModel(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/history/ok.txtar")
	if err != nil {
		t.Fatal(err)
	}
	base := catalog.Source{Name: "base.yaml", Data: ar.Files[0].Data}
	c, err := catalog.Load(base)
	if err != nil {
		t.Fatal(err)
	}
	since := map[string]string{}
	for _, e := range c.Errors {
		since[e.Slug] = e.Since
	}
	if c.Version != "1.1.0" || c.FirstRelease() != "1.0.0" || len(c.History) != 2 ||
		since["upstream-unavailable"] != "1.0.0" || since["upstream-timeout"] != "1.1.0" {
		t.Errorf("version %q, first release %q, since %v", c.Version, c.FirstRelease(), since)
	}
	if len(c.Removed) != 1 || c.Removed[0].PosOf("/replaced_by").String() != "base.yaml:17:71" {
		t.Errorf("removed %+v at %v", c.Removed, c.Removed[0].PosOf("/replaced_by"))
	}
	if p := c.TopPos("/history/1/date").String(); p != "base.yaml:15:28" {
		t.Errorf("history/1/date at %s", p)
	}

	addOn := catalog.Source{Name: "add.yaml", Data: []byte(`version: 3.0.0
errors:
  - slug: tenant-gone
    title: Tenant Gone
    status: 410
    summary: The tenant was deleted.
    when: Always.
    causes: [Deleted.]
    resolve: [None.]
    retry: {retryable: "no"}
    detail: {template: Gone.}
    example: {headers: [{name: X-Request-Id, value: a}], body: {type: "https://example.test/errors/tenant-gone", title: Tenant Gone, status: 410}}
`)}
	_, err = catalog.LoadOver(base, addOn)
	if err == nil || !strings.Contains(err.Error(), "add.yaml:1:1: version belongs to the base catalog (the file with base_uri); a file that adds errors has none of its own") {
		t.Errorf("an added file's version: %v", err)
	}
}
