package output_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/output"
)

// TestBlockingFileCountedOnce: a stale file standing where the folder of
// several new outputs goes is deleted once and counted once.
func TestBlockingFileCountedOnce(t *testing.T) {
	root := t.TempDir()
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a/b", "file")}}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := output.Write([]output.Dir{{Root: root, Files: files("a/b/c", "1", "a/b/d", "2", "a/b/e/f", "3")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Deleted != 1 || st.Written != 3 {
		t.Errorf("stats %+v, want 3 written and 1 deleted", st)
	}
}

// TestKindsRenderFileAndFolder: one kind's file where another kind of the
// same folder puts a file inside it is refused before anything is written,
// not halfway through the renames.
func TestKindsRenderFileAndFolder(t *testing.T) {
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		root := t.TempDir()
		kinds := []output.Dir{
			{Root: root, Kind: "go", Files: files("a/b", "file")},
			{Root: root, Kind: "schema", Files: files("a/b/c", "in a folder")},
		}
		dirs := []output.Dir{kinds[order[0]], kinds[order[1]]}
		_, err := output.Write(dirs, nil)
		if err == nil || !strings.Contains(err.Error(), "both as a file and as a folder") {
			t.Errorf("order %v: want a clash, got %v", order, err)
		}
		if s := snapshot(t, root); s != "" {
			t.Errorf("order %v: files left: %s", order, s)
		}
	}
}

// TestOtherKindsStaleInTheWay: a stale output of another kind of the same
// session standing where an output goes is errgen's, and goes.
func TestOtherKindsStaleInTheWay(t *testing.T) {
	for _, tc := range []struct{ name, before, after string }{
		{"folder of the other kind's stale files", "a/b/c.json", "a/b"},
		{"the other kind's stale file where a folder goes", "a/b", "a/b/c.go"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			v1 := []output.Dir{
				{Root: root, Kind: "go", Files: files("x.go", "X")},
				{Root: root, Kind: "schema", Files: files(tc.before, "old")},
			}
			if _, err := output.Write(v1, nil); err != nil {
				t.Fatal(err)
			}
			v2 := []output.Dir{
				{Root: root, Kind: "go", Files: files("x.go", "X", tc.after, "new")},
				{Root: root, Kind: "schema", Files: files("y.json", "Y")},
			}
			st, err := output.Write(v2, nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.Deleted != 1 || st.Written != 2 {
				t.Errorf("stats %+v, want 2 written and 1 deleted", st)
			}
			if read(t, filepath.Join(root, filepath.FromSlash(tc.after))) != "new" {
				t.Error("not written")
			}
			if ch, err := output.Check(v2); err != nil || len(ch) != 0 {
				t.Errorf("check after: %v %v", ch, err)
			}
		})
	}
}

// TestLinkToFolderInTheWay: a symlink to a folder (outside the root)
// where an output goes stops the run with a message that says so, and
// nothing outside the root is touched.
func TestLinkToFolderInTheWay(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(outside, "empty"), 0o755)
	os.WriteFile(filepath.Join(outside, "keep"), []byte("keep"), 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "a")); err != nil {
		t.Skip(err)
	}
	before := tree(t, outside)
	_, err := output.Write([]output.Dir{{Root: root, Files: files("a", "x")}}, nil)
	if err == nil || strings.Contains(err.Error(), "both as a file and as a folder") || !strings.Contains(err.Error(), "did not write") {
		t.Errorf("want a refusal naming what is in the way, got %v", err)
	}
	if tree(t, outside) != before {
		t.Error("the folder outside the root changed")
	}
}

// TestBlockedMessageDeterministic: with two things of the user's in the
// way, the refusal names the same one whatever order the files came in.
func TestBlockedMessageDeterministic(t *testing.T) {
	msg := func(order [2]int) string {
		root := t.TempDir()
		os.WriteFile(filepath.Join(root, "p"), []byte("mine"), 0o644)
		os.WriteFile(filepath.Join(root, "q"), []byte("mine"), 0o644)
		dirs := []output.Dir{{Root: root, Kind: "go"}, {Root: root, Kind: "schema"}}
		s, err := output.Open(dirs, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		puts := []struct {
			dir  int
			path string
		}{{0, "p/x"}, {1, "q/y"}}
		for _, i := range order {
			if err := s.Put(puts[i].dir, output.File{Path: puts[i].path, Data: []byte("1")}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = s.Commit()
		if err == nil {
			t.Fatal("want a refusal")
		}
		return strings.ReplaceAll(err.Error(), root, "ROOT")
	}
	if a, b := msg([2]int{0, 1}), msg([2]int{1, 0}); a != b {
		t.Errorf("the message depends on the order of the puts:\n%s\n%s", a, b)
	}
}

// TestManyStaleFilesInTheWay: a folder of many stale outputs that turns
// into a file is cleared, each counted once, and the file put in place.
// (The clearing keeps a set of what it removed: a list searched per stale
// file made a 30,000-file folder take ten times as long as plain stale
// deletion; speed is not asserted here.)
func TestManyStaleFilesInTheWay(t *testing.T) {
	const n = 3000
	// What an earlier run left: n outputs in a/b, in the manifest.
	root := t.TempDir()
	var manifest strings.Builder
	os.MkdirAll(filepath.Join(root, "a", "b"), 0o755)
	for i := range n {
		p := fmt.Sprintf("a/b/e%05d", i)
		manifest.WriteString(p + "\n")
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, output.ManifestName("")), []byte(manifest.String()), 0o644)
	st, err := output.Write([]output.Dir{{Root: root, Files: files("a/b", "file")}}, nil)
	if err != nil || st.Deleted != n || st.Written != 1 {
		t.Fatalf("%+v %v", st, err)
	}
	if read(t, filepath.Join(root, "a", "b")) != "file" {
		t.Error("a/b is not the new file")
	}
}

// TestFailedCommitAfterUnblock: a commit that fails after it cleared an
// earlier output out of the way leaves a manifest the next run can
// finish from, without a manual delete.
func TestFailedCommitAfterUnblock(t *testing.T) {
	asFile, asFolder := files("a/b", "file", "x", "1"), files("a/b/c", "1", "a/b/d", "1", "x", "2")
	for _, step := range [][2][]output.File{{asFile, asFolder}, {asFolder, asFile}} {
		for fail := 1; fail <= len(step[1]); fail++ {
			root := t.TempDir()
			if _, err := output.Write([]output.Dir{{Root: root, Files: step[0]}}, nil); err != nil {
				t.Fatal(err)
			}
			v2 := []output.Dir{{Root: root, Files: step[1]}}
			n := fail
			if _, err := output.Write(v2, failRename{n: &n}); err == nil {
				t.Fatalf("%s, rename %d: want the rename failure", step[1][0].Path, fail)
			}
			if _, err := output.Write(v2, nil); err != nil {
				t.Errorf("%s, rename %d failed; the next run: %v", step[1][0].Path, fail, err)
			} else if ch, err := output.Check(v2); err != nil || len(ch) != 0 {
				t.Errorf("%s, rename %d failed; check after the next run: %v %v", step[1][0].Path, fail, ch, err)
			}
		}
	}
}
