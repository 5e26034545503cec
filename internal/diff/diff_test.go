package diff_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/diff"
)

var update = flag.Bool("update", false, "rewrite the want part of every case")

// TestCases runs every testdata/*.txtar: old.yaml and new.yaml are loaded
// as errgen diff loads them, and the changes, the summary and the exit
// status errgen diff would give must equal the want part.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) < 30 {
		t.Fatalf("want at least 30 cases, got %d (%v)", len(files), err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parts := map[string]int{}
			for i, f := range ar.Files {
				parts[f.Name] = i
			}
			for _, name := range []string{"old.yaml", "new.yaml", "want"} {
				if _, ok := parts[name]; !ok {
					t.Fatalf("%s has no %s part", file, name)
				}
			}
			old := load(t, ar.Files[parts["old.yaml"]])
			new := load(t, ar.Files[parts["new.yaml"]])
			got := render(old, new, diff.Compare(old, new))
			want := &ar.Files[parts["want"]].Data
			if *update {
				*want = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal([]byte(got), *want) {
				t.Errorf("%s (go test ./internal/diff -update rewrites it)\n got:\n%s\nwant:\n%s", file, got, *want)
			}
		})
	}
}

func load(t *testing.T, f txtar.File) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(catalog.Source{Name: f.Name, Data: f.Data})
	if err != nil {
		t.Fatalf("%s does not load:\n%v", f.Name, err)
	}
	return c
}

// render is what errgen diff prints, and its exit status.
func render(old, new *catalog.Catalog, r diff.Result) string {
	var b strings.Builder
	for _, c := range r.Changes {
		fmt.Fprintln(&b, c)
	}
	if len(r.Changes) > 0 {
		fmt.Fprintln(&b, r.Summary())
	}
	unrecorded := diff.Unrecorded(old, new, r)
	for _, d := range unrecorded {
		fmt.Fprintln(&b, d)
	}
	exit := 0
	if !r.OK() || len(unrecorded) > 0 {
		exit = 1
	}
	fmt.Fprintf(&b, "exit %d\n", exit)
	return b.String()
}
