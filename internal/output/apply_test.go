package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestWriteCheckDelete(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		root := filepath.Join(t.TempDir(), "out")
		v1 := []Dir{{Root: root, Alone: alone, Files: files("a.txt", "A", "errors/x/index.html", "X", "errors/y/index.html", "Y")}}
		st, err := write(v1)
		if err != nil || st.Written != 3 {
			t.Fatalf("first write: %+v, %v", st, err)
		}
		if ch := check(t, v1); len(ch) != 0 {
			t.Fatalf("check after write: %v", ch)
		}
		old := time.Now().Add(-time.Hour)
		os.Chtimes(filepath.Join(root, "a.txt"), old, old)
		st, err = write(v1)
		if err != nil || st.Written != 0 || st.Unchanged != 3 {
			t.Fatalf("no-op rerun: %+v, %v", st, err)
		}
		v2 := []Dir{{Root: root, Alone: alone, Files: files("a.txt", "A", "errors/x/index.html", "X2")}}
		got := strings.Join(kinds(root, check(t, v2)), "\n")
		want := "ROOT/" + ManifestName("") + " differs\nROOT/errors/x/index.html differs\nROOT/errors/y/index.html stale"
		if got != want {
			t.Errorf("check:\n%s\nwant\n%s", got, want)
		}
		st, err = write(v2)
		if err != nil || st.Written != 1 || st.Deleted != 1 || st.Unchanged != 1 {
			t.Fatalf("second write: %+v, %v", st, err)
		}
		if fi, _ := os.Stat(filepath.Join(root, "a.txt")); !fi.ModTime().Equal(old) {
			t.Error("an unchanged file was rewritten (mtime moved)")
		}
		if _, err := os.Stat(filepath.Join(root, "errors", "y")); !errors.Is(err, os.ErrNotExist) {
			t.Error("the removed error's folder is still there")
		}
		if read(t, filepath.Join(root, "errors", "x", "index.html")) != "X2" {
			t.Error("the changed file was not written")
		}
		if entries, _ := os.ReadDir(filepath.Dir(root)); len(entries) != 1 {
			t.Errorf("left beside the output folder: %v", entries)
		}
	})
}

// TestSharedKeepsUserFiles: a file of the user's in a shared folder
// survives every run and is no change; in a folder errgen writes alone
// it is a stray, and generate refuses to lose it.
func TestSharedKeepsUserFiles(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		root := t.TempDir()
		v := []Dir{{Root: root, Alone: alone, Files: files("a", "1")}}
		if _, err := write(v); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(root, "embed.go"), []byte("mine"), 0o644)
		v[0].Files = files("a", "2")
		before := tree(t, root)
		_, err := write(v)
		if alone {
			if err == nil || !strings.Contains(err.Error(), "embed.go") || !has(check(t, v), Change{Path: filepath.ToSlash(root) + "/embed.go", Kind: Stray}) {
				t.Errorf("want a refusal naming the stray, got %v", err)
			}
			if tree(t, root) != before {
				t.Error("the refused run changed the folder")
			}
			return
		}
		if err != nil || read(t, filepath.Join(root, "a")) != "2" || read(t, filepath.Join(root, "embed.go")) != "mine" {
			t.Errorf("write: %v", err)
		}
	})
}

// TestAloneSwapKeepsUnchangedFiles: the new copy of a folder errgen
// writes alone links the unchanged files, so they keep inode and mtime.
func TestAloneSwapKeepsUnchangedFiles(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	v := []Dir{{Root: root, Alone: true, Files: files("same", "1", "changes", "1")}}
	if _, err := write(v); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(filepath.Join(root, "same"))
	v[0].Files = files("same", "1", "changes", "2")
	if _, err := write(v); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(root, "same"))
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) {
		t.Error("the unchanged file was rewritten")
	}
	if read(t, filepath.Join(root, "changes")) != "2" {
		t.Error("the changed file was not written")
	}
}

