package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFileBecomesFolder: an output that was a file and is now a folder of
// outputs (and back) is replaced without a manual delete, and check sees
// the change before the run and nothing after it.
func TestFileBecomesFolder(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		root := t.TempDir()
		man := "ROOT/" + ManifestName("") + " differs"
		asFile := []Dir{{Root: root, Alone: alone, Files: files("keep", "k", "a/b", "file")}}
		asFolder := []Dir{{Root: root, Alone: alone, Files: files("keep", "k", "a/b/c", "in a folder", "a/b/d/e", "deeper")}}
		for i, step := range []struct {
			from, to []Dir
			want     []string
		}{
			{asFile, asFolder, []string{man, "ROOT/a/b stale", "ROOT/a/b/c missing", "ROOT/a/b/d/e missing"}},
			{asFolder, asFile, []string{man, "ROOT/a/b missing", "ROOT/a/b/c stale", "ROOT/a/b/d/e stale"}},
		} {
			if _, err := write(step.from); err != nil {
				t.Fatalf("step %d, first layout: %v", i, err)
			}
			if got := kinds(root, check(t, step.to)); !slices.Equal(got, step.want) {
				t.Errorf("step %d, check before: %v\nwant %v", i, got, step.want)
			}
			st, err := write(step.to)
			if err != nil {
				t.Fatalf("step %d, second layout: %v", i, err)
			}
			if st.Deleted == 0 {
				t.Errorf("step %d: nothing counted as deleted: %+v", i, st)
			}
			for _, f := range step.to[0].Files {
				if read(t, filepath.Join(root, f.Path)) != string(f.Data) {
					t.Errorf("step %d: %s not written", i, f.Path)
				}
			}
			if got := check(t, step.to); len(got) != 0 {
				t.Errorf("step %d, check after: %v", i, got)
			}
		}
	})
}

// TestForeignInTheWay: a file or folder errgen did not write where an
// output goes stops the run before anything changes, with a message that
// names it, and check calls it foreign.
func TestForeignInTheWay(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before []File // a run of errgen first, if any
		mine   string // then a file of the user's
		run    []File
		want   string
	}{
		{"file where a folder goes", nil, "a/b", files("a/b/c", "x"), "a/b is a file errgen did not write"},
		{"folder with a file of the user's", files("a/b/c", "x"), "a/b/mine.txt", files("a/b", "x"), "a/b/mine.txt, which errgen did not write"},
		{"foreign file at the target", nil, "a/b", files("a/b", "x"), "refusing to overwrite"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if tc.before != nil {
				if _, err := write([]Dir{{Root: root, Files: tc.before}}); err != nil {
					t.Fatal(err)
				}
			}
			mine := filepath.Join(root, filepath.FromSlash(tc.mine))
			os.MkdirAll(filepath.Dir(mine), 0o755)
			os.WriteFile(mine, []byte("mine"), 0o644)
			before := tree(t, root)
			run := []Dir{{Root: root, Files: tc.run}}
			if _, err := write(run); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
			if tree(t, root) != before {
				t.Error("the refused run changed files")
			}
			if !has(check(t, run), Change{Path: filepath.ToSlash(root) + "/" + tc.run[0].Path, Kind: Foreign}) {
				t.Errorf("check: %v", check(t, run))
			}
		})
	}
}

// TestDanglingLinks: a link that leads nowhere, at a target or in the
// path of one, is unsafe: the run stops before it replaces anything.
func TestDanglingLinks(t *testing.T) {
	for _, tc := range []struct{ link, target string }{{"a/b", "a/b"}, {"a", "a/b"}} {
		t.Run(tc.link, func(t *testing.T) {
			root := t.TempDir()
			if _, err := write([]Dir{{Root: root, Files: files("0-first", "1")}}); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(root, filepath.FromSlash(tc.link))
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(filepath.Join(root, "nowhere"), link); err != nil {
				t.Fatal(err)
			}
			before := tree(t, root)
			run := []Dir{{Root: root, Files: files("0-first", "2", tc.target, "x")}}
			if _, err := write(run); err == nil || !strings.Contains(err.Error(), "link") {
				t.Fatalf("want a refusal, got %v", err)
			}
			if tree(t, root) != before {
				t.Error("the refused run changed files")
			}
			if !has(check(t, run), Change{Path: filepath.ToSlash(root) + "/" + tc.link, Kind: Unsafe}) {
				t.Errorf("check: %v", check(t, run))
			}
		})
	}
}

