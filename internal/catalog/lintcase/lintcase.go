// Package lintcase reads the catalog lint cases of
// internal/catalog/testdata/lint: one txtar file per case, holding the
// catalog and the messages errgen lint must print for it. The catalog
// tests compare the messages, the fuzz targets start from the catalogs,
// and the CLI tests check that generate refuses them too.
//
// A case's archive holds, in order:
//
//   - either one or more NAME.yaml files, the catalog files loaded in that
//     order, or pairs of "old" and "new" files: edits of ok.yaml (from
//     ok.txtar), each replacing the old text, which must occur once, by
//     the new; the edited catalog is named CASE.yaml;
//   - a "messages" file: the messages, one a line, or "ok".
package lintcase

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/txtar"
)

// File is one catalog file of a case.
type File struct {
	Name string
	Data []byte
}

// Case is one lint case.
type Case struct {
	Name  string // the txtar file's name without .txtar
	Path  string // the txtar file
	Files []File // the catalog files, in load order
	Want  string // the expected messages, each line ending in \n

	archive *txtar.Archive
}

// Load reads every case in dir, ok first.
func Load(dir string) ([]Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, err
	}
	okPath := filepath.Join(dir, "ok.txtar")
	okArchive, err := txtar.ParseFile(okPath)
	if err != nil {
		return nil, err
	}
	var base []byte
	for _, f := range okArchive.Files {
		if f.Name == "ok.yaml" {
			base = f.Data
		}
	}
	if base == nil {
		return nil, fmt.Errorf("%s has no ok.yaml", okPath)
	}
	cases := make([]Case, 0, len(paths))
	for _, p := range paths {
		c, err := parse(p, base)
		if err != nil {
			return nil, err
		}
		if c.Name == "ok" {
			cases = append([]Case{c}, cases...)
		} else {
			cases = append(cases, c)
		}
	}
	return cases, nil
}

func parse(path string, base []byte) (Case, error) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		return Case{}, err
	}
	c := Case{Name: strings.TrimSuffix(filepath.Base(path), ".txtar"), Path: path, archive: a}
	edited := false
	text := bytes.Clone(base)
	for i := 0; i < len(a.Files); i++ {
		f := a.Files[i]
		switch {
		case f.Name == "messages":
			c.Want = string(f.Data)
		case f.Name == "old":
			if i+1 == len(a.Files) || a.Files[i+1].Name != "new" {
				return Case{}, fmt.Errorf("%s: an old file without a new one after it", path)
			}
			if n := bytes.Count(text, f.Data); n != 1 {
				return Case{}, fmt.Errorf("%s: the old text %q occurs %d times, want once", path, f.Data, n)
			}
			text = bytes.Replace(text, f.Data, a.Files[i+1].Data, 1)
			edited = true
			i++
		case strings.HasSuffix(f.Name, ".yaml"):
			c.Files = append(c.Files, File{Name: f.Name, Data: f.Data})
		default:
			return Case{}, fmt.Errorf("%s: unexpected file %q", path, f.Name)
		}
	}
	if edited {
		c.Files = append([]File{{Name: c.Name + ".yaml", Data: text}}, c.Files...)
	}
	if len(c.Files) == 0 {
		return Case{}, fmt.Errorf("%s: no catalog", path)
	}
	return c, nil
}

// Update rewrites the case's messages with got.
func (c Case) Update(got string) error {
	found := false
	for i, f := range c.archive.Files {
		if f.Name == "messages" {
			c.archive.Files[i].Data = []byte(got)
			found = true
		}
	}
	if !found {
		c.archive.Files = append(c.archive.Files, txtar.File{Name: "messages", Data: []byte(got)})
	}
	return os.WriteFile(c.Path, txtar.Format(c.archive), 0o644)
}
