package output

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
)

// ErrInterrupted is what Apply returns when its context ends before the
// commit: no output has changed.
var ErrInterrupted = errors.New("interrupted; no output was changed")

// PauseEnv names a test hook: set to N, Apply stops before its N-th step
// (a file written, linked, renamed or removed, or the swap of a folder),
// says so on stderr and waits until its context ends, so a test can kill
// the process at a known point of the commit. Nothing else reads it.
const PauseEnv = "ERRGEN_TEST_PAUSE_COMMIT"

// applier is one run of Apply.
type applier struct {
	p         *Plan
	ctx       context.Context
	tag       string     // "<pid>-<random>": names this run's staging folders and copies
	mu        sync.Mutex // steps are taken one at a time, by any writer
	steps     int
	pauseAt   int
	committed bool // past the point where the outputs start to change
	st        Stats
	made      []string // folders made for output roots, removed on failure when empty
}

// Apply makes the disk match the plan. It refuses (changing nothing) a
// plan with a Foreign, Stray or Unsafe change. Everything that can fail
// before an output changes comes first: the new files are written to
// staging folders (shared folders) or to a new copy of the folder
// (folders errgen writes alone); if that fails, or ctx ends meanwhile,
// they are removed and Apply returns with the outputs as they were
// (ErrInterrupted for ctx). Then the commit: a copy is swapped in with
// one atomic rename; a shared folder's staged files are renamed over
// their targets one by one and its stale files deleted, its manifest
// first widened to the old and new outputs so that whatever a failure
// leaves is still errgen's to finish. The commit runs to its end even if
// ctx ends during it.
func (p *Plan) Apply(ctx context.Context) (Stats, error) {
	if err := p.Err(); err != nil {
		return Stats{}, err
	}
	a := &applier{p: p, ctx: ctx, tag: fmt.Sprintf("%d-%s", os.Getpid(), strconv.FormatUint(rand.Uint64(), 36))}
	a.pauseAt, _ = strconv.Atoi(os.Getenv(PauseEnv))
	a.st.Unchanged = p.unchanged
	for _, d := range p.dirs {
		for _, left := range d.left {
			if err := os.RemoveAll(left); err != nil {
				return Stats{}, fmt.Errorf("remove %s, left by an interrupted run: %w", left, err)
			}
		}
	}
	if err := a.prepare(); err != nil {
		a.undo()
		return Stats{}, err
	}
	point := a.steps
	a.committed = true
	// Stale files in the way of an output may be another kind's: every
	// way is cleared before any rename.
	if err := a.clearWays(); err != nil {
		a.undo()
		return a.st, err
	}
	var errs []error
	for _, d := range p.dirs {
		if !d.changed() {
			continue
		}
		var err error
		if d.alone {
			err = a.swap(d)
		} else {
			err = a.commitShared(d)
		}
		errs = append(errs, err)
	}
	if a.pauseAt > 0 {
		fmt.Fprintf(os.Stderr, "errgen: apply took %d steps; the outputs start to change after step %d\n", a.steps, point)
	}
	return a.st, errors.Join(errs...)
}

// changed reports whether Apply has anything to do in d.
func (d *dirPlan) changed() bool {
	return len(d.writes) > 0 || len(d.clear) > 0 || len(d.deletes) > 0 || string(d.oldMan) != string(d.newMan)
}

// step runs before every change Apply makes: the test hooks, and before
// the commit, the context's end.
func (a *applier) step(what string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.steps++
	if a.steps == a.pauseAt {
		fmt.Fprintf(os.Stderr, "errgen: paused before commit step %d (%s)\n", a.steps, what)
		<-a.ctx.Done()
	}
	if a.p.hook != nil {
		if err := a.p.hook(what); err != nil {
			return err
		}
	}
	if !a.committed && a.ctx.Err() != nil {
		return ErrInterrupted
	}
	return nil
}

// prepare writes every new file where it waits for the commit.
func (a *applier) prepare() error {
	for _, d := range a.p.dirs {
		if !d.changed() {
			continue
		}
		dir := d.real
		if d.alone {
			dir = filepath.Dir(d.real)
		}
		if err := a.mkdirAll(dir); err != nil {
			return err
		}
		var err error
		if d.alone {
			err = a.buildCopy(d)
		} else {
			err = a.stage(d)
		}
		if err != nil {
			return err
		}
	}
	return a.step("commit")
}

