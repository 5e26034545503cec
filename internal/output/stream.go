package output

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// StagingPrefix starts the name of the folder, inside an output folder,
// where a session keeps the new contents of changed files until Commit
// renames them into place: ".errgen-staging-<pid>-<random>", one per
// session, so two errgen processes sharing an output folder never touch
// each other's. A run that is killed leaves its folder behind; the next
// session over the folder removes it (once no process of that pid is
// running), and `errgen check` reports it.
const StagingPrefix = ".errgen-staging-"

// ErrSessionFailed is what Put returns once the session has failed or
// been aborted; the failure itself is the session's Err.
var ErrSessionFailed = errors.New("output: the session has already failed")

// Session takes rendered files one at a time, as the renderers produce
// them, so a large site is never held in memory whole. Each file is
// compared with the disk when it arrives: an unchanged one is only
// counted, a changed one is written to the output folder's staging folder
// (or, in a check session, becomes a Change). Nothing replaces a target
// before Commit, which creates the target folders, renames every staged
// file over its target, deletes the stale outputs of earlier runs and
// updates the manifests. Abort, or any error before Commit, removes the
// staged files, the staging folders and the folders the session created,
// so a failed run leaves the disk as it was.
//
// Put may be called from several goroutines; Commit, Abort and Changes
// wait for the Puts in progress.
type Session struct {
	disk  Disk
	check bool

	inflight sync.WaitGroup // Puts between their start and their return
	staging  string         // this session's staging folder name (StagingPrefix…)
	closing  sync.Once      // the first of Commit, Abort and Changes ends the session
	ended    chan struct{}  // closed once it has
	result   struct {       // what it ended with, for later callers
		stats Stats
		err   error
	}

	mu      sync.Mutex
	dirs    []*dirState
	targets map[string]int // every target put, joined with its root: which dir put it
	staged  []staged
	blocked []blocker
	changes []Change
	missing []missing // a check's missing targets
	stats   Stats
	err     error // the first failure; the session takes no more files after it
	closed  bool  // Commit, Abort or Changes has started
}

type dirState struct {
	Dir            // Root (as given) and Kind
	abs     string // Root made absolute: what targets are keyed by
	prev    map[string]bool
	seen    map[string]bool
	created string // the topmost folder this session creates for Root, or ""
}

type staged struct{ tmp, dst, key string } // key: dst as targets are keyed

// missing is a check's change i: a target that is not on disk.
type missing struct {
	i        int
	dst, key string
}

// Open starts a session over the output folders dirs (their Files are
// ignored). check: compare only, write nothing. A generate session first
// removes what an interrupted run left in the folders' staging folders.
func Open(dirs []Dir, disk Disk, check bool) (*Session, error) {
	if disk == nil {
		disk = OS{}
	}
	s := &Session{disk: disk, check: check, targets: map[string]int{}, ended: make(chan struct{}),
		staging: fmt.Sprintf("%s%d-%d", StagingPrefix, os.Getpid(), rand.Uint64())}
	roots := map[string]bool{}
	for _, d := range dirs {
		// Two spellings of one folder must not hide a clash between kinds.
		abs, err := filepath.Abs(d.Root)
		if err != nil {
			return nil, err
		}
		if roots[abs+"\x00"+d.Kind] {
			return nil, fmt.Errorf("output folder %s is given twice for %s output", d.Root, d.Kind)
		}
		roots[abs+"\x00"+d.Kind] = true
		if fi, err := os.Stat(d.Root); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("output folder %s is a file", d.Root)
		}
		prev, err := readManifest(d)
		if err != nil {
			return nil, err
		}
		if !check {
			if err := removeLeftovers(d.Root); err != nil {
				return nil, err
			}
		}
		ds := &dirState{Dir: Dir{Root: d.Root, Kind: d.Kind}, abs: abs, prev: map[string]bool{}, seen: map[string]bool{}, created: firstMissing(d.Root)}
		for _, p := range prev {
			ds.prev[p] = true
		}
		s.dirs = append(s.dirs, ds)
	}
	return s, nil
}

