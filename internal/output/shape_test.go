package output_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/output"
)

// TestFileBecomesFolder: an output that was a file and is now a folder of
// outputs (and back) is replaced without a manual delete, and check sees
// the change before the run and nothing after it.
func TestFileBecomesFolder(t *testing.T) {
	root := t.TempDir()
	slash := filepath.ToSlash(root)
	manifest := output.Change{Path: slash + "/" + output.ManifestName(""), Kind: "stale"}
	asFile := []output.Dir{{Root: root, Files: files("keep", "k", "a/b", "file")}}
	asFolder := []output.Dir{{Root: root, Files: files("keep", "k", "a/b/c", "in a folder", "a/b/d/e", "deeper")}}
	for i, step := range []struct {
		from, to []output.Dir
		want     []output.Change
	}{
		{asFile, asFolder, []output.Change{manifest, {Path: slash + "/a/b", Kind: "extra"}, {Path: slash + "/a/b/c", Kind: "missing"}, {Path: slash + "/a/b/d/e", Kind: "missing"}}},
		{asFolder, asFile, []output.Change{manifest, {Path: slash + "/a/b", Kind: "missing"}, {Path: slash + "/a/b/c", Kind: "extra"}, {Path: slash + "/a/b/d/e", Kind: "extra"}}},
	} {
		if _, err := output.Write(step.from, nil); err != nil {
			t.Fatalf("step %d, first layout: %v", i, err)
		}
		got, err := output.Check(step.to)
		if err != nil || !slices.Equal(got, step.want) {
			t.Errorf("step %d, check before: %v %v\nwant %v", i, got, err, step.want)
		}
		st, err := output.Write(step.to, nil)
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
		if got, err := output.Check(step.to); err != nil || len(got) != 0 {
			t.Errorf("step %d, check after: %v %v", i, got, err)
		}
	}
}

// TestForeignInTheWay: a file or folder errgen did not write where an
// output goes stops the run before anything changes, with a message that
// names it, and check calls a foreign file at a target "foreign".
func TestForeignInTheWay(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before []output.Dir // a run of errgen first, if any
		mine   string       // then a file of the user's
		run    []output.Dir
		want   string
	}{
		{"file where a folder goes", nil, "a/b", []output.Dir{{Files: files("a/b/c", "x")}}, "is a file errgen did not write"},
		{"folder with a file of the user's", []output.Dir{{Files: files("a/b/c", "x")}}, "a/b/mine.txt", []output.Dir{{Files: files("a/b", "x")}}, "mine.txt, which errgen did not write"},
		{"foreign file at the target", nil, "a/b", []output.Dir{{Files: files("a/b", "x")}}, "refusing to overwrite"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			at := func(dirs []output.Dir) []output.Dir {
				out := slices.Clone(dirs)
				for i := range out {
					out[i].Root = root
				}
				return out
			}
			if tc.before != nil {
				if _, err := output.Write(at(tc.before), nil); err != nil {
					t.Fatal(err)
				}
			}
			mine := filepath.Join(root, filepath.FromSlash(tc.mine))
			os.MkdirAll(filepath.Dir(mine), 0o755)
			os.WriteFile(mine, []byte("mine"), 0o644)
			before := snapshot(t, root)
			if _, err := output.Write(at(tc.run), nil); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
			if snapshot(t, root) != before {
				t.Error("the refused run changed files")
			}
			if read(t, mine) != "mine" {
				t.Error("the user's file changed")
			}
		})
	}
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "x"), []byte("mine"), 0o644)
	got, err := output.Check([]output.Dir{{Root: root, Files: files("x", "generated")}})
	want := output.Change{Path: filepath.ToSlash(root) + "/x", Kind: "foreign"}
	if err != nil || !slices.Equal(got, []output.Change{{Path: filepath.ToSlash(root) + "/" + output.ManifestName(""), Kind: "missing"}, want}) {
		t.Errorf("check: %v %v", got, err)
	}
	if s := want.String(); !strings.Contains(s, "will not overwrite it") {
		t.Errorf("the foreign change says %q", s)
	}
}

// TestRenderedAsFileAndFolder: one run that puts a path both as a file
// and as a folder of another file fails before anything is written.
func TestRenderedAsFileAndFolder(t *testing.T) {
	root := t.TempDir()
	_, err := output.Write([]output.Dir{{Root: root, Files: files("a/b", "1", "a/b/c", "2")}}, nil)
	if err == nil || !strings.Contains(err.Error(), "both as a file and as a folder") {
		t.Fatalf("want a clash, got %v", err)
	}
	if s := snapshot(t, root); s != "" {
		t.Errorf("files left: %s", s)
	}
}

// TestDanglingLinks: a link that leads nowhere, at a target or in the
// path of one, is the user's: the run stops before it replaces anything,
// and check calls the target foreign.
func TestDanglingLinks(t *testing.T) {
	for _, tc := range []struct{ link, target, want string }{
		{"a/b", "a/b", "refusing to overwrite"},
		{"a", "a/b", "cannot write"},
	} {
		t.Run(tc.link, func(t *testing.T) {
			root := t.TempDir()
			dirs := []output.Dir{{Root: root, Files: files("0-first", "1")}}
			if _, err := output.Write(dirs, nil); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(root, filepath.FromSlash(tc.link))
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(filepath.Join(root, "nowhere"), link); err != nil {
				t.Fatal(err)
			}
			before := snapshotLinks(t, root)
			run := []output.Dir{{Root: root, Files: files("0-first", "2", tc.target, "x")}}
			if _, err := output.Write(run, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
			if snapshotLinks(t, root) != before || read(t, filepath.Join(root, "0-first")) != "1" {
				t.Error("the refused run changed files")
			}
			if target, err := os.Readlink(link); err != nil || target != filepath.Join(root, "nowhere") {
				t.Errorf("the link changed: %q %v", target, err)
			}
			changes, err := output.Check(run)
			want := output.Change{Path: filepath.ToSlash(root) + "/" + tc.target, Kind: "foreign"}
			if err != nil || !slices.Contains(changes, want) {
				t.Errorf("check: %v %v, want %v among them", changes, err, want)
			}
		})
	}
}

// TestCheckBlockedTarget: check says "foreign" for a target a file of the
// user's stands in the way of (generate refuses it) and "missing" for one
// only errgen's stale outputs stand in the way of (generate clears them).
func TestCheckBlockedTarget(t *testing.T) {
	root := t.TempDir()
	slash := filepath.ToSlash(root)
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("x/y", "old")}}, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "mine"), []byte("mine"), 0o644)
	changes, err := output.Check([]output.Dir{{Root: root, Files: files("mine/z", "1", "x/y/z", "2")}})
	for _, want := range []output.Change{{Path: slash + "/mine/z", Kind: "foreign"}, {Path: slash + "/x/y/z", Kind: "missing"}, {Path: slash + "/x/y", Kind: "extra"}} {
		if err != nil || !slices.Contains(changes, want) {
			t.Errorf("check: %v %v, want %v among them", changes, err, want)
		}
	}
}

// snapshotLinks is snapshot for a tree with links in it: a link is
// recorded as where it points.
func snapshotLinks(t *testing.T, root string) string {
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir():
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			b.WriteString(p + "->" + target + ";")
		default:
			b.WriteString(p + "=" + read(t, p) + ";")
		}
		return err
	})
	return b.String()
}