// TestFailedApplyKeepsPreviousOutputs fails every step before the commit
// in turn: the previous outputs stay exactly as they were, with nothing
// left beside them, and the next run succeeds.
func TestFailedApplyKeepsPreviousOutputs(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		base := t.TempDir()
		root := filepath.Join(base, "out")
		v1 := []Dir{{Root: root, Alone: alone, Files: files("a", "1", "b/c", "1", "stale", "1")}}
		if _, err := write(v1); err != nil {
			t.Fatal(err)
		}
		before := tree(t, base)
		v2 := []Dir{{Root: root, Alone: alone, Files: files("a", "1", "b/c", "2", "d/e/f", "2")}}
		for n := 1; ; n++ {
			_, err := writeWith(v2, failAt("", n))
			if err == nil {
				t.Fatalf("no failure at step %d: the commit has fewer steps", n)
			}
			if !strings.Contains(err.Error(), "injected") {
				t.Fatalf("step %d: %v", n, err)
			}
			if strings.Contains(err.Error(), "at commit") {
				break // every step before the commit has been failed
			}
			if after := tree(t, base); after != before {
				t.Fatalf("step %d (%v) changed the outputs:\n%s\nwas\n%s", n, err, after, before)
			}
		}
		if _, err := write(v2); err != nil || len(check(t, v2)) != 0 {
			t.Errorf("the next run: %v", err)
		}
	})
}

// TestInterruptedApply: a context that ends before the commit leaves the
// outputs as they were and says so.
func TestInterruptedApply(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		base := t.TempDir()
		root := filepath.Join(base, "out")
		if _, err := write([]Dir{{Root: root, Alone: alone, Files: files("a", "1")}}); err != nil {
			t.Fatal(err)
		}
		before := tree(t, base)
		p, err := NewPlan([]Dir{{Root: root, Alone: alone, Files: files("a", "2", "b", "2")}})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		p.hook = func(step string) error {
			if strings.HasPrefix(step, "write") {
				cancel() // an interrupt while the new files are written
			}
			return nil
		}
		if _, err := p.Apply(ctx); !errors.Is(err, ErrInterrupted) {
			t.Errorf("want ErrInterrupted, got %v", err)
		}
		if after := tree(t, base); after != before {
			t.Errorf("an interrupted run changed:\n%s\nwas\n%s", after, before)
		}
	})
}

// TestFailedRunLeavesNothing: a bad later output folder stops the plan
// before anything is made; a failed first run removes the folders it made.
func TestFailedRunLeavesNothing(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		base := t.TempDir()
		file := filepath.Join(base, "afile")
		os.WriteFile(file, nil, 0o644)
		dirs := []Dir{
			{Root: filepath.Join(base, "go"), Files: files("errors.go", "package x\n")},
			{Root: file, Alone: alone, Files: files("index.html", "x")},
		}
		if _, err := write(dirs); err == nil || !strings.Contains(err.Error(), "is a file") {
			t.Fatalf("want an error for an output folder that is a file, got %v", err)
		}
		dirs = []Dir{{Root: filepath.Join(base, "new", "deeper", "out"), Alone: alone, Files: files("a/b/c.txt", "1", "d.txt", "2")}}
		if _, err := writeWith(dirs, failAt("write", 2)); err == nil {
			t.Fatal("want the injected failure")
		}
		if entries, _ := os.ReadDir(base); len(entries) != 1 {
			t.Errorf("a failed run left %v", entries)
		}
	})
}

