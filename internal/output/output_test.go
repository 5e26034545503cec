package output_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ankatech/errgen/internal/output"
)

func files(kv ...string) []output.File {
	var fs []output.File
	for i := 0; i+1 < len(kv); i += 2 {
		fs = append(fs, output.File{Path: kv[i], Data: []byte(kv[i+1])})
	}
	return fs
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteCheckDelete(t *testing.T) {
	root := filepath.Join(t.TempDir(), "out")
	v1 := []output.Dir{{Root: root, Files: files("a.txt", "A", "errors/x/index.html", "X", "errors/y/index.html", "Y")}}
	st, err := output.Write(v1, nil)
	if err != nil || st.Written != 3 {
		t.Fatalf("first write: %+v, %v", st, err)
	}
	if ch, err := output.Check(v1); err != nil || len(ch) != 0 {
		t.Fatalf("check after write: %v %v", ch, err)
	}
	// A file errgen did not write must survive every run.
	foreign := filepath.Join(root, "errors", "keep.txt")
	os.WriteFile(foreign, []byte("mine"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(root, "a.txt"), old, old)

	st, err = output.Write(v1, nil)
	if err != nil || st.Written != 0 || st.Unchanged != 3 {
		t.Fatalf("no-op rerun: %+v, %v", st, err)
	}
	if fi, _ := os.Stat(filepath.Join(root, "a.txt")); !fi.ModTime().Equal(old) {
		t.Error("an unchanged file was rewritten (mtime moved)")
	}

	v2 := []output.Dir{{Root: root, Files: files("a.txt", "A2", "errors/x/index.html", "X")}}
	ch, err := output.Check(v2)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(func() []string {
		var s []string
		for _, c := range ch {
			s = append(s, c.String())
		}
		return s
	}(), "\n")
	for _, want := range []string{"stale: " + filepath.ToSlash(root) + "/a.txt", "extra: " + filepath.ToSlash(root) + "/errors/y/index.html"} {
		if !strings.Contains(got, want) {
			t.Errorf("check output lacks %q:\n%s", want, got)
		}
	}
	st, err = output.Write(v2, nil)
	if err != nil || st.Written != 1 || st.Deleted != 1 {
		t.Fatalf("second write: %+v, %v", st, err)
	}
	if _, err := os.Stat(filepath.Join(root, "errors", "y")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the removed error's folder is still there")
	}
	if read(t, foreign) != "mine" || read(t, filepath.Join(root, "a.txt")) != "A2" {
		t.Error("foreign file touched or changed file not written")
	}
}

// failing fails WriteTemp after n successful calls.
// failing is a disk that fills up after n temporary files.
type failing struct {
	output.OS
	mu sync.Mutex
	n  int
}

func (f *failing) WriteTemp(dir string, data []byte) (string, error) {
	f.mu.Lock()
	full := f.n <= 0
	f.n--
	f.mu.Unlock()
	if full {
		return "", errors.New("disk full")
	}
	return f.OS.WriteTemp(dir, data)
}

// TestFailedWriteKeepsPreviousOutputs kills a generation after some files
// have been written and shows the previous outputs intact, with no
// temporary files left behind.
func TestFailedWriteKeepsPreviousOutputs(t *testing.T) {
	root := t.TempDir()
	v1 := []output.Dir{{Root: root, Files: files("a", "1", "b", "1", "c", "1")}}
	if _, err := output.Write(v1, nil); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	v2 := []output.Dir{{Root: root, Files: files("a", "2", "b", "2", "c", "2", "d", "2")}}
	if _, err := output.Write(v2, &failing{n: 2}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the injected failure, got %v", err)
	}
	if after := snapshot(t, root); after != before {
		t.Errorf("outputs changed by a failed run:\nbefore %s\nafter  %s", before, after)
	}
}

func snapshot(t *testing.T, root string) string {
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b.WriteString(p + "=" + read(t, p) + ";")
		}
		return err
	})
	return b.String()
}

func TestRefusesBadPaths(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"../escape", "/abs", "a/../../b", ""} {
		if _, err := output.Write([]output.Dir{{Root: root, Files: files(p, "x")}}, nil); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := output.Write([]output.Dir{{Root: file, Files: files("a", "x")}}, nil); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("output folder that is a file: %v", err)
	}
	// A manifest never makes errgen delete outside its folder.
	os.WriteFile(filepath.Join(root, output.ManifestName("")), []byte("../victim\n"), 0o644)
	victim := filepath.Join(filepath.Dir(root), "victim")
	os.WriteFile(victim, []byte("v"), 0o644)
	defer os.Remove(victim)
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "x")}}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(victim); err != nil {
		t.Error("a manifest entry outside the folder was deleted")
	}
}

