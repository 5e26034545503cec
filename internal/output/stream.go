package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Session takes rendered files one at a time, as the renderers produce
// them, so a large site is never held in memory whole. Each file is
// compared with the disk when it arrives: an unchanged one is only
// counted, a changed one goes to a temporary file beside its target (or,
// in a check session, becomes a Change). Nothing replaces a target before
// Commit, which renames every temporary over its target, deletes the
// stale outputs of earlier runs and updates the manifests; Abort, or any
// error, removes the temporaries and the folders the session created, so
// a failed run leaves the disk as it was.
//
// Put may be called from several goroutines.
type Session struct {
	disk  Disk
	check bool

	mu      sync.Mutex
	dirs    []*dirState
	staged  []staged
	changes []Change
	stats   Stats
	err     error // the first failure; the session is dead after it
}

type dirState struct {
	Dir     // Root and Kind; Files collects the paths seen
	prev    map[string]bool
	seen    map[string]bool
	created string // the topmost folder this session creates for Root, or ""
}

type staged struct{ tmp, dst, root string }

// Open starts a session over the output folders dirs (their Files are
// ignored). check: compare only, write nothing.
func Open(dirs []Dir, disk Disk, check bool) (*Session, error) {
	if disk == nil {
		disk = OS{}
	}
	s := &Session{disk: disk, check: check}
	for _, d := range dirs {
		if fi, err := os.Stat(d.Root); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("output folder %s is a file", d.Root)
		}
		prev, err := readManifest(d)
		if err != nil {
			return nil, err
		}
		ds := &dirState{Dir: Dir{Root: d.Root, Kind: d.Kind}, prev: map[string]bool{}, seen: map[string]bool{}, created: firstMissing(d.Root)}
		for _, p := range prev {
			ds.prev[p] = true
		}
		s.dirs = append(s.dirs, ds)
	}
	return s, nil
}

// Put adds one file of the dir-th folder given to Open. The session keeps
// no reference to f.Data.
func (s *Session) Put(dir int, f File) error {
	d := s.dirs[dir]
	if f.Path == "" || !fs.ValidPath(f.Path) || strings.HasPrefix(path.Base(f.Path), ".errgen") {
		return s.fail(fmt.Errorf("output path %q is not a plain relative path", f.Path))
	}
	s.mu.Lock()
	dup, dead := d.seen[f.Path], s.err != nil
	d.seen[f.Path] = true
	s.mu.Unlock()
	switch {
	case dead:
		return errors.New("output: session already failed")
	case dup:
		return s.fail(fmt.Errorf("output path %q is rendered twice", f.Path))
	}

	dst := filepath.Join(d.Root, filepath.FromSlash(f.Path))
	old, err := os.ReadFile(dst)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return s.fail(err)
	}
	if exists && bytes.Equal(old, f.Data) {
		s.mu.Lock()
		s.stats.Unchanged++
		s.mu.Unlock()
		return nil
	}
	if s.check {
		kind := "missing"
		if exists {
			kind = "stale"
		}
		s.mu.Lock()
		s.changes = append(s.changes, Change{Path: path.Join(filepath.ToSlash(d.Root), f.Path), Kind: kind})
		s.mu.Unlock()
		return nil
	}
	// errgen never overwrites a file it did not write: one that is not
	// in the folder's manifest and is not errgen's own generated Go. A
	// service's own errors.go must survive `errgen -go . -package apierr`.
	if exists && !d.prev[f.Path] && !generatedGo(old) {
		return s.fail(fmt.Errorf("refusing to overwrite %s: errgen did not write it (it is not in %s); move it or delete it", dst, d.manifestPath()))
	}
	return s.stage(d.Root, dst, f.Data)
}