// TestInterruptedRunCleanedUp: what a killed run leaves (a staging
// folder in a shared folder, a copy beside a folder errgen writes alone)
// is a Leftover in check, and the next generate removes it.
func TestInterruptedRunCleanedUp(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		base := t.TempDir()
		root := filepath.Join(base, "site")
		v := []Dir{{Root: root, Alone: alone, Files: files("a/x.html", "1")}}
		if _, err := write(v); err != nil {
			t.Fatal(err)
		}
		// What a killed process leaves: a folder no running process owns.
		left := filepath.Join(root, StagingPrefix+"999999999-1")
		if alone {
			left = filepath.Join(base, ".site"+copyInfix+"999999999-1")
		}
		os.MkdirAll(filepath.Join(left, "a"), 0o755)
		os.WriteFile(filepath.Join(left, "a", "x.html"), []byte("2"), 0o644)
		live := filepath.Join(root, fmt.Sprintf("%s%d-1", StagingPrefix, os.Getpid())) // a run in progress
		if alone {
			live = filepath.Join(base, fmt.Sprintf(".site%s%d-1", copyInfix, os.Getpid()))
		}
		os.MkdirAll(live, 0o755)
		changes := check(t, v)
		if len(changes) != 1 || changes[0].Path != filepath.ToSlash(left) || changes[0].Kind != Leftover {
			t.Fatalf("check after an interrupted run: %v", changes)
		}
		if _, err := write(v); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the next run left %s: %v", left, err)
		}
		if _, err := os.Stat(live); err != nil {
			t.Errorf("the next run removed a live run's folder: %v", err)
		}
	})
}