// TestFailedRunLeavesNothing: when a later output folder is bad, nothing
// is staged in the earlier ones, and no folder is left behind.
func TestFailedRunLeavesNothing(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "afile")
	os.WriteFile(file, nil, 0o644)
	dirs := []output.Dir{
		{Root: filepath.Join(base, "go"), Files: files("errors.go", "package x\n")},
		{Root: file, Files: files("index.html", "x")},
	}
	if _, err := output.Write(dirs, nil); err == nil {
		t.Fatal("want an error for an output folder that is a file")
	}
	if entries, _ := os.ReadDir(base); len(entries) != 1 {
		t.Errorf("a failed run left %v", entries)
	}
	// A failure while staging removes the temporaries and created folders.
	dirs = []output.Dir{{Root: filepath.Join(base, "new"), Files: files("a/b/c.txt", "1", "d.txt", "2")}}
	if _, err := output.Write(dirs, &failing{n: 1}); err == nil {
		t.Fatal("want the injected failure")
	}
	if entries, _ := os.ReadDir(base); len(entries) != 1 {
		t.Errorf("a failed run left %v", entries)
	}
}

// TestRefusesForeignFiles: a hand-written file with a generated name is
// never overwritten; generated Go (by its header) and identical files are.
func TestRefusesForeignFiles(t *testing.T) {
	root := t.TempDir()
	mine := filepath.Join(root, "errors.go")
	os.WriteFile(mine, []byte("package apierr\n\nfunc Mine() {}\n"), 0o644)
	_, err := output.Write([]output.Dir{{Root: root, Files: files("errors.go", "// Code generated by errgen. DO NOT EDIT.\n\npackage apierr\n")}}, nil)
	if err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if read(t, mine) != "package apierr\n\nfunc Mine() {}\n" {
		t.Error("the hand-written file was changed")
	}
	os.WriteFile(mine, []byte("// Code generated by errgen from an older catalog. DO NOT EDIT.\n\npackage apierr\n"), 0o644)
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("errors.go", "// Code generated by errgen. DO NOT EDIT.\n\npackage apierr\n")}}, nil); err != nil {
		t.Fatalf("errgen's generated Go without a manifest should be replaced: %v", err)
	}
	other := filepath.Join(root, "constructors.go")
	os.WriteFile(other, []byte("// Code generated by stringer. DO NOT EDIT.\n\npackage apierr\n"), 0o644)
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("constructors.go", "// Code generated by errgen. DO NOT EDIT.\n")}}, nil); err == nil {
		t.Error("another generator's file was overwritten")
	}
}

// TestKindsShareAFolder: two kinds of output in one folder (a service's
// `-go .` and `-schema .`) keep separate manifests and never delete each
// other's files, in one run or in two.
func TestKindsShareAFolder(t *testing.T) {
	root := t.TempDir()
	goDir := output.Dir{Root: root, Kind: "go", Files: files("errors.go", "// Code generated x. DO NOT EDIT.\n")}
	schemaDir := output.Dir{Root: root, Kind: "schema", Files: files("a.schema.json", "{}")}
	if _, err := output.Write([]output.Dir{goDir}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := output.Write([]output.Dir{schemaDir}, nil)
	if err != nil || st.Deleted != 0 {
		t.Fatalf("second kind deleted files: %+v %v", st, err)
	}
	if ch, err := output.Check([]output.Dir{goDir, schemaDir}); err != nil || len(ch) != 0 {
		t.Fatalf("check with both kinds: %v %v", ch, err)
	}
}

// TestStaleOutputNowAFolder: a stale output that became a folder stops the
// run before anything is written.
func TestStaleOutputNowAFolder(t *testing.T) {
	root := t.TempDir()
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "1", "b", "1")}}, nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "b"))
	os.MkdirAll(filepath.Join(root, "b", "x"), 0o755)
	before := snapshot(t, root)
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "2")}}, nil); err == nil || !strings.Contains(err.Error(), "is now a folder") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if snapshot(t, root) != before {
		t.Error("files changed by a refused run")
	}
	// check reports it rather than failing.
	changes, err := output.Check([]output.Dir{{Root: root, Files: files("a", "1")}})
	if err != nil || !slices.Contains(changes, output.Change{Path: filepath.ToSlash(filepath.Join(root, "b")), Kind: "extra"}) {
		t.Errorf("check: %v %v", changes, err)
	}
}