// leftovers lists the staging folders in root that no running process
// owns: those of interrupted runs.
func leftovers(root string) []string {
	entries, _ := os.ReadDir(root)
	var out []string
	for _, e := range entries {
		pid, _, ok := strings.Cut(strings.TrimPrefix(e.Name(), StagingPrefix), "-")
		if !e.IsDir() || !strings.HasPrefix(e.Name(), StagingPrefix) || !ok {
			continue
		}
		if n, err := strconv.Atoi(pid); err == nil && running(n) {
			continue
		}
		out = append(out, e.Name())
	}
	return out
}

func removeLeftovers(root string) error {
	for _, name := range leftovers(root) {
		if err := os.RemoveAll(filepath.Join(root, name)); err != nil {
			return fmt.Errorf("remove the staging folder of an interrupted run: %w", err)
		}
	}
	return nil
}

// running reports whether a process with this pid exists (signal 0).
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}

// Err returns the session's first failure, or nil.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Put adds one file of the dir-th folder given to Open. The session keeps
// no reference to f.Data after Put returns.
func (s *Session) Put(dir int, f File) error {
	d := s.dirs[dir]
	dst := filepath.Join(d.Root, filepath.FromSlash(f.Path))
	key := filepath.Join(d.abs, filepath.FromSlash(f.Path))
	s.mu.Lock()
	if s.err != nil || s.closed {
		s.mu.Unlock()
		return ErrSessionFailed
	}
	s.inflight.Add(1)
	defer s.inflight.Done()
	other, twice := s.targets[key]
	s.targets[key] = dir
	d.seen[f.Path] = true
	s.mu.Unlock()

	switch {
	case f.Path == "" || f.Path == "." || !fs.ValidPath(f.Path) || strings.HasPrefix(f.Path, ".errgen") || strings.Contains(f.Path, "/.errgen"):
		return s.fail(fmt.Errorf("output path %q is not a plain relative path", f.Path))
	case twice && other == dir:
		return s.fail(fmt.Errorf("output path %q is rendered twice", f.Path))
	case twice:
		return s.fail(fmt.Errorf("%s is rendered as a %s output and as a %s output; give them different folders", dst, s.dirs[other].Kind, d.Kind))
	}

	old, err := os.ReadFile(dst)
	exists := err == nil
	var in blocker // what stands where the file goes, if not a file
	link := false  // a link that leads nowhere stands at the target
	switch {
	case exists:
	case errors.Is(err, fs.ErrNotExist):
		_, lerr := os.Lstat(dst)
		link = lerr == nil
	case errors.Is(err, syscall.EISDIR):
		in = blocker{dir: dir, path: f.Path, folder: true}
	case errors.Is(err, syscall.ENOTDIR): // a folder of its path is a file
		in = blocker{dir: dir, path: f.Path}
	default:
		return s.fail(err)
	}
	if exists && bytes.Equal(old, f.Data) {
		s.mu.Lock()
		s.stats.Unchanged++
		s.mu.Unlock()
		return nil
	}
	// errgen never overwrites a file it did not write: one that is not
	// in the folder's manifest and is not errgen's own generated Go. A
	// service's own errors.go must survive `errgen -go . -package apierr`.
	foreign := (exists && !generatedGo(old) || link) && !d.prev[f.Path]
	if in.path != "" {
		// Whether it may be cleared is known once every file is put.
		s.mu.Lock()
		s.blocked = append(s.blocked, in)
		s.mu.Unlock()
	}
	if s.check {
		kind := "missing"
		switch {
		case in.path != "":
			return nil // Changes decides: missing, or foreign
		case foreign:
			kind = "foreign"
		case exists:
			kind = "stale"
		}
		s.mu.Lock()
		if kind == "missing" { // Changes looks at its folders, as Commit would
			s.missing = append(s.missing, missing{len(s.changes), dst, key})
		}
		s.changes = append(s.changes, Change{Path: path.Join(filepath.ToSlash(d.Root), f.Path), Kind: kind})
		s.mu.Unlock()
		return nil
	}
	if foreign {
		return s.fail(fmt.Errorf("refusing to overwrite %s: errgen did not write it (it is not in %s); move it or delete it", dst, d.manifestPath()))
	}
	return s.stage(d.Root, dst, key, f.Data)
}

