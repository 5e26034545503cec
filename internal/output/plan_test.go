package output

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestChangeKindString(t *testing.T) {
	want := map[ChangeKind]string{Create: "missing", Update: "differs", Delete: "stale", Foreign: "foreign", Stray: "stray", Unsafe: "unsafe", Leftover: "leftover", 0: "ChangeKind(0)"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("%d: %q, want %q", int(k), k.String(), s)
		}
	}
	if got := (Change{Path: "schema/x.json", Kind: Update}).String(); got != "schema/x.json: differs" {
		t.Errorf("%q", got)
	}
	for _, c := range []struct {
		n, refused int
		want       string
	}{
		{0, 0, "all outputs are current"},
		{1, 0, "1 output differs from the catalog; run errgen generate"},
		{2, 1, "2 outputs differ from the catalog; move or delete the 1 path marked foreign, stray or unsafe, then run errgen generate"},
	} {
		p := &Plan{}
		for i := range c.n {
			k := Update
			if i < c.refused {
				k = Stray
			}
			p.changes = append(p.changes, Change{Kind: k})
		}
		if got := p.Summary("errgen generate"); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}

// TestManifestLineThroughLink: a link out of the folder and a manifest
// line through it (issue 13, finding 1) are refused before anything
// changes; the file outside survives.
func TestManifestLineThroughLink(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		base := t.TempDir()
		root := filepath.Join(base, "out", "site")
		v := []Dir{{Root: root, Kind: "site", Alone: alone, Files: files("errors/a/index.html", "A")}}
		if _, err := write(v); err != nil {
			t.Fatal(err)
		}
		victim := filepath.Join(base, "victim", ".ssh", "authorized_keys")
		os.MkdirAll(filepath.Dir(victim), 0o755)
		os.WriteFile(victim, []byte("key"), 0o644)
		os.Symlink("../../../victim", filepath.Join(root, "errors", "up"))
		man := filepath.Join(root, ManifestName("site"))
		os.WriteFile(man, []byte(read(t, man)+"errors/up/.ssh/authorized_keys\n"), 0o644)
		before := tree(t, base)
		if !has(check(t, v), Change{Path: filepath.ToSlash(root) + "/errors/up", Kind: Unsafe}) {
			t.Errorf("check: %v", check(t, v))
		}
		if _, err := write(v); err == nil || !strings.Contains(err.Error(), "errors/up") {
			t.Errorf("want a refusal naming the link, got %v", err)
		}
		if tree(t, base) != before {
			t.Error("the refused run changed files")
		}
	})
}

// TestManifestLineOutside: a manifest line that leaves the folder is
// refused, and deletes nothing.
func TestManifestLineOutside(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "out")
	os.MkdirAll(root, 0o755)
	for _, line := range []string{"../victim", "/etc/passwd", "a/../../victim", "."} {
		os.WriteFile(filepath.Join(root, ManifestName("")), []byte(line+"\n"), 0o644)
		victim := filepath.Join(base, "victim")
		os.WriteFile(victim, []byte("v"), 0o644)
		_, err := write([]Dir{{Root: root, Files: files("a", "x")}})
		if err == nil || !strings.Contains(err.Error(), "outside the folder") {
			t.Errorf("%q: want a refusal, got %v", line, err)
		}
		if read(t, victim) != "v" {
			t.Errorf("%q: the file outside was changed", line)
		}
	}
}

// TestSubfolderLink: an output folder replaced by a link to a folder
// elsewhere (issue 13, finding 2) is refused, not written through; so is
// a link where an output file goes, in either mode.
func TestSubfolderLink(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		for _, link := range []string{"errors/b", "errors/b/index.html"} {
			base := t.TempDir()
			root := filepath.Join(base, "site")
			v := []Dir{{Root: root, Alone: alone, Files: files("errors/a/index.html", "A", "errors/b/index.html", "B")}}
			if _, err := write(v); err != nil {
				t.Fatal(err)
			}
			elsewhere := filepath.Join(base, "elsewhere")
			os.MkdirAll(elsewhere, 0o755)
			os.WriteFile(filepath.Join(elsewhere, "index.html"), []byte("theirs"), 0o644)
			target := elsewhere
			if strings.HasSuffix(link, ".html") {
				target = filepath.Join(elsewhere, "index.html")
			}
			os.RemoveAll(filepath.Join(root, link))
			os.Symlink(target, filepath.Join(root, link))
			before := tree(t, base)
			v[0].Files = files("errors/a/index.html", "A2", "errors/b/index.html", "B2")
			if _, err := write(v); err == nil || !strings.Contains(err.Error(), "link") {
				t.Errorf("%s: want a refusal, got %v", link, err)
			}
			if tree(t, base) != before {
				t.Errorf("%s: the refused run changed files", link)
			}
			if !has(check(t, v), Change{Path: filepath.ToSlash(root) + "/" + link, Kind: Unsafe}) {
				t.Errorf("%s: check: %v", link, check(t, v))
			}
		}
	})
}

