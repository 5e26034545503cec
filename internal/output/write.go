package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Stats counts what Write did.
type Stats struct {
	Written, Unchanged, Deleted int
}

// Disk is what Write needs of a file system; tests inject failures
// through it. OS is the real one.
type Disk interface {
	// WriteTemp writes data to a new temporary file in dir and returns its path.
	WriteTemp(dir string, data []byte) (string, error)
	Rename(from, to string) error
	Remove(path string) error
}

// Write puts every Dir in place, in two phases. First every Dir is
// checked and every changed file is written to a temporary file beside
// its target; if anything fails, the temporaries (and folders this run
// created) are removed and the disk is as it was. Then the temporaries
// are renamed over their targets (atomic per file), stale outputs a
// previous run wrote are deleted, and manifests are updated. Unchanged
// files are not touched, so their mtimes stay and build caches stay warm.
func Write(dirs []Dir, disk Disk) (Stats, error) {
	if disk == nil {
		disk = OS{}
	}
	plans, err := planAll(dirs)
	if err != nil {
		return Stats{}, err
	}
	st := &stager{disk: disk}
	for _, p := range plans {
		if err := st.stageDir(p); err != nil {
			st.abort()
			return Stats{}, err
		}
	}
	return st.commit(plans)
}

// dirPlan is one Dir checked against the disk.
type dirPlan struct {
	Dir
	stale   []string // previous outputs no longer rendered, joined with Root
	created string   // the topmost folder this run must create for Root, or ""
}

// firstMissing returns the topmost ancestor of dir (dir included) that
// does not exist yet, or "" when dir exists.
func firstMissing(dir string) string {
	missing := ""
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			return missing
		}
		missing = d
		if parent := filepath.Dir(d); parent == d {
			return missing
		}
	}
}

func isManifest(path string) bool {
	base := filepath.Base(path)
	return strings.HasPrefix(base, ".errgen") && strings.HasSuffix(base, ".manifest")
}

// planAll checks every Dir before anything is written, so a bad output
// folder or a file errgen did not write stops the run with nothing done.
func planAll(dirs []Dir) ([]dirPlan, error) {
	plans := make([]dirPlan, 0, len(dirs))
	for _, d := range dirs {
		if err := validate(d); err != nil {
			return nil, err
		}
		_, extra, err := plan(d)
		if err != nil {
			return nil, err
		}
		if err := refuseForeign(d); err != nil {
			return nil, err
		}
		p := dirPlan{Dir: d, created: firstMissing(d.Root)}
		for _, e := range extra {
			path := filepath.Join(d.Root, filepath.FromSlash(e))
			// Deleting happens after the renames; make sure it cannot fail.
			if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
				return nil, fmt.Errorf("%s was an output and is now a folder; remove it first", path)
			}
			p.stale = append(p.stale, path)
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// refuseForeign stops errgen from overwriting a file it did not write: a
// target that exists, differs, is not in the folder's manifest and is not
// marked as generated Go. A service's own errors.go must survive
// `errgen -go . -package apierr`.
func refuseForeign(d Dir) error {
	prev, err := readManifest(d)
	if err != nil {
		return err
	}
	mine := map[string]bool{}
	for _, p := range prev {
		mine[p] = true
	}
	for _, f := range d.Files {
		path := filepath.Join(d.Root, filepath.FromSlash(f.Path))
		old, err := os.ReadFile(path)
		if err != nil || mine[f.Path] || bytes.Equal(old, f.Data) || generatedGo(old) {
			continue
		}
		return fmt.Errorf("refusing to overwrite %s: errgen did not write it (it is not in %s); move it or delete it", path, d.manifestPath())
	}
	return nil
}

// generatedGo reports whether a file carries the standard header of
// generated Go (go.dev/s/generatedcode) in its first line.
func generatedGo(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return bytes.HasPrefix(line, []byte("// Code generated ")) && bytes.HasSuffix(line, []byte(" DO NOT EDIT."))
}

// stager writes temporaries and remembers them, to rename or to undo.
type stager struct {
	disk   Disk
	staged []staged
	roots  []dirPlan
}

type staged struct{ tmp, dst, root string }

func (s *stager) stageDir(p dirPlan) error {
	s.roots = append(s.roots, p)
	for _, f := range append(p.Files, File{Path: ManifestName(p.Kind), Data: manifest(p.Dir)}) {
		dst := filepath.Join(p.Root, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		tmp, err := s.disk.WriteTemp(filepath.Dir(dst), f.Data)
		if err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
		s.staged = append(s.staged, staged{tmp, dst, p.Root})
	}
	return nil
}

// abort removes every temporary and the folders this run created.
func (s *stager) abort() {
	for _, st := range s.staged {
		s.disk.Remove(st.tmp)
		removeEmptyParents(st.root, st.tmp)
	}
	for _, p := range s.roots {
		if p.created == "" {
			continue
		}
		// Remove the folders this run created, innermost first, if empty.
		for d := filepath.Clean(p.Root); len(d) >= len(p.created); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
}

func (s *stager) commit(plans []dirPlan) (Stats, error) {
	var st Stats
	for i, r := range s.staged {
		if err := s.disk.Rename(r.tmp, r.dst); err != nil {
			s.staged = s.staged[i:]
			s.abort()
			return st, fmt.Errorf("write %s: %w", r.dst, err)
		}
		if !isManifest(r.dst) {
			st.Written++
		}
	}
	for _, p := range plans {
		for _, path := range p.stale {
			if err := s.disk.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return st, err
			}
			removeEmptyParents(p.Root, path)
			st.Deleted++
		}
		st.Unchanged += len(p.Files)
	}
	st.Unchanged -= st.Written
	return st, nil
}

// removeEmptyParents removes the folders a deleted output leaves empty,
// up to but not including the output folder itself.
func removeEmptyParents(root, path string) {
	root = filepath.Clean(root)
	for dir := filepath.Dir(path); dir != root && len(dir) > len(root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // fails when not empty: stop there
			return
		}
	}
}

// OS writes to the real file system.
type OS struct{}

// WriteTemp creates the folder if needed and writes a temporary file in it.
func (OS) WriteTemp(dir string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".errgen-*.tmp")
	if err != nil {
		return "", err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// Rename moves a temporary file over its target.
func (OS) Rename(from, to string) error { return os.Rename(from, to) }

// Remove deletes a file.
func (OS) Remove(path string) error { return os.Remove(path) }