// TestCheckBlockedTarget: check says "foreign" for a target a file of the
// user's stands in the way of and "missing" for one only errgen's stale
// outputs stand in the way of (generate clears them).
func TestCheckBlockedTarget(t *testing.T) {
	root := t.TempDir()
	if _, err := write([]Dir{{Root: root, Files: files("x/y", "old")}}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "mine"), []byte("mine"), 0o644)
	got := kinds(root, check(t, []Dir{{Root: root, Files: files("mine/z", "1", "x/y/z", "2")}}))
	want := []string{"ROOT/" + ManifestName("") + " differs", "ROOT/mine/z foreign", "ROOT/x/y stale", "ROOT/x/y/z missing"}
	if !slices.Equal(got, want) {
		t.Errorf("%v\nwant %v", got, want)
	}
}

// TestBlockingFileCountedOnce: a stale file standing where the folder of
// several new outputs goes is deleted once and counted once.
func TestBlockingFileCountedOnce(t *testing.T) {
	root := t.TempDir()
	if _, err := write([]Dir{{Root: root, Files: files("a/b", "file")}}); err != nil {
		t.Fatal(err)
	}
	st, err := write([]Dir{{Root: root, Files: files("a/b/c", "1", "a/b/d", "2", "a/b/e/f", "3")}})
	if err != nil || st.Deleted != 1 || st.Written != 3 {
		t.Errorf("stats %+v %v, want 3 written and 1 deleted", st, err)
	}
}

// TestKindsRenderFileAndFolder: one kind's file where another kind of the
// same folder puts a file inside it is refused before anything is written.
func TestKindsRenderFileAndFolder(t *testing.T) {
	for _, order := range [][2]int{{0, 1}, {1, 0}} {
		root := t.TempDir()
		kinds := []Dir{{Root: root, Kind: "go", Files: files("a/b", "file")}, {Root: root, Kind: "schema", Files: files("a/b/c", "in a folder")}}
		_, err := write([]Dir{kinds[order[0]], kinds[order[1]]})
		if err == nil || !strings.Contains(err.Error(), "both as a file and as a folder") {
			t.Errorf("order %v: want a clash, got %v", order, err)
		}
		if s := tree(t, root); s != root+";\n" {
			t.Errorf("order %v: left: %s", order, s)
		}
	}
}

// TestOtherKindsStaleInTheWay: a stale output of another kind of the same
// plan standing where an output goes is errgen's, and goes.
func TestOtherKindsStaleInTheWay(t *testing.T) {
	for _, tc := range []struct{ name, before, after string }{
		{"folder of the other kind's stale files", "a/b/c.json", "a/b"},
		{"the other kind's stale file where a folder goes", "a/b", "a/b/c.go"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			v1 := []Dir{{Root: root, Kind: "go", Files: files("x.go", "X")}, {Root: root, Kind: "schema", Files: files(tc.before, "old")}}
			if _, err := write(v1); err != nil {
				t.Fatal(err)
			}
			v2 := []Dir{{Root: root, Kind: "go", Files: files("x.go", "X", tc.after, "new")}, {Root: root, Kind: "schema", Files: files("y.json", "Y")}}
			st, err := write(v2)
			if err != nil || st.Deleted != 1 || st.Written != 2 {
				t.Fatalf("stats %+v %v, want 2 written and 1 deleted", st, err)
			}
			if read(t, filepath.Join(root, filepath.FromSlash(tc.after))) != "new" {
				t.Error("not written")
			}
			if ch := check(t, v2); len(ch) != 0 {
				t.Errorf("check after: %v", ch)
			}
		})
	}
}

// TestManyStaleFilesInTheWay: a folder of many stale outputs that turns
// into a file is cleared, each counted once, and the file put in place.
func TestManyStaleFilesInTheWay(t *testing.T) {
	const n = 1000
	both(t, func(t *testing.T, alone bool) {
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
		os.WriteFile(filepath.Join(root, ManifestName("")), []byte(manifest.String()), 0o644)
		st, err := write([]Dir{{Root: root, Alone: alone, Files: files("a/b", "file")}})
		if err != nil || st.Deleted != n || st.Written != 1 {
			t.Fatalf("%+v %v", st, err)
		}
		if read(t, filepath.Join(root, "a", "b")) != "file" {
			t.Error("a/b is not the new file")
		}
	})
}