func TestRefusesBadPaths(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"../escape", "/abs", "a/../../b", "", ".", `a\b`, ".errgen-x", "a/.errgen.manifest"} {
		if _, err := write([]Dir{{Root: root, Files: files(p, "x")}}); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
	if _, err := write([]Dir{{Root: root, Files: files("a", "1", "a", "2")}}); err == nil || !strings.Contains(err.Error(), "rendered twice") {
		t.Errorf("a path rendered twice: %v", err)
	}
	if _, err := write([]Dir{{Root: root, Files: files("a/b", "1", "a/b/c", "2")}}); err == nil || !strings.Contains(err.Error(), "both as a file and as a folder") {
		t.Errorf("a path rendered as file and folder: %v", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("refused runs left %v", entries)
	}
}

// TestRefusesForeignFiles: a hand-written file with a generated name is
// never overwritten; errgen's own generated Go (by its header) is.
func TestRefusesForeignFiles(t *testing.T) {
	root := t.TempDir()
	mine := filepath.Join(root, "errors.go")
	os.WriteFile(mine, []byte("package apierr\n\nfunc Mine() {}\n"), 0o644)
	gen := files("errors.go", "// Code generated by errgen. DO NOT EDIT.\n\npackage apierr\n")
	_, err := write([]Dir{{Root: root, Files: gen}})
	if err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if read(t, mine) != "package apierr\n\nfunc Mine() {}\n" {
		t.Error("the hand-written file was changed")
	}
	os.WriteFile(mine, []byte("// Code generated by errgen from an older catalog. DO NOT EDIT.\n\npackage apierr\n"), 0o644)
	if _, err := write([]Dir{{Root: root, Files: gen}}); err != nil {
		t.Fatalf("errgen's generated Go without a manifest should be replaced: %v", err)
	}
	other := filepath.Join(root, "constructors.go")
	os.WriteFile(other, []byte("// Code generated by stringer. DO NOT EDIT.\n\npackage apierr\n"), 0o644)
	if _, err := write([]Dir{{Root: root, Files: files("constructors.go", "// Code generated by errgen. DO NOT EDIT.\n")}}); err == nil {
		t.Error("another generator's file was overwritten")
	}
}

// TestKindsShareAFolder: two kinds in one folder keep separate manifests
// and never delete each other's files; a file one kind no longer renders
// but the other now does is not deleted; both rendering it is refused.
func TestKindsShareAFolder(t *testing.T) {
	root := t.TempDir()
	goDir := Dir{Root: root, Kind: "go", Files: files("errors.go", "// Code generated x. DO NOT EDIT.\n", "x.json", "X")}
	schemaDir := Dir{Root: root, Kind: "schema", Files: files("a.schema.json", "{}")}
	if _, err := write([]Dir{goDir}); err != nil {
		t.Fatal(err)
	}
	if st, err := write([]Dir{schemaDir}); err != nil || st.Deleted != 0 {
		t.Fatalf("second kind deleted files: %+v %v", st, err)
	}
	if ch := check(t, []Dir{goDir, schemaDir}); len(ch) != 0 {
		t.Fatalf("check with both kinds: %v", ch)
	}
	both := []Dir{goDir, {Root: root, Kind: "schema", Files: files("x.json", "X")}}
	if _, err := write(both); err == nil || !strings.Contains(err.Error(), "as a go output and as a schema output") {
		t.Fatalf("want an overlap refusal, got %v", err)
	}
	goDir.Files = goDir.Files[:1]
	moved := []Dir{goDir, {Root: root, Kind: "schema", Files: files("x.json", "X")}}
	if st, err := write(moved); err != nil || st.Deleted != 1 { // a.schema.json only
		t.Fatalf("write: %+v %v", st, err)
	}
	if read(t, filepath.Join(root, "x.json")) != "X" {
		t.Error("x.json lost")
	}
}

// TestStaleClaimThatDoesNotHold: a manifest line naming what is now a
// folder of the user's is a claim that does not hold: nothing is deleted.
func TestStaleClaimThatDoesNotHold(t *testing.T) {
	root := t.TempDir()
	if _, err := write([]Dir{{Root: root, Files: files("a", "1", "b", "1")}}); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "b"))
	os.MkdirAll(filepath.Join(root, "b"), 0o755)
	os.WriteFile(filepath.Join(root, "b", "x"), []byte("mine"), 0o644)
	if st, err := write([]Dir{{Root: root, Files: files("a", "2")}}); err != nil || st.Deleted != 0 {
		t.Fatalf("%+v %v", st, err)
	}
	if read(t, filepath.Join(root, "b", "x")) != "mine" {
		t.Error("the user's folder was touched")
	}
}

// TestCheckMissingFolder: everything of a folder never generated is
// missing, its manifest included.
func TestCheckMissingFolder(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		root := filepath.Join(t.TempDir(), "never")
		got := kinds(root, check(t, []Dir{{Root: root, Kind: "site", Alone: alone, Files: files("a", "1")}}))
		if !slices.Equal(got, []string{"ROOT/" + ManifestName("site") + " missing", "ROOT/a missing"}) {
			t.Errorf("%v", got)
		}
	})
}

// TestAloneDemoted: a folder with another output folder inside it, or
// the working directory, is not swapped whole.
func TestAloneDemoted(t *testing.T) {
	root := t.TempDir()
	p, err := NewPlan([]Dir{{Root: root, Alone: true, Files: files("a", "1")}, {Root: filepath.Join(root, "go"), Kind: "go", Files: files("b", "1")}})
	if err != nil || p.dirs[0].alone {
		t.Errorf("with a folder inside: alone %v, %v", p.dirs[0].alone, err)
	}
	t.Chdir(root)
	p, err = NewPlan([]Dir{{Root: ".", Alone: true, Files: files("a", "1")}})
	if err != nil || p.dirs[0].alone {
		t.Errorf("the working directory: alone %v, %v", p.dirs[0].alone, err)
	}
}
