// Package output is the only code in errgen that touches the disk. A
// Session takes rendered files one by one and either stages them and
// puts them in place (generate) or compares them with the disk (check),
// so `errgen check` and `errgen generate` run the same code up to the
// last step. Write and Check do the same for a set of files already in
// memory.
package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
	Kind string // "stale", "missing", "extra" or "foreign"
}

func (c Change) String() string {
	if c.Kind == "foreign" {
		// generate refuses to overwrite it, so saying "stale" would send
		// the reader to a command that fails.
		return c.Kind + ": " + c.Path + " (errgen did not write it and will not overwrite it; move it or delete it)"
	}
	return c.Kind + ": " + c.Path
}

// Check lists every output that differs from the disk, sorted.
func Check(dirs []Dir) ([]Change, error) {
	s, err := Open(dirs, nil, true)
	if err != nil {
		return nil, err
	}
	if err := putAll(s, dirs); err != nil {
		return nil, err
	}
	return s.Changes()
}

// putAll puts every file of dirs, in order, into s.
func putAll(s *Session, dirs []Dir) error {
	for i, d := range dirs {
		for _, f := range d.Files {
			if err := s.Put(i, f); err != nil {
				return err
			}
		}
	}
	return nil
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
