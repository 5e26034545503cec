package output

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Plan is what differs between the rendered files and the disk, and what
// Apply will do about it. It is computed once, from the disk as it was
// when NewPlan ran; Apply refuses nothing new, so a plan should be
// applied soon after it is made.
type Plan struct {
	dirs      []*dirPlan
	changes   []Change
	unchanged int

	hook func(step string) error // tests: called before every step of Apply
}

// dirPlan is one Dir and what Apply does to it.
type dirPlan struct {
	Dir
	real    string          // the root's absolute path, links resolved
	exists  bool            // the root is on disk
	alone   bool            // swap the folder as a whole (Dir.Alone, when it holds)
	prev    map[string]bool // the manifest's lines
	oldMan  []byte          // the manifest on disk (nil: none)
	newMan  []byte
	writes  []int    // Files to write
	keep    []int    // Files on disk already
	clear   []string // errgen's stale files in the way of an output, removed first
	folders []string // folders at an output's path, empty once clear is done
	deletes []string // other stale files
	left    []string // absolute paths of what interrupted runs left
}

// planner holds what NewPlan learns about the disk.
type planner struct {
	p       *Plan
	nodes   map[string]node // Lstat of absolute paths, cached
	targets map[string]int  // absolute path of every output: its dir
	owners  map[string]int  // absolute path of every manifest line: its dir
	cleared map[string]bool // absolute paths of stale files in some output's way
}

// NewPlan compares every Dir's files with the disk. It fails on files
// that cannot be written whatever the disk holds (a bad path, a path
// rendered twice or as file and folder, an output folder that is a file)
// and on errors reading the disk; everything else it finds, including
// what generate will refuse, is a Change.
func NewPlan(dirs []Dir) (*Plan, error) {
	pl := &planner{p: &Plan{}, nodes: map[string]node{}, targets: map[string]int{}, owners: map[string]int{}, cleared: map[string]bool{}}
	for i, d := range dirs {
		dp, err := pl.open(d, i)
		if err != nil {
			return nil, err
		}
		pl.p.dirs = append(pl.p.dirs, dp)
	}
	if err := pl.clashes(); err != nil {
		return nil, err
	}
	pl.demote()
	for _, d := range pl.p.dirs {
		if err := pl.manifest(d); err != nil {
			return nil, err
		}
		if d.Headed != nil && d.exists {
			if err := pl.headed(d); err != nil {
				return nil, err
			}
		}
	}
	for _, d := range pl.p.dirs {
		if d.alone && d.exists {
			if err := pl.walk(d); err != nil {
				return nil, err
			}
		}
		for i := range d.Files {
			if err := pl.target(d, i); err != nil {
				return nil, err
			}
		}
	}
	for _, d := range pl.p.dirs {
		pl.stale(d)
		pl.leftovers(d)
	}
	slices.SortFunc(pl.p.changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	pl.p.changes = slices.Compact(pl.p.changes)
	return pl.p, nil
}

// open checks one Dir's root and paths and records its outputs.
func (pl *planner) open(d Dir, i int) (*dirPlan, error) {
	real, exists, err := resolveRoot(d.Root)
	if err != nil {
		return nil, err
	}
	dp := &dirPlan{Dir: d, real: real, exists: exists, alone: d.Alone, prev: map[string]bool{}}
	for _, f := range d.Files {
		if f.Path == "" || f.Path == "." || !fs.ValidPath(f.Path) || strings.Contains(f.Path, "\\") || isOurs(f.Path) {
			return nil, fmt.Errorf("output path %q is not a plain relative path", f.Path)
		}
		abs := filepath.Join(real, filepath.FromSlash(f.Path))
		if other, twice := pl.targets[abs]; twice {
			if other == i {
				return nil, fmt.Errorf("output path %q is rendered twice", f.Path)
			}
			return nil, fmt.Errorf("%s is rendered as a %s output and as a %s output; give them different folders", joinSlash(d.Root, f.Path), pl.p.dirs[other].Kind, d.Kind)
		}
		pl.targets[abs] = i
	}
	return dp, nil
}

// clashes refuses an output that another output needs as a folder.
func (pl *planner) clashes() error {
	for _, d := range pl.p.dirs {
		for _, f := range d.Files {
			abs := filepath.Join(d.real, filepath.FromSlash(f.Path))
			for dir := filepath.Dir(abs); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
				if _, ok := pl.targets[dir]; ok {
					return fmt.Errorf("%s is rendered both as a file and as a folder", dir)
				}
			}
		}
	}
	return nil
}

