package output

import (
	"fmt"
	"os"
	"path/filepath"
)

// Stats counts what Write did.
type Stats struct {
	Written, Unchanged, Deleted int
}

// Writer is the disk Write uses; tests inject failures through it.
type Writer interface {
	WriteFile(path string, data []byte) error
	Remove(path string) error
}

// Write puts every Dir in place. Only files whose bytes differ are
// written, each atomically (a temp file in the same folder, then rename),
// so an interrupted run leaves every file either old or new, and unchanged
// files keep their mtime. Files a previous run wrote and this one does not
// are deleted. Everything is validated before the first write.
func Write(dirs []Dir, w Writer) (Stats, error) {
	if w == nil {
		w = Disk{}
	}
	var st Stats
	type job struct {
		d     Dir
		extra []string
	}
	jobs := make([]job, 0, len(dirs))
	for _, d := range dirs {
		if err := validate(d); err != nil {
			return st, err
		}
		_, extra, err := plan(d)
		if err != nil {
			return st, err
		}
		jobs = append(jobs, job{d, extra})
	}
	for _, j := range jobs {
		for _, f := range j.d.Files {
			p := filepath.Join(j.d.Root, filepath.FromSlash(f.Path))
			if old, err := os.ReadFile(p); err == nil && string(old) == string(f.Data) {
				st.Unchanged++
				continue
			}
			if err := w.WriteFile(p, f.Data); err != nil {
				return st, err
			}
			st.Written++
		}
		for _, p := range j.extra {
			if err := w.Remove(filepath.Join(j.d.Root, filepath.FromSlash(p))); err != nil {
				return st, err
			}
			st.Deleted++
		}
		mp := filepath.Join(j.d.Root, ManifestName)
		if m := manifest(j.d); string(mustRead(mp)) != string(m) {
			if err := w.WriteFile(mp, m); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// Disk writes to the real file system.
type Disk struct{}

// WriteFile writes atomically: temp file in the same folder, then rename.
func (Disk) WriteFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".errgen-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := firstErr(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Remove deletes a stale output and any folders it leaves empty.
func (Disk) Remove(path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // fails when not empty: stop there
			return nil
		}
	}
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