// TestCreatedParentsRemoved: folders a failed run created above its output
// folder are removed too.
func TestCreatedParentsRemoved(t *testing.T) {
	base := t.TempDir()
	dirs := []output.Dir{{Root: filepath.Join(base, "a", "b", "c"), Files: files("x", "1", "y", "2")}}
	if _, err := output.Write(dirs, &failing{n: 1}); err == nil {
		t.Fatal("want the injected failure")
	}
	if entries, _ := os.ReadDir(base); len(entries) != 0 {
		t.Errorf("a failed run left %v", entries)
	}
}

// TestSessionConcurrentPutsAndFailure: renderers put files from several
// goroutines; when one put fails partway, Abort leaves the previous
// outputs exactly as they were, with no temporary file anywhere, even for
// puts that finish after the failure.
func TestSessionConcurrentPutsAndFailure(t *testing.T) {
	root := t.TempDir()
	var v1 []output.File
	for i := range 40 {
		v1 = append(v1, output.File{Path: fmt.Sprintf("errors/e%02d/index.html", i), Data: []byte("v1")})
	}
	if _, err := output.Write([]output.Dir{{Root: root, Kind: "site", Files: v1}}, nil); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)

	s, err := output.Open([]output.Dir{{Root: root, Kind: "site"}}, &failing{n: 25}, false)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var failed atomic.Int32
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < 40; i += 4 {
				if s.Put(0, output.File{Path: fmt.Sprintf("errors/e%02d/index.html", i), Data: []byte("v2")}) != nil {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() == 0 {
		t.Fatal("the injected failure never surfaced")
	}
	s.Abort()
	if _, err := s.Commit(); err == nil {
		t.Error("Commit after a failed Put succeeded")
	}
	if after := snapshot(t, root); after != before {
		t.Errorf("outputs changed by a failed run:\nbefore %s\nafter  %s", before, after)
	}

	// The same session without the failure: everything in place, a
	// second session finds nothing to do.
	s, err = output.Open([]output.Dir{{Root: root, Kind: "site"}}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := 39; i >= 0; i-- {
		if err := s.Put(0, output.File{Path: fmt.Sprintf("errors/e%02d/index.html", i), Data: []byte("v2")}); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := s.Commit(); err != nil || st.Written != 40 {
		t.Fatalf("commit: %+v %v", st, err)
	}
	changes, err := output.Check([]output.Dir{{Root: root, Kind: "site", Files: func() []output.File {
		var fs []output.File
		for i := range 40 {
			fs = append(fs, output.File{Path: fmt.Sprintf("errors/e%02d/index.html", i), Data: []byte("v2")})
		}
		return fs
	}()}})
	if err != nil || len(changes) != 0 {
		t.Fatalf("check after commit: %v %v", changes, err)
	}
}

// tree lists every file and folder below root, with file contents.
func tree(t *testing.T, root string) string {
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p)
		if !d.IsDir() {
			b.WriteString("=" + read(t, p))
		}
		b.WriteString(";")
		return nil
	})
	return b.String()
}

