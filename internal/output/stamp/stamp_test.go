package stamp

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ankatech/errgen/internal/output"
)

// TestFresh: a stamp holds while the files stat as they did, for the
// same key only.
func TestFresh(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	root := t.TempDir()
	dirs := []output.Dir{{Root: root, Kind: "site", Files: []output.File{{Path: "a"}, {Path: "b/c"}}}}
	for _, p := range []string{"a", "b/c", output.ManifestName("site")} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(p), 0o644)
	}
	roots := []string{root}
	if _, fresh := Fresh(roots, "k"); fresh {
		t.Fatal("fresh before any stamp")
	}
	Save(dirs, "k")
	if n, fresh := Fresh(roots, "k"); !fresh || n != 2 {
		t.Fatalf("after Save: %d %v, want 2 files fresh", n, fresh)
	}
	if _, fresh := Fresh(roots, "other"); fresh {
		t.Error("fresh for another key")
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(root, "b", "c"), later, later)
	if _, fresh := Fresh(roots, "k"); fresh {
		t.Error("fresh after a file changed")
	}
	if Key([]byte("ab"), []byte("c")) == Key([]byte("a"), []byte("bc")) {
		t.Error("Key does not separate its parts")
	}
}

// TestFreshHeaded: a Go folder has no manifest, so its stamp needs none,
// and a file added to it (a stray copy of a generated file) ends the
// shortcut.
func TestFreshHeaded(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "errors.go"), []byte("x"), 0o644)
	dirs := []output.Dir{{Root: root, Kind: "go", Files: []output.File{{Path: "errors.go"}}, Headed: func(string) bool { return true }}}
	Save(dirs, "k")
	if n, fresh := Fresh([]string{root}, "k"); !fresh || n != 1 {
		t.Fatalf("after Save: %d %v, want 1 file fresh", n, fresh)
	}
	os.WriteFile(filepath.Join(root, "old.go"), []byte("x"), 0o644)
	later := time.Now().Add(time.Hour) // the folder's mtime may not tick on a coarse clock
	os.Chtimes(root, later, later)
	if _, fresh := Fresh([]string{root}, "k"); fresh {
		t.Error("fresh after a file was added to the folder")
	}
}
