package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// A stamp lets a rerun with nothing to do skip rendering. It records what
// a successful Write was made from (a key: the errgen binary, the catalog
// bytes, the flags) and the size and mtime of every file it left. A later
// run with the same key whose files all still stat the same has nothing
// to write. Stamps live in the user's cache folder, never in the outputs,
// so committed files do not depend on which errgen binary wrote them;
// without a cache folder there are no stamps and every run renders.
type stamp struct {
	Key   string          `json:"key"`
	Files map[string]stat `json:"files"`
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

// Fresh reports whether the folders still hold exactly what a Write with
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
	for p, want := range s.Files {
		fi, err := os.Stat(p)
		if err != nil || fi.Size() != want.Size || fi.ModTime().UnixNano() != want.MTime {
			return 0, false
		}
	}
	n := 0
	for p := range s.Files {
		if !isManifest(p) {
			n++
		}
	}
	return n, true
}

// Stamp records the folders' files after a successful Write with key.
// Failing to write a stamp only costs the next run its shortcut.
func Stamp(dirs []Dir, key string) {
	roots := make([]string, 0, len(dirs))
	s := stamp{Key: key, Files: map[string]stat{}}
	for _, d := range dirs {
		roots = append(roots, d.Root)
		paths := []string{d.manifestPath()}
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
	if disk, err := (OS{}).WriteTemp(filepath.Dir(path), data); err == nil {
		if os.Rename(disk, path) != nil {
			os.Remove(disk)
		}
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