// TestTwoProcessesOneFolder: two runs writing two kinds into one folder
// at once (plans made before either applies, applied side by side) each
// keep their own staging folder and both outputs land.
func TestTwoProcessesOneFolder(t *testing.T) {
	for range 20 {
		root := t.TempDir()
		a, err := NewPlan([]Dir{{Root: root, Kind: "go", Files: files("a.go", "A", "x/a", "A")}})
		if err != nil {
			t.Fatal(err)
		}
		b, err := NewPlan([]Dir{{Root: root, Kind: "schema", Files: files("b.json", "B", "x/b", "B")}})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, p := range []*Plan{a, b} {
			wg.Go(func() { _, errs[i] = p.Apply(context.Background()) })
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if read(t, filepath.Join(root, "a.go")) != "A" || read(t, filepath.Join(root, "x", "b")) != "B" {
			t.Fatal("a file is missing")
		}
		if left, _ := filepath.Glob(filepath.Join(root, ".errgen-staging-*")); len(left) != 0 {
			t.Fatalf("left: %v", left)
		}
	}
}

// TestStaleFileThatCannotBeRemoved stays in the manifest, so a later run
// still owns it and deletes it.
func TestStaleFileThatCannotBeRemoved(t *testing.T) {
	root := t.TempDir()
	if _, err := write([]Dir{{Root: root, Files: files("a", "1", "b", "1", "c", "1")}}); err != nil {
		t.Fatal(err)
	}
	st, err := writeWith([]Dir{{Root: root, Files: files("a", "1")}}, failAt("remove b", 1))
	if err == nil || st.Deleted != 1 {
		t.Fatalf("want one deletion and the injected error, got %+v %v", st, err)
	}
	if st, err := write([]Dir{{Root: root, Files: files("a", "1")}}); err != nil || st.Deleted != 1 {
		t.Fatalf("the next run: %+v %v", st, err)
	}
	if _, err := os.Stat(filepath.Join(root, "b")); !errors.Is(err, os.ErrNotExist) {
		t.Error("b survived")
	}
}

// TestPartialCommitStaysOwned: a shared folder's commit that fails after
// some renames leaves a manifest that owns old and new files alike, so
// the next run finishes the job instead of refusing; a file↔folder change
// included.
func TestPartialCommitStaysOwned(t *testing.T) {
	asFile, asFolder := files("a/b", "file", "x", "1"), files("a/b/c", "1", "a/b/d", "1", "x", "2", "y", "2")
	for _, step := range [][2][]File{{asFile, asFolder}, {asFolder, asFile}} {
		for fail := 1; fail <= len(step[1]); fail++ {
			root := t.TempDir()
			if _, err := write([]Dir{{Root: root, Files: step[0]}}); err != nil {
				t.Fatal(err)
			}
			v2 := []Dir{{Root: root, Files: step[1]}}
			if _, err := writeWith(v2, failAt("rename", fail+1)); err == nil { // the first rename is the manifest's
				continue // fewer renames than that
			}
			if _, err := write(v2); err != nil {
				t.Errorf("%s, rename %d failed; the next run: %v", step[1][0].Path, fail, err)
			} else if ch := check(t, v2); len(ch) != 0 {
				t.Errorf("%s, rename %d failed; check after the next run: %v", step[1][0].Path, fail, ch)
			}
		}
	}
}

// TestCreatedParentsRemoved: folders a failed run made above its output
// folder go too, in both modes.
func TestCreatedParentsRemoved(t *testing.T) {
	both(t, func(t *testing.T, alone bool) {
		base := t.TempDir()
		dirs := []Dir{{Root: filepath.Join(base, "a", "b", "c"), Alone: alone, Files: files("x", "1", "y", "2")}}
		if _, err := writeWith(dirs, failAt("write", 2)); err == nil {
			t.Fatal("want the injected failure")
		}
		if entries, _ := os.ReadDir(base); len(entries) != 0 {
			t.Errorf("a failed run left %v", entries)
		}
	})
}

// TestExchangeByRenames: the fallback for file systems without
// RENAME_EXCHANGE swaps too.
func TestExchangeByRenames(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
	os.MkdirAll(a, 0o755)
	os.MkdirAll(b, 0o755)
	os.WriteFile(filepath.Join(a, "f"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(b, "f"), []byte("b"), 0o644)
	for _, swap := range []func(a, b string) error{exchangeByRenames, exchange} {
		if err := swap(a, b); err != nil {
			if errors.Is(err, syscall.ENOSYS) {
				continue
			}
			t.Fatal(err)
		}
		if read(t, filepath.Join(a, "f")) != "b" || read(t, filepath.Join(b, "f")) != "a" {
			t.Error("not swapped")
		}
		a, b = b, a
	}
	if entries, _ := os.ReadDir(base); len(entries) != 2 {
		t.Errorf("left: %v", entries)
	}
}

// TestTwoProcessesOneAloneFolder: two runs swapping the same folder at
// once leave one of the two whole, never a mix.
func TestTwoProcessesOneAloneFolder(t *testing.T) {
	for range 20 {
		root := filepath.Join(t.TempDir(), "site")
		if _, err := write([]Dir{{Root: root, Alone: true, Files: files("a", "0", "b/c", "0")}}); err != nil {
			t.Fatal(err)
		}
		var plans []*Plan
		for _, v := range []string{"1", "2"} {
			p, err := NewPlan([]Dir{{Root: root, Alone: true, Files: files("a", v, "b/c", v, "d"+v, v)}})
			if err != nil {
				t.Fatal(err)
			}
			plans = append(plans, p)
		}
		var wg sync.WaitGroup
		for _, p := range plans {
			wg.Go(func() { p.Apply(context.Background()) }) // one may fail: the other swapped first
		}
		wg.Wait()
		v := read(t, filepath.Join(root, "a"))
		other := map[string]string{"1": "2", "2": "1"}[v]
		_, err := os.Stat(filepath.Join(root, "d"+other))
		if read(t, filepath.Join(root, "b", "c")) != v || read(t, filepath.Join(root, "d"+v)) != v || err == nil ||
			!strings.Contains(read(t, filepath.Join(root, ManifestName(""))), "d"+v+"\n") {
			got := tree(t, root)
			t.Fatalf("a mix:\n%s", got)
		}
		if entries, _ := os.ReadDir(filepath.Dir(root)); len(entries) != 1 {
			t.Fatalf("left beside the folder: %v", entries)
		}
	}
}