// blocker is a target that cannot be renamed into place as things are:
// a folder stands at its path (folder), or a file stands where one of
// its folders goes. Both happen when an output turns from a file into a
// folder between runs or back (a slug that becomes a prefix of others);
// Commit clears the way when what stands there is errgen's stale output.
type blocker struct {
	dir    int
	path   string
	folder bool
}

// unblock returns the stale outputs that stand in the way of the
// session's targets, to be removed before the renames (once each, in a
// fixed order), and the same keyed like targets; or an error when
// anything else does: nothing has changed on disk when it fails. A stale
// output of any folder of the session is errgen's and goes anyway.
func (s *Session) unblock(stale [][]string) ([]string, map[string]bool, error) {
	staleAt := s.staleAt(stale)
	var clear []string
	cleared := map[string]bool{}
	for _, b := range s.sortedBlocked() {
		err := s.inTheWay(b, staleAt, func(full, key string) {
			if !cleared[key] {
				cleared[key] = true
				clear = append(clear, full)
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return clear, cleared, nil
}

// staleAt keys the stale outputs of every folder like targets.
func (s *Session) staleAt(stale [][]string) map[string]bool {
	at := map[string]bool{}
	for i, files := range stale {
		for _, p := range files {
			at[filepath.Join(s.dirs[i].abs, filepath.FromSlash(p))] = true
		}
	}
	return at
}

// sortedBlocked: Puts of different folders come in any order, and the
// first refusal must not depend on it.
func (s *Session) sortedBlocked() []blocker {
	slices.SortFunc(s.blocked, func(a, b blocker) int {
		return cmp.Or(cmp.Compare(a.dir, b.dir), strings.Compare(a.path, b.path))
	})
	return s.blocked
}

// inTheWay calls clear(full path, key) for each stale output that stands
// where b goes, or returns why b cannot go there.
func (s *Session) inTheWay(b blocker, staleAt map[string]bool, clear func(full, key string)) error {
	d := s.dirs[b.dir]
	key := func(p string) string { return filepath.Join(d.abs, filepath.FromSlash(p)) }
	full := func(p string) string { return filepath.Join(d.Root, filepath.FromSlash(p)) }
	if b.folder {
		return filepath.WalkDir(full(b.path), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, err := filepath.Rel(d.Root, p)
			switch rel = filepath.ToSlash(rel); {
			case err != nil:
				return err
			case rel == b.path: // not a folder itself: a link to one
				return fmt.Errorf("cannot write %s: it is a link to a folder, which errgen did not write; move it or delete it", p)
			case d.seen[rel]:
				return fmt.Errorf("%s is rendered both as a file and as a folder", full(b.path))
			case !staleAt[key(rel)]:
				return fmt.Errorf("cannot write %s: it is a folder holding %s, which errgen did not write; move it or delete it", full(b.path), p)
			}
			clear(p, key(rel))
			return nil
		})
	}
	p := path.Dir(b.path)
	for ; p != "."; p = path.Dir(p) {
		if fi, err := os.Stat(full(p)); err == nil && !fi.IsDir() {
			break
		}
	}
	switch {
	case p == ".":
		return fmt.Errorf("cannot write %s: a folder of its path is not a folder", full(b.path))
	case d.seen[p]:
		return fmt.Errorf("%s is rendered both as a file and as a folder", full(p))
	case !staleAt[key(p)]:
		return fmt.Errorf("cannot write %s: %s is a file errgen did not write; move it or delete it", full(b.path), full(p))
	}
	clear(full(p), key(p))
	return nil
}

// stage writes data to root's staging folder, to be renamed to dst.
func (s *Session) stage(root, dst, key string, data []byte) error {
	tmp, err := s.disk.WriteTemp(filepath.Join(root, s.staging), data)
	if err != nil {
		return s.fail(fmt.Errorf("write %s: %w", dst, err))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.staged = append(s.staged, staged{tmp, dst, key})
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

// finish ends the session with fn, once: it stops Puts, waits for those
// in progress, runs fn and records its result. A later caller waits until
// the first has finished, so no caller returns while files are still
// being moved or removed, and gets its error (or an "already ended" one).
func (s *Session) finish(fn func() (Stats, error)) (Stats, error) {
	first := false
	s.closing.Do(func() {
		first = true
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		s.inflight.Wait()
		s.result.stats, s.result.err = fn()
		close(s.ended)
	})
	if first {
		return s.result.stats, s.result.err
	}
	<-s.ended
	if s.result.err != nil {
		return Stats{}, s.result.err
	}
	return Stats{}, errors.New("output: the session has already ended")
}

// stale lists the earlier outputs of d this session did not produce that
// are still on disk, and those that are now folders. A file another
// output folder of the session produced is not stale: it is that
// folder's now; nor is a folder that holds files the session produced
// (an output that turned into a folder, whose commit failed halfway).
func (s *Session) stale(d *dirState) (files, folders []string) {
	var holders map[string]bool // the folders of the targets, once needed
	for p := range d.prev {
		full := filepath.Join(d.Root, filepath.FromSlash(p))
		key := filepath.Join(d.abs, filepath.FromSlash(p))
		if _, ok := s.targets[key]; ok {
			continue
		}
		fi, err := os.Lstat(full)
		switch {
		case err != nil:
		case fi.IsDir():
			if holders == nil {
				holders = s.targetFolders()
			}
			if !holders[key] {
				folders = append(folders, p)
			}
		default:
			files = append(files, p)
		}
	}
	slices.Sort(files)
	slices.Sort(folders)
	return files, folders
}

// targetFolders returns every folder a target of the session is in.
func (s *Session) targetFolders() map[string]bool {
	folders := map[string]bool{}
	for key := range s.targets {
		for dir := filepath.Dir(key); !folders[dir] && dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			folders[dir] = true
		}
	}
	return folders
}

// Changes ends a check session: every output that differs from the disk,
// sorted, including the staging folders of interrupted runs.
func (s *Session) Changes() ([]Change, error) {
	_, err := s.finish(func() (Stats, error) {
		if s.err != nil {
			return Stats{}, s.err
		}
		stale := make([][]string, len(s.dirs))
		for i, d := range s.dirs {
			files, folders := s.stale(d)
			stale[i] = files
			for _, p := range append(files, folders...) {
				s.changes = append(s.changes, Change{Path: path.Join(filepath.ToSlash(d.Root), p), Kind: "extra"})
			}
		}
		// A target something stands in the way of is missing if generate
		// would clear the way, and foreign if it would refuse: a link that
		// leads nowhere in its path, say.
		fine := folderChecker(nil)
		for _, m := range s.missing {
			if fine(m.dst, m.key) != nil {
				s.changes[m.i].Kind = "foreign"
			}
		}
		staleAt := s.staleAt(stale)
		for _, b := range s.sortedBlocked() {
			kind := "missing"
			if s.inTheWay(b, staleAt, func(string, string) {}) != nil {
				kind = "foreign"
			}
			s.changes = append(s.changes, Change{Path: path.Join(filepath.ToSlash(s.dirs[b.dir].Root), b.path), Kind: kind})
		}
		for _, d := range s.dirs {
			switch old, err := os.ReadFile(d.manifestPath()); {
			case err != nil:
				s.changes = append(s.changes, Change{Path: filepath.ToSlash(d.manifestPath()), Kind: "missing"})
			case !bytes.Equal(d.manifest(d.paths()), old):
				s.changes = append(s.changes, Change{Path: filepath.ToSlash(d.manifestPath()), Kind: "stale"})
			}
			for _, name := range leftovers(d.Root) {
				s.changes = append(s.changes, Change{Path: path.Join(filepath.ToSlash(d.Root), name), Kind: "extra"})
			}
		}
		slices.SortFunc(s.changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
		s.changes = slices.Compact(s.changes)
		return Stats{}, nil
	})
	if err != nil {
		return nil, err
	}
	return s.changes, nil
}

// Commit puts every staged file in place, deletes stale outputs and
// writes the manifests. It fails, undoing the session, if any Put failed.
//
// Renames are atomic one by one, not together: if one fails, the files
// renamed before it stay replaced (the error says how many). The
// manifests are first widened to the old and the new files, so whatever
// a failed commit leaves is still errgen's to replace or delete.
func (s *Session) Commit() (Stats, error) {
	return s.finish(func() (Stats, error) {
		if s.err != nil {
			s.undo()
			return Stats{}, s.err
		}
		if p := s.fileAndFolder(); p != "" {
			s.undo()
			return Stats{}, fmt.Errorf("%s is rendered both as a file and as a folder", p)
		}
		stale := make([][]string, len(s.dirs))
		for i, d := range s.dirs {
			files, folders := s.stale(d)
			if len(folders) > 0 {
				s.undo()
				return Stats{}, fmt.Errorf("%s was an output and is now a folder; remove it first", filepath.Join(d.Root, filepath.FromSlash(folders[0])))
			}
			stale[i] = files
		}
		clear, cleared, err := s.unblock(stale)
		if err == nil {
			err = s.checkFolders(cleared)
		}
		if err != nil {
			s.undo()
			return Stats{}, err
		}
		for _, d := range s.dirs {
			if err := s.writeManifest(d, append(d.paths(), slices.Collect(maps.Keys(d.prev))...)); err != nil {
				s.undo()
				return Stats{}, err
			}
		}
		st := s.stats
		// Stale outputs in the way go first (a later failure leaves them
		// gone: they were going anyway); the stale pass below skips them.
		for _, full := range clear {
			if err := s.disk.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
				s.undo()
				return st, fmt.Errorf("remove %s, an earlier output in the way of a new one: %w", full, err)
			}
			st.Deleted++
			for _, d := range s.dirs {
				if strings.HasPrefix(full, filepath.Clean(d.Root)+string(filepath.Separator)) {
					removeEmptyParents(d.Root, full)
				}
			}
		}
		for _, b := range s.blocked {
			if b.folder { // empty folders left inside it
				removeEmptyTree(filepath.Join(s.dirs[b.dir].Root, filepath.FromSlash(b.path)))
			}
		}
		made := map[string]bool{} // target folders known to exist
		for i, r := range s.staged {
			var err error
			if dir := filepath.Dir(r.dst); !made[dir] {
				err = os.MkdirAll(dir, 0o755)
				made[dir] = err == nil
			}
			if err == nil {
				err = s.place(r.tmp, r.dst)
			}
			if err != nil {
				s.staged = s.staged[i:]
				s.undo()
				return st, fmt.Errorf("write %s: %w (%d files were already replaced)", r.dst, err, st.Written)
			}
			st.Written++
		}
		s.staged = nil
		s.removeStaging()
		// Every stale file is tried; one that cannot be removed stays in
		// the manifest, so a later run deletes it.
		var errs []error
		for i, d := range s.dirs {
			var kept []string
			for _, p := range stale[i] {
				full := filepath.Join(d.Root, filepath.FromSlash(p))
				if cleared[filepath.Join(d.abs, filepath.FromSlash(p))] {
					continue // removed before the renames
				}
				switch err := s.disk.Remove(full); {
				case err == nil:
					removeEmptyParents(d.Root, full)
					st.Deleted++
				case !errors.Is(err, fs.ErrNotExist):
					kept = append(kept, p)
					errs = append(errs, err)
				}
			}
			if err := s.writeManifest(d, append(d.paths(), kept...)); err != nil {
				errs = append(errs, err)
			}
		}
		return st, errors.Join(errs...)
	})
}

// checkFolders makes sure, before anything changes, that the folder of
// every staged file is a folder or can be made: no file stands in its
// path but errgen's stale outputs that Commit clears first (cleared),
// and no link that leads nowhere.
func (s *Session) checkFolders(cleared map[string]bool) error {
	fine := folderChecker(cleared)
	for _, r := range s.staged {
		if err := fine(r.dst, r.key); err != nil {
			return err
		}
	}
	return nil
}

// folderChecker returns a check of the folder of a target dst (key: dst
// keyed like targets): nil if it is a folder or can be made, else why
// not. It remembers the folders it has found fine.
func folderChecker(cleared map[string]bool) func(dst, key string) error {
	ok := map[string]bool{} // folders (keyed like targets) known to be fine
	return func(dst, key string) error {
		dir, key := filepath.Dir(dst), filepath.Dir(key)
		var walked []string // keys below the one that settles it
		for !ok[key] {
			fi, err := os.Stat(dir)
			switch {
			case err == nil && fi.IsDir():
			case err == nil && cleared[key]:
			case err == nil:
				return fmt.Errorf("cannot write %s: %s is not a folder", dst, dir)
			case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
				if _, lerr := os.Lstat(dir); lerr == nil {
					return fmt.Errorf("cannot write %s: %s is a link that leads nowhere", dst, dir)
				}
				if parent := filepath.Dir(key); parent != key {
					walked = append(walked, key)
					dir, key = filepath.Dir(dir), parent
					continue
				}
			default:
				return fmt.Errorf("cannot write %s: %w", dst, err)
			}
			ok[key] = true
		}
		for _, k := range walked {
			ok[k] = true
		}
		return nil
	}
}

// place renames a staged file over its target. A target folder on another
// file system (a symlink in the output tree) cannot take a rename from the
// staging folder: the file is then staged again beside its target.
func (s *Session) place(tmp, dst string) error {
	err := s.disk.Rename(tmp, dst)
	if !errors.Is(err, syscall.EXDEV) {
		return err
	}
	data, rerr := os.ReadFile(tmp)
	if rerr != nil {
		return err
	}
	near, err := s.disk.WriteTemp(filepath.Dir(dst), data)
	if err != nil {
		return err
	}
	if err := s.disk.Rename(near, dst); err != nil {
		s.disk.Remove(near)
		return err
	}
	s.disk.Remove(tmp)
	return nil
}

// writeManifest puts d's manifest listing paths in place, if it differs.
func (s *Session) writeManifest(d *dirState, paths []string) error {
	m := d.manifest(paths)
	if bytes.Equal(m, mustRead(d.manifestPath())) {
		return nil
	}
	tmp, err := s.disk.WriteTemp(filepath.Join(d.Root, s.staging), m)
	if err == nil {
		if err = s.disk.Rename(tmp, d.manifestPath()); err != nil {
			s.disk.Remove(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", d.manifestPath(), err)
	}
	s.removeStaging()
	return nil
}

// Abort ends the session without changing any output: it waits for the
// Puts in progress, then removes the staged files, the staging folders
// and the folders the session created. A later Abort waits for the first
// to finish.
func (s *Session) Abort() {
	s.finish(func() (Stats, error) {
		s.fail(errors.New("output: session aborted"))
		s.undo()
		return Stats{}, s.err
	})
}

// undo removes what the session wrote and created (nothing, for check).
func (s *Session) undo() {
	if s.check {
		return
	}
	for _, st := range s.staged {
		s.disk.Remove(st.tmp)
	}
	s.staged = nil
	s.removeStaging()
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

// removeStaging removes the session's staging folders, once empty.
func (s *Session) removeStaging() {
	for _, d := range s.dirs {
		os.Remove(filepath.Join(d.Root, s.staging))
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

// fileAndFolder returns a target put as a file that another target put,
// of any folder of the session, needs as a folder, or "".
func (s *Session) fileAndFolder() string {
	for _, d := range s.dirs {
		for _, p := range d.paths() {
			key := filepath.Join(d.abs, filepath.FromSlash(p))
			for dir := filepath.Dir(key); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
				if i, ok := s.targets[dir]; ok {
					rel, _ := filepath.Rel(s.dirs[i].abs, dir)
					return filepath.Join(s.dirs[i].Root, rel)
				}
			}
		}
	}
	return ""
}

// removeEmptyTree removes the empty folders in dir, and dir if that
// leaves it empty; a folder with a file in it stays.
func removeEmptyTree(dir string) {
	var dirs []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && e.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	for _, d := range slices.Backward(dirs) {
		os.Remove(d)
	}
}

func (d *dirState) paths() []string {
	paths := make([]string, 0, len(d.seen))
	for p := range d.seen {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

func (d *dirState) manifest(paths []string) []byte {
	paths = slices.Compact(slices.Sorted(slices.Values(paths)))
	var b bytes.Buffer
	b.WriteString("# Files errgen wrote here; it deletes only these when they go stale. Do not edit.\n")
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}