// demote turns Alone off where the folder is not errgen's alone after
// all (another output folder is in it, or the working directory is) or
// cannot be swapped (a mount point: a volume given to a container).
func (pl *planner) demote() {
	wd, _ := os.Getwd()
	wd, _ = filepath.EvalSymlinks(wd)
	for _, d := range pl.p.dirs {
		if !d.alone {
			continue
		}
		if d.real == filepath.Dir(d.real) || within(d.real, wd) || mountPoint(d.real) {
			d.alone = false
		}
		for _, o := range pl.p.dirs {
			if o != d && within(d.real, o.real) {
				d.alone = false
			}
		}
	}
}

// manifest reads d's manifest; each line is a claim to be checked, never
// a licence to delete.
func (pl *planner) manifest(d *dirPlan) error {
	name := ManifestName(d.Kind)
	headed := d.Headed != nil
	if !headed {
		d.newMan = manifestData(d.Files)
	}
	switch n := pl.lstat(d.real, name); {
	case headed && n != isFile:
		return nil // errgen writes no manifest here: whatever has the name is the user's
	case n == absent:
		pl.add(d, name, Create, "")
		return nil
	case n == isLink:
		pl.add(d, name, Unsafe, "the manifest is a link")
		return nil
	case n == isDir || n == isOther:
		pl.add(d, name, Foreign, "the manifest's name is taken")
		return nil
	}
	data, err := os.ReadFile(filepath.Join(d.real, name))
	if err != nil {
		return err
	}
	d.oldMan = data
	switch {
	case headed:
		pl.add(d, name, Delete, "")
	case !bytes.Equal(data, d.newMan):
		pl.add(d, name, Update, "")
	}
	for n, line := range strings.Split(string(data), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case line == "." || !fs.ValidPath(line) || strings.Contains(line, "\\"):
			pl.add(d, name, Unsafe, fmt.Sprintf("line %d names %q, outside the folder", n+1, line))
		case !isOurs(line):
			d.prev[line] = true
			pl.owners[filepath.Join(d.real, filepath.FromSlash(line))] = slices.Index(pl.p.dirs, d)
		}
	}
	return nil
}

// headed finds errgen's files at the top of a headed folder by their
// first line: each is a claim, as a manifest line is, unless errgen writes
// no file of its name (a stray).
func (pl *planner) headed(d *dirPlan) error {
	entries, err := os.ReadDir(d.real)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		abs := filepath.Join(d.real, name)
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || d.prev[name] {
			continue
		}
		if _, target := pl.targets[abs]; target {
			continue
		}
		head, err := readHead(abs)
		if err != nil {
			return err
		}
		switch {
		case !generatedGo(head):
		case d.Headed(name):
			d.prev[name] = true
			pl.owners[abs] = slices.Index(pl.p.dirs, d)
		default:
			pl.add(d, name, Stray, "it starts with errgen's generated-code header, but errgen writes no file of that name; delete it, or remove the header if the file is yours")
		}
	}
	return nil
}

// target plans the i-th output of d.
func (pl *planner) target(d *dirPlan, i int) error {
	rel := d.Files[i].Path
	if !pl.clearPath(d, rel) {
		return nil
	}
	abs := filepath.Join(d.real, filepath.FromSlash(rel))
	switch pl.lstat(d.real, rel) {
	case absent:
		d.writes = append(d.writes, i)
		pl.add(d, rel, Create, "")
		return nil
	case isLink:
		pl.add(d, rel, Unsafe, "a link stands where the output goes")
		return nil
	case isOther:
		pl.add(d, rel, Foreign, "")
		return nil
	case isDir:
		if pl.clearFolder(d, rel) {
			d.folders = append(d.folders, rel)
			d.writes = append(d.writes, i)
			pl.add(d, rel, Create, "")
		}
		return nil
	}
	old, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	_, owned := pl.owners[abs]
	switch {
	case bytes.Equal(old, d.Files[i].Data):
		d.keep = append(d.keep, i)
		pl.p.unchanged++
	case owned || generatedGo(old):
		d.writes = append(d.writes, i)
		pl.add(d, rel, Update, "")
	case d.Headed != nil:
		pl.add(d, rel, Foreign, "it does not start with errgen's generated-code header")
	default:
		pl.add(d, rel, Foreign, "")
	}
	return nil
}