func (s *Session) stage(root, dst string, data []byte) error {
	tmp, err := s.disk.WriteTemp(filepath.Dir(dst), data)
	if err != nil {
		return s.fail(fmt.Errorf("write %s: %w", dst, err))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil { // failed meanwhile: Abort may have run already
		s.disk.Remove(tmp)
		removeEmptyParents(root, tmp)
		return s.err
	}
	s.staged = append(s.staged, staged{tmp, dst, root})
	return nil
}

// fail records the session's first error and returns err.
func (s *Session) fail(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
	return err
}

// stale lists, per folder, the earlier outputs this session did not
// produce that are still on disk.
func (d *dirState) stale() ([]string, error) {
	var out []string
	for p := range d.prev {
		if d.seen[p] {
			continue
		}
		full := filepath.Join(d.Root, filepath.FromSlash(p))
		fi, err := os.Lstat(full)
		if err != nil {
			continue
		}
		// Deleting happens after the renames; make sure it cannot fail.
		if fi.IsDir() {
			return nil, fmt.Errorf("%s was an output and is now a folder; remove it first", full)
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

// Changes ends a check session: every output that differs from the disk,
// sorted.
func (s *Session) Changes() ([]Change, error) {
	if s.err != nil {
		return nil, s.err
	}
	for _, d := range s.dirs {
		stale, err := d.stale()
		if err != nil {
			return nil, err
		}
		for _, p := range stale {
			s.changes = append(s.changes, Change{Path: path.Join(filepath.ToSlash(d.Root), p), Kind: "extra"})
		}
		if !bytes.Equal(d.manifest(), mustRead(d.manifestPath())) {
			s.changes = append(s.changes, Change{Path: filepath.ToSlash(d.manifestPath()), Kind: "stale"})
		}
	}
	slices.SortFunc(s.changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return s.changes, nil
}

// Commit puts every staged file in place, deletes stale outputs and
// writes the manifests. It fails, undoing the session, if any Put failed.
func (s *Session) Commit() (Stats, error) {
	if s.err != nil {
		s.Abort()
		return Stats{}, s.err
	}
	stale := make([][]string, len(s.dirs))
	for i, d := range s.dirs {
		var err error
		if stale[i], err = d.stale(); err != nil {
			s.Abort()
			return Stats{}, err
		}
		m := d.manifest()
		if !bytes.Equal(m, mustRead(d.manifestPath())) {
			if err := s.stage(d.Root, d.manifestPath(), m); err != nil {
				s.Abort()
				return Stats{}, err
			}
		}
	}
	st := s.stats
	for i, r := range s.staged {
		if err := s.disk.Rename(r.tmp, r.dst); err != nil {
			s.staged = s.staged[i:]
			s.Abort()
			return st, fmt.Errorf("write %s: %w", r.dst, err)
		}
		if !isManifest(r.dst) {
			st.Written++
		}
	}
	s.staged = nil
	for i, d := range s.dirs {
		for _, p := range stale[i] {
			full := filepath.Join(d.Root, filepath.FromSlash(p))
			if err := s.disk.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
				return st, err
			}
			removeEmptyParents(d.Root, full)
			st.Deleted++
		}
	}
	return st, nil
}

// Abort removes every temporary and the folders this session created.
func (s *Session) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = errors.New("output: session aborted")
	}
	for _, st := range s.staged {
		s.disk.Remove(st.tmp)
		removeEmptyParents(st.root, st.tmp)
	}
	s.staged = nil
	for _, d := range s.dirs {
		if d.created == "" {
			continue
		}
		// Remove the folders this session created, innermost first, if empty.
		for dir := filepath.Clean(d.Root); len(dir) >= len(d.created); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break
			}
		}
	}
}

// Dirs returns the folders with the paths (no data) of every file put,
// sorted: what Stamp records.
func (s *Session) Dirs() []Dir {
	out := make([]Dir, len(s.dirs))
	for i, d := range s.dirs {
		out[i] = Dir{Root: d.Root, Kind: d.Kind}
		for _, p := range d.paths() {
			out[i].Files = append(out[i].Files, File{Path: p})
		}
	}
	return out
}

func (d *dirState) paths() []string {
	paths := make([]string, 0, len(d.seen))
	for p := range d.seen {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

func (d *dirState) manifest() []byte {
	var b bytes.Buffer
	b.WriteString("# Files errgen wrote here; it deletes only these when they go stale. Do not edit.\n")
	for _, p := range d.paths() {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}
