// Package stamp lets a rerun of errgen generate with nothing to do skip
// rendering: Save records what a successful run was made from (a key:
// the errgen binary, the catalog bytes, the flags) and the size and mtime
// of every file it left; Fresh tells a later run with the same key whose
// files all still stat the same that it has nothing to write. Stamps
// live in the user's cache folder, never in the outputs, so committed
// files do not depend on which errgen binary wrote them; without a cache
// folder there are no stamps and every run renders.
package stamp

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ankatech/errgen/internal/output"
)

// stamp is what Save writes.
type stamp struct {
	Key   string          `json:"key"`
	Files map[string]stat `json:"files"`
	// Dirs are the folders whose files errgen knows by their header (a Go
	// package): a file added there (a stray copy of a generated file)
	// changes the folder's mtime, so the next run looks again.
	Dirs map[string]stat `json:"dirs,omitempty"`
}

type stat struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"`
}

// stampPath names the stamp of a set of output folders.
func stampPath(roots []string) (string, bool) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", false
	}
	h := sha256.New()
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return "", false
		}
		h.Write([]byte(abs + "\x00"))
	}
	return filepath.Join(dir, "errgen", "stamps", hex.EncodeToString(h.Sum(nil))[:32]+".json"), true
}

// Fresh reports whether the folders still hold exactly what a run with
// the same key left, and how many files that is.
func Fresh(roots []string, key string) (int, bool) {
	path, ok := stampPath(roots)
	if !ok {
		return 0, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	var s stamp
	if json.Unmarshal(data, &s) != nil || s.Key != key || len(s.Files) == 0 {
		return 0, false
	}
	for _, m := range []map[string]stat{s.Files, s.Dirs} {
		for p, want := range m {
			fi, err := os.Stat(p)
			if err != nil || fi.Size() != want.Size || fi.ModTime().UnixNano() != want.MTime {
				return 0, false
			}
		}
	}
	n := 0
	for p := range s.Files {
		if base := filepath.Base(p); !strings.HasPrefix(base, ".errgen") || !strings.HasSuffix(base, ".manifest") {
			n++
		}
	}
	return n, true
}

// Save records the folders' files after a successful run with key.
// Failing to write a stamp only costs the next run its shortcut.
func Save(dirs []output.Dir, key string) {
	roots := make([]string, 0, len(dirs))
	s := stamp{Key: key, Files: map[string]stat{}, Dirs: map[string]stat{}}
	for _, d := range dirs {
		roots = append(roots, d.Root)
		// Every folder the outputs are in, so a file added to any of them
		// (a stray, a leftover staging folder) ends the shortcut and the
		// run sees it as check does; for a folder swapped whole, its
		// parent too, where an interrupted swap leaves its copy.
		root := filepath.Clean(d.Root)
		folders := map[string]bool{root: true}
		if d.Alone {
			folders[filepath.Dir(root)] = true
		}
		for _, f := range d.Files {
			for dir := filepath.Dir(filepath.Join(root, filepath.FromSlash(f.Path))); !folders[dir] && dir != "." && dir != "/"; dir = filepath.Dir(dir) {
				folders[dir] = true
			}
		}
		for dir := range folders {
			fi, err := os.Stat(dir)
			if err != nil {
				return
			}
			s.Dirs[dir] = stat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
		}
		var paths []string
		if d.Headed == nil {
			paths = append(paths, filepath.Join(d.Root, output.ManifestName(d.Kind)))
		}
		for _, f := range d.Files {
			paths = append(paths, filepath.Join(d.Root, filepath.FromSlash(f.Path)))
		}
		for _, p := range paths {
			fi, err := os.Stat(p)
			if err != nil {
				return
			}
			s.Files[p] = stat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
		}
	}
	path, ok := stampPath(roots)
	if !ok {
		return
	}
	data, err := json.Marshal(s)
	if err != nil || os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	prune(filepath.Dir(path))
	f, err := os.CreateTemp(filepath.Dir(path), ".stamp-*")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), path) != nil {
		os.Remove(f.Name())
	}
}

// Key hashes what an output set is made from.
func Key(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		for i, l := 0, len(p); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// prune deletes stamps unused for a month, so output folders that are
// long gone (benchmarks, temp dirs) do not pile up in the cache.
func prune(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	old := time.Now().Add(-30 * 24 * time.Hour)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(old) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