// clearPath checks the folders of an output's path: each is a folder, or
// missing, or errgen's stale file (cleared first). It reports whether
// the output can go there, having added the change that says why not.
func (pl *planner) clearPath(d *dirPlan, rel string) bool {
	for _, dir := range ancestors(rel) {
		switch pl.lstat(d.real, dir) {
		case isDir:
			continue
		case absent:
			return true
		case isLink:
			pl.add(d, dir, Unsafe, "a link in the path of "+rel)
			return false
		}
		if !pl.staleAt(filepath.Join(d.real, filepath.FromSlash(dir))) {
			pl.add(d, rel, Foreign, joinSlash(d.Root, dir)+" is a file errgen did not write")
			return false
		}
		pl.clearFile(d, dir)
		return true
	}
	return true
}

// clearFolder checks a folder that stands where an output goes: it may
// go if it holds only errgen's stale files.
func (pl *planner) clearFolder(d *dirPlan, rel string) bool {
	ok := true
	filepath.WalkDir(filepath.Join(d.real, filepath.FromSlash(rel)), func(p string, e fs.DirEntry, err error) error {
		r, _ := filepath.Rel(d.real, p)
		r = filepath.ToSlash(r)
		switch {
		case err != nil:
			ok = false
			pl.add(d, r, Foreign, err.Error())
		case e.Type()&fs.ModeSymlink != 0:
			ok = false
			pl.add(d, r, Unsafe, "a link in the folder that stands where "+rel+" goes")
		case e.IsDir():
		case pl.staleAt(p):
			pl.clearFile(d, r)
		default:
			ok = false
			pl.add(d, rel, Foreign, "a folder holding "+r+", which errgen did not write")
		}
		return nil
	})
	return ok
}

// staleAt reports whether an absolute path is errgen's stale output: a
// manifest lists it and no output of this plan goes there.
func (pl *planner) staleAt(abs string) bool {
	_, owned := pl.owners[abs]
	_, target := pl.targets[abs]
	return owned && !target
}

// clearFile records a stale file in an output's way (rel: in d).
func (pl *planner) clearFile(d *dirPlan, rel string) {
	abs := filepath.Join(d.real, filepath.FromSlash(rel))
	if pl.cleared[abs] {
		return
	}
	pl.cleared[abs] = true
	owner := pl.p.dirs[pl.owners[abs]]
	r, _ := filepath.Rel(owner.real, abs)
	owner.clear = append(owner.clear, filepath.ToSlash(r))
	pl.add(owner, filepath.ToSlash(r), Delete, "")
}

// stale plans the deletion of d's earlier outputs that no output of the
// plan renders any more. A line that names no file (a folder now, or
// nothing) is a claim that does not hold: it is dropped, nothing deleted.
func (pl *planner) stale(d *dirPlan) {
	for _, rel := range slices.Sorted(mapKeys(d.prev)) {
		abs := filepath.Join(d.real, filepath.FromSlash(rel))
		if !pl.staleAt(abs) || pl.cleared[abs] {
			continue
		}
		if link := pl.linkIn(d, rel); link != "" {
			pl.add(d, link, Unsafe, "a link in the path of "+rel+", which the manifest lists")
			continue
		}
		switch pl.lstat(d.real, rel) {
		case isFile:
			d.deletes = append(d.deletes, rel)
			pl.add(d, rel, Delete, "")
		case isLink:
			pl.add(d, rel, Unsafe, "the manifest lists it, and it is a link")
		}
	}
}

// linkIn returns the first folder of rel's path that is a link, or "".
func (pl *planner) linkIn(d *dirPlan, rel string) string {
	for _, dir := range ancestors(rel) {
		switch pl.lstat(d.real, dir) {
		case isLink:
			return dir
		case isDir:
			continue
		}
		return ""
	}
	return ""
}

// add records a change of d at rel.
func (pl *planner) add(d *dirPlan, rel string, kind ChangeKind, why string) {
	pl.p.changes = append(pl.p.changes, Change{Path: joinSlash(d.Root, rel), Kind: kind, Why: why})
}

// manifestData is the manifest listing files.
func manifestData(files []File) []byte {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	var b bytes.Buffer
	b.WriteString("# Files errgen wrote here; it deletes only these when they go stale. Do not edit.\n")
	for _, p := range paths {
		b.WriteString(p + "\n")
	}
	return b.Bytes()
}

// ancestors lists the folders of a relative path, outermost first.
func ancestors(rel string) []string {
	var out []string
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		out = append(out, dir)
	}
	slices.Reverse(out)
	return out
}