// mkdirAll makes an output folder (or the folder of a copy) and notes the
// folders it made.
func (a *applier) mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		missing = append(missing, d)
	}
	if len(missing) == 0 {
		return nil
	}
	if err := a.step("mkdir " + dir); err != nil {
		return err
	}
	err := os.MkdirAll(dir, 0o755)
	a.made = append(a.made, missing...) // innermost first
	return err
}

// stagingName is this run's staging folder in a shared output folder
// (one per Dir: two kinds may share the folder).
func (a *applier) stagingName(d *dirPlan) string {
	return StagingPrefix + a.tag + "-" + strconv.Itoa(slices.Index(a.p.dirs, d))
}

// copyName is this run's copy of a folder errgen writes alone.
func (a *applier) copyName(d *dirPlan) string {
	return "." + filepath.Base(d.real) + copyInfix + a.tag
}

// stage writes d's new files into its staging folder, as 0, 1, ...
func (a *applier) stage(d *dirPlan) error {
	root, err := os.OpenRoot(d.real)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.Mkdir(a.stagingName(d), 0o755); err != nil {
		return err
	}
	err = writers(len(d.writes), func(n int) error {
		i := d.writes[n]
		if err := a.write(root, path.Join(a.stagingName(d), strconv.Itoa(n)), d.Files[i].Data); err != nil {
			return fmt.Errorf("write %s: %w", joinSlash(d.Root, d.Files[i].Path), err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if d.Headed != nil {
		return nil
	}
	return a.write(root, path.Join(a.stagingName(d), "manifest"), d.newMan)
}

// write creates name in root with data, mode 0644 less the umask.
func (a *applier) write(root *os.Root, name string, data []byte) error {
	if err := a.step("write " + name); err != nil {
		return err
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}

// buildCopy builds the new copy of d beside it: new files written, the
// unchanged ones linked (so they keep their mtimes and cost no copy).
func (a *applier) buildCopy(d *dirPlan) error {
	parent, err := os.OpenRoot(filepath.Dir(d.real))
	if err != nil {
		return err
	}
	defer parent.Close()
	cp, old := a.copyName(d), filepath.Base(d.real)
	if err := parent.Mkdir(cp, 0o755); err != nil {
		return err
	}
	if fi, err := parent.Lstat(old); err == nil { // the folder keeps its mode
		parent.Chmod(cp, fi.Mode().Perm())
	}
	files := slices.Sorted(slices.Values(append(slices.Clone(d.writes), d.keep...)))
	kept := make(map[int]bool, len(d.keep))
	for _, i := range d.keep {
		kept[i] = true
	}
	// The folders first, each once, then the files side by side.
	made := map[string]bool{}
	for _, i := range files {
		if dir := path.Dir(path.Join(cp, d.Files[i].Path)); !made[dir] {
			if err := parent.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
	}
	err = writers(len(files), func(k int) error {
		f := d.Files[files[k]]
		name := path.Join(cp, f.Path)
		if kept[files[k]] {
			if err := a.step("link " + name); err != nil {
				return err
			}
			if parent.Link(path.Join(old, f.Path), name) == nil {
				return nil
			}
			// No hard links here: copy, and keep the mtime.
			fi, err := parent.Lstat(path.Join(old, f.Path))
			if err == nil {
				err = a.write(parent, name, f.Data)
			}
			if err == nil {
				err = parent.Chtimes(name, fi.ModTime(), fi.ModTime())
			}
			return err
		}
		if err := a.write(parent, name, f.Data); err != nil {
			return fmt.Errorf("write %s: %w", joinSlash(d.Root, f.Path), err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if d.Headed != nil {
		return nil
	}
	return a.write(parent, path.Join(cp, ManifestName(d.Kind)), d.newMan)
}

// undo removes what prepare made: staging folders, copies, and the
// folders made for them, when empty.
func (a *applier) undo() {
	for _, d := range a.p.dirs {
		if d.alone {
			os.RemoveAll(filepath.Join(filepath.Dir(d.real), a.copyName(d)))
		} else {
			os.RemoveAll(filepath.Join(d.real, a.stagingName(d)))
		}
	}
	for _, dir := range a.made {
		os.Remove(dir)
	}
}

// swap puts d's new copy in place of the old folder with one atomic
// rename, then removes the old copy.
func (a *applier) swap(d *dirPlan) error {
	cp := filepath.Join(filepath.Dir(d.real), a.copyName(d))
	if err := a.step("swap " + d.real); err != nil {
		return err
	}
	var err error
	if d.exists {
		err = exchange(cp, d.real)
	} else {
		err = os.Rename(cp, d.real)
	}
	if err != nil {
		os.RemoveAll(cp)
		return fmt.Errorf("put %s in place: %w", d.Root, err)
	}
	a.st.Written += len(d.writes)
	a.st.Deleted += len(d.clear) + len(d.deletes)
	if !d.exists {
		return nil
	}
	if err := a.step("remove the old " + d.real); err != nil {
		return err
	}
	return os.RemoveAll(cp)
}

// wideManifest lists d's old outputs and its new: all errgen's until the
// commit ends.
func wideManifest(d *dirPlan) []byte {
	return manifestData(append(slices.Clone(d.Files), filesOf(d.prev)...))
}

// clearWays widens the manifest of every shared folder that changes, then
// removes the stale files and folders that stand where outputs go.
func (a *applier) clearWays() error {
	var shared []*dirPlan
	for _, d := range a.p.dirs {
		if d.changed() && !d.alone {
			shared = append(shared, d)
		}
	}
	for _, d := range shared {
		if d.Headed != nil {
			continue // every file errgen writes there says it is errgen's
		}
		if err := a.inRoot(d, func(root *os.Root) error {
			if wide := wideManifest(d); string(wide) != string(d.oldMan) {
				return a.replace(root, d, "manifest-wide", ManifestName(d.Kind), wide)
			}
			return nil
		}); err != nil {
			return err
		}
	}
	for _, d := range shared {
		if err := a.inRoot(d, func(root *os.Root) error {
			for _, rel := range d.clear {
				if err := a.remove(root, rel); err != nil {
					return fmt.Errorf("remove %s, an earlier output in the way of a new one: %w", joinSlash(d.Root, rel), err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	for _, d := range shared {
		a.inRoot(d, func(root *os.Root) error {
			for _, rel := range d.folders {
				removeEmptyTree(root, rel)
			}
			return nil
		})
	}
	return nil
}

// commitShared renames d's staged files over their targets and deletes
// its stale files.
func (a *applier) commitShared(d *dirPlan) error {
	root, err := os.OpenRoot(d.real)
	if err != nil {
		return err
	}
	defer root.Close()
	defer root.RemoveAll(a.stagingName(d))
	staged := func(name string) string { return path.Join(a.stagingName(d), name) }
	man := ManifestName(d.Kind)
	wide := wideManifest(d)
	for n, i := range d.writes {
		rel := d.Files[i].Path
		if err := root.MkdirAll(path.Dir(rel), 0o755); err != nil {
			return err
		}
		if err := a.step("rename " + rel); err != nil {
			return err
		}
		if err := root.Rename(staged(strconv.Itoa(n)), rel); err != nil {
			return fmt.Errorf("write %s: %w (%d files were already replaced)", joinSlash(d.Root, rel), err, a.st.Written)
		}
		a.st.Written++
	}
	// Every stale file is tried; one that cannot be removed stays in the
	// manifest, so a later run deletes it.
	var errs []error
	var kept []File
	for _, rel := range d.deletes {
		if err := a.remove(root, rel); err != nil {
			kept = append(kept, File{Path: rel})
			errs = append(errs, err)
		}
	}
	switch {
	case d.Headed != nil && d.oldMan != nil:
		// Last, so that a run killed before it still reads its claims.
		if err := a.step("remove " + man); err != nil {
			return err
		}
		errs = append(errs, root.Remove(man))
	case d.Headed != nil:
	case len(kept) > 0:
		errs = append(errs, a.replace(root, d, "manifest-kept", man, manifestData(append(slices.Clone(d.Files), kept...))))
	case string(d.newMan) != string(wide):
		errs = append(errs, a.rename(root, staged("manifest"), man))
	}
	return errors.Join(errs...)
}

// replace puts data at name through a new staged file.
func (a *applier) replace(root *os.Root, d *dirPlan, staged, name string, data []byte) error {
	staged = path.Join(a.stagingName(d), staged)
	if err := a.write(root, staged, data); err != nil {
		return err
	}
	return a.rename(root, staged, name)
}

// rename moves a staged file over its target.
func (a *applier) rename(root *os.Root, from, to string) error {
	if err := a.step("rename " + to); err != nil {
		return err
	}
	return root.Rename(from, to)
}
