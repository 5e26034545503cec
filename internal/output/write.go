package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// Write puts every Dir in place, in two phases. First every changed file
// is written to a temporary file beside its target; if any of that fails,
// the temporaries are removed and nothing on disk has changed. Then the
// temporaries are renamed over their targets (atomic per file), stale
// outputs a previous run wrote are deleted, and manifests are updated.
// Unchanged files are not touched, so their mtimes stay and build caches
// stay warm.
func Write(dirs []Dir, disk Disk) (Stats, error) {
	if disk == nil {
		disk = OS{}
	}
	var st Stats
	type rename struct{ tmp, dst string }
	var staged []rename
	type staleFile struct{ root, path string }
	var stale []staleFile
	cleanup := func() {
		for _, r := range staged {
			disk.Remove(r.tmp)
		}
	}
	stage := func(dst string, data []byte) error {
		if old, err := os.ReadFile(dst); err == nil && string(old) == string(data) {
			return nil
		}
		tmp, err := disk.WriteTemp(filepath.Dir(dst), data)
		if err != nil {
			return fmt.Errorf("write %s: %w", dst, err)
		}
		staged = append(staged, rename{tmp, dst})
		return nil
	}
	for _, d := range dirs {
		if err := validate(d); err != nil {
			return st, err
		}
		_, extra, err := plan(d)
		if err != nil {
			return st, err
		}
		for _, p := range extra {
			stale = append(stale, staleFile{d.Root, filepath.Join(d.Root, filepath.FromSlash(p))})
		}
		for _, f := range append(d.Files, File{Path: ManifestName, Data: manifest(d)}) {
			if err := stage(filepath.Join(d.Root, filepath.FromSlash(f.Path)), f.Data); err != nil {
				cleanup()
				return Stats{}, err
			}
		}
	}
	for i, r := range staged {
		if err := disk.Rename(r.tmp, r.dst); err != nil {
			staged = staged[i:]
			cleanup()
			return st, fmt.Errorf("write %s: %w", r.dst, err)
		}
		if filepath.Base(r.dst) != ManifestName {
			st.Written++
		}
	}
	for _, s := range stale {
		if err := disk.Remove(s.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return st, err
		}
		removeEmptyParents(s.root, s.path)
		st.Deleted++
	}
	for _, d := range dirs {
		st.Unchanged += len(d.Files)
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
