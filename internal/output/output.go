// Package output is the only code in errgen that touches the disk. The
// renderers return files as data; Write puts a whole set in place and
// Check compares it with what is there, so `errgen check` and
// `errgen generate` run the same code up to the last step.
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
)

// ManifestName is the file in an output folder that lists what errgen
// wrote there for one kind of output, so a later run deletes only its own
// stale files. Each kind has its own (".errgen-go.manifest", ...), so two
// kinds may share a folder without deleting each other's files.
func ManifestName(kind string) string {
	if kind == "" {
		return ".errgen.manifest"
	}
	return ".errgen-" + kind + ".manifest"
}

// File is one rendered output, its path relative to its Dir, with / separators.
type File struct {
	Path string
	Data []byte
}

// Dir is one output folder and everything errgen renders into it for one
// kind of output ("go", "schema", "site").
type Dir struct {
	Root  string
	Kind  string
	Files []File
}

func (d Dir) manifestPath() string { return filepath.Join(d.Root, ManifestName(d.Kind)) }

// Change is one difference between the rendered files and the disk.
type Change struct {
	Path string // joined with the Dir's root
	Kind string // "stale", "missing" or "extra"
}

func (c Change) String() string { return c.Kind + ": " + c.Path }

// Check lists every output that differs from the disk, sorted.
func Check(dirs []Dir) ([]Change, error) {
	var out []Change
	for _, d := range dirs {
		if err := validate(d); err != nil {
			return nil, err
		}
		changes, _, err := plan(d)
		if err != nil {
			return nil, err
		}
		out = append(out, changes...)
	}
	slices.SortFunc(out, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// validate refuses paths that would leave the folder; renderers build
// them from slugs, which lint has checked, so this is a second guard.
func validate(d Dir) error {
	seen := map[string]bool{}
	for _, f := range d.Files {
		if f.Path == "" || !fs.ValidPath(f.Path) || strings.HasPrefix(path.Base(f.Path), ".errgen") {
			return fmt.Errorf("output path %q is not a plain relative path", f.Path)
		}
		if seen[f.Path] {
			return fmt.Errorf("output path %q is rendered twice", f.Path)
		}
		seen[f.Path] = true
	}
	if fi, err := os.Stat(d.Root); err == nil && !fi.IsDir() {
		return fmt.Errorf("output folder %s is a file", d.Root)
	}
	return nil
}

// plan compares one Dir with the disk. It returns the changes and the
// previous manifest's files that this render no longer produces.
func plan(d Dir) (changes []Change, extra []string, err error) {
	for _, f := range d.Files {
		old, err := os.ReadFile(filepath.Join(d.Root, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			changes = append(changes, Change{Path: path.Join(filepath.ToSlash(d.Root), f.Path), Kind: "missing"})
		case err != nil:
			return nil, nil, err
		case !bytes.Equal(old, f.Data):
			changes = append(changes, Change{Path: path.Join(filepath.ToSlash(d.Root), f.Path), Kind: "stale"})
		}
	}
	prev, err := readManifest(d)
	if err != nil {
		return nil, nil, err
	}
	now := map[string]bool{}
	for _, f := range d.Files {
		now[f.Path] = true
	}
	for _, p := range prev {
		if now[p] {
			continue
		}
		if _, err := os.Lstat(filepath.Join(d.Root, filepath.FromSlash(p))); err == nil {
			extra = append(extra, p)
			changes = append(changes, Change{Path: path.Join(filepath.ToSlash(d.Root), p), Kind: "extra"})
		}
	}
	if m := manifest(d); !bytes.Equal(m, mustRead(d.manifestPath())) {
		changes = append(changes, Change{Path: filepath.ToSlash(d.manifestPath()), Kind: "stale"})
	}
	return changes, extra, nil
}

func manifest(d Dir) []byte {
	paths := make([]string, 0, len(d.Files))
	for _, f := range d.Files {
		paths = append(paths, f.Path)
	}
	slices.Sort(paths)
	var b bytes.Buffer
	b.WriteString("# Files errgen wrote here; it deletes only these when they go stale. Do not edit.\n")
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func readManifest(d Dir) ([]string, error) {
	data, err := os.ReadFile(d.manifestPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		// Never trust a manifest to point outside its folder.
		if line != "" && !strings.HasPrefix(line, "#") && fs.ValidPath(line) {
			out = append(out, line)
		}
	}
	return out, nil
}

func mustRead(p string) []byte {
	b, _ := os.ReadFile(p)
	return b
}