// TestInterruptedRunCleanedUp: a run killed before Commit leaves its
// staging folder; check reports it and the next generate removes it.
func TestInterruptedRunCleanedUp(t *testing.T) {
	root := t.TempDir()
	v := []output.Dir{{Root: root, Kind: "site", Files: files("a/x.html", "1")}}
	if _, err := output.Write(v, nil); err != nil {
		t.Fatal(err)
	}
	s, err := output.Open(v, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(0, output.File{Path: "a/x.html", Data: []byte("2")}); err != nil {
		t.Fatal(err)
	}
	// The process dies here: no Commit, no Abort.
	leftover, _ := filepath.Glob(filepath.Join(root, output.StagingPrefix+"*"))
	if len(leftover) != 1 {
		t.Fatalf("staging folders to leave behind: %v", leftover)
	}
	// What a killed process leaves: a folder no running process owns.
	staging := filepath.Join(root, output.StagingPrefix+"999999999-1")
	if err := os.Rename(leftover[0], staging); err != nil {
		t.Fatal(err)
	}
	changes, err := output.Check(v)
	if err != nil || len(changes) != 1 || changes[0] != (output.Change{Path: filepath.ToSlash(staging), Kind: "extra"}) {
		t.Fatalf("check after an interrupted run: %v %v", changes, err)
	}
	if _, err := output.Write(v, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(staging); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the next run left the staging folder: %v", err)
	}
	if changes, err := output.Check(v); err != nil || len(changes) != 0 {
		t.Errorf("check after the next run: %v %v", changes, err)
	}
}

// gate is a disk whose WriteTemp waits until released.
type gate struct {
	output.OS
	entered, release chan struct{}
}

func (g *gate) WriteTemp(dir string, data []byte) (string, error) {
	g.entered <- struct{}{}
	<-g.release
	return g.OS.WriteTemp(dir, data)
}

// TestAbortWaitsForPuts: an Abort while a Put is writing waits for it and
// then leaves nothing: no staged file, no created folder.
func TestAbortWaitsForPuts(t *testing.T) {
	base := t.TempDir()
	before := tree(t, base)
	g := &gate{entered: make(chan struct{}), release: make(chan struct{})}
	s, err := output.Open([]output.Dir{{Root: filepath.Join(base, "new", "out"), Kind: "site"}}, g, false)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- s.Put(0, output.File{Path: "errors/a/index.html", Data: []byte("x")}) }()
	<-g.entered
	aborted := make(chan struct{})
	go func() { s.Abort(); close(aborted) }()
	select {
	case <-aborted:
		t.Fatal("Abort returned while a Put was writing")
	case <-time.After(50 * time.Millisecond):
	}
	close(g.release)
	<-done
	<-aborted
	if after := tree(t, base); after != before {
		t.Errorf("an aborted session left:\n%s\nwas:\n%s", after, before)
	}
	if err := s.Put(0, output.File{Path: "b", Data: []byte("y")}); !errors.Is(err, output.ErrSessionFailed) {
		t.Errorf("Put after Abort: %v", err)
	}
}

// TestFailedWriteLeavesNoFolders: target folders are made at Commit, so a
// run that fails before it leaves no empty folder inside an existing root.
func TestFailedWriteLeavesNoFolders(t *testing.T) {
	root := t.TempDir()
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("keep", "1")}}, nil); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	v2 := []output.Dir{{Root: root, Files: files("keep", "1", "new/deep/a", "2", "new/deep/b", "2")}}
	if _, err := output.Write(v2, &failing{n: 1}); err == nil {
		t.Fatal("want the injected failure")
	}
	if after := tree(t, root); after != before {
		t.Errorf("a failed run left:\n%s\nwas:\n%s", after, before)
	}
}

// TestKindsSharingAFile: two kinds may not render the same file; a file
// one kind no longer renders but the other now does is not deleted.
func TestKindsSharingAFile(t *testing.T) {
	root := t.TempDir()
	if _, err := output.Write([]output.Dir{{Root: root, Kind: "a", Files: files("x.json", "X")}}, nil); err != nil {
		t.Fatal(err)
	}
	both := []output.Dir{{Root: root, Kind: "a", Files: files("x.json", "X")}, {Root: root, Kind: "b", Files: files("x.json", "X")}}
	if _, err := output.Write(both, nil); err == nil || !strings.Contains(err.Error(), "as a a output and as a b output") {
		t.Fatalf("want an overlap refusal, got %v", err)
	}
	moved := []output.Dir{{Root: root, Kind: "a", Files: files("y.json", "Y")}, {Root: root, Kind: "b", Files: files("x.json", "X")}}
	st, err := output.Write(moved, nil)
	if err != nil || st.Deleted != 0 {
		t.Fatalf("write: %+v %v", st, err)
	}
	if read(t, filepath.Join(root, "x.json")) != "X" {
		t.Error("x.json lost")
	}
}

// crossDevice is a disk on which a rename into a folder named "other"
// fails as it does across file systems.
type crossDevice struct{ output.OS }

func (crossDevice) Rename(from, to string) error {
	if filepath.Base(filepath.Dir(to)) == "other" && filepath.Dir(from) != filepath.Dir(to) {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EXDEV}
	}
	return os.Rename(from, to)
}

// TestCrossDeviceTarget: a target folder on another file system (a
// symlink in the output tree) gets its file all the same.
func TestCrossDeviceTarget(t *testing.T) {
	root := t.TempDir()
	v := []output.Dir{{Root: root, Files: files("other/a.css", "A", "b", "B")}}
	if _, err := output.Write(v, crossDevice{}); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(root, "other", "a.css")) != "A" {
		t.Error("a.css not written")
	}
	if left, _ := filepath.Glob(filepath.Join(root, "*", ".errgen-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestTwoSessionsOneFolder: two errgen processes writing two kinds into
// one folder each keep their own staging folder.
func TestTwoSessionsOneFolder(t *testing.T) {
	root := t.TempDir()
	a, err := output.Open([]output.Dir{{Root: root, Kind: "go"}}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Put(0, output.File{Path: "a.go", Data: []byte("A")}); err != nil {
		t.Fatal(err)
	}
	b, err := output.Open([]output.Dir{{Root: root, Kind: "schema"}}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Put(0, output.File{Path: "b.json", Data: []byte("B")}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*output.Session{a, b} {
		if _, err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if read(t, filepath.Join(root, "a.go")) != "A" || read(t, filepath.Join(root, "b.json")) != "B" {
		t.Error("a file is missing")
	}
}

// blockingRemove is a disk whose Remove waits until released.
type blockingRemove struct {
	output.OS
	entered, release chan struct{}
}

func (d *blockingRemove) Remove(p string) error {
	d.entered <- struct{}{}
	<-d.release
	return os.Remove(p)
}

// TestSecondAbortWaits: a second Abort (or a Commit) returns only once
// the first Abort has cleaned up.
func TestSecondAbortWaits(t *testing.T) {
	base := t.TempDir()
	before := tree(t, base)
	d := &blockingRemove{entered: make(chan struct{}), release: make(chan struct{})}
	s, err := output.Open([]output.Dir{{Root: filepath.Join(base, "out"), Kind: "site"}}, d, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(0, output.File{Path: "x", Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	go s.Abort()
	<-d.entered // the first Abort is removing the staged file
	second := make(chan error)
	go func() { _, err := s.Commit(); second <- err }()
	select {
	case <-second:
		t.Fatal("Commit returned while Abort was still cleaning up")
	case <-time.After(50 * time.Millisecond):
	}
	close(d.release)
	if err := <-second; err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if after := tree(t, base); after != before {
		t.Errorf("left:\n%s\nwas:\n%s", after, before)
	}
}

// stuckRemove is a disk on which one named file cannot be removed.
type stuckRemove struct {
	output.OS
	name string
}

func (d stuckRemove) Remove(p string) error {
	if filepath.Base(p) == d.name {
		return errors.New("busy")
	}
	return os.Remove(p)
}

// TestStaleFileThatCannotBeRemoved stays in the manifest, so a later run
// still owns it and deletes it.
func TestStaleFileThatCannotBeRemoved(t *testing.T) {
	root := t.TempDir()
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "1", "b", "1", "c", "1")}}, nil); err != nil {
		t.Fatal(err)
	}
	st, err := output.Write([]output.Dir{{Root: root, Files: files("a", "1")}}, stuckRemove{name: "b"})
	if err == nil || st.Deleted != 1 {
		t.Fatalf("want one deletion and the busy error, got %+v %v", st, err)
	}
	if st, err := output.Write([]output.Dir{{Root: root, Files: files("a", "1")}}, nil); err != nil || st.Deleted != 1 {
		t.Fatalf("the next run: %+v %v", st, err)
	}
	if _, err := os.Stat(filepath.Join(root, "b")); !errors.Is(err, os.ErrNotExist) {
		t.Error("b survived")
	}
}

// failRename fails the n-th rename of a staged file.
type failRename struct {
	output.OS
	n *int
}

func (d failRename) Rename(from, to string) error {
	if !strings.HasSuffix(to, ".manifest") {
		if *d.n--; *d.n == 0 {
			return errors.New("rename failed")
		}
	}
	return os.Rename(from, to)
}

// TestPartialCommitStaysOwned: files a failed commit already replaced are
// in the manifest, so the next run replaces them instead of refusing.
func TestPartialCommitStaysOwned(t *testing.T) {
	root := t.TempDir()
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "1")}}, nil); err != nil {
		t.Fatal(err)
	}
	n := 3
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "2", "b", "2", "c", "2")}}, failRename{n: &n}); err == nil {
		t.Fatal("want the rename failure")
	}
	if _, err := output.Write([]output.Dir{{Root: root, Files: files("a", "3", "b", "3", "c", "3")}}, nil); err != nil {
		t.Fatalf("the next run: %v", err)
	}
}

// TestCheckMissingFolder: everything of a folder never generated is
// missing, its manifest included.
func TestCheckMissingFolder(t *testing.T) {
	root := filepath.Join(t.TempDir(), "never")
	changes, err := output.Check([]output.Dir{{Root: root, Kind: "site", Files: files("a", "1")}})
	if err != nil || len(changes) != 2 {
		t.Fatalf("%v %v", changes, err)
	}
	for _, c := range changes {
		if c.Kind != "missing" {
			t.Errorf("%v: want missing", c)
		}
	}
}
