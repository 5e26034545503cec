package serve

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// MemFS is a site held in memory, for errgen serve -catalog and -watch.
// Unlike testing/fstest.MapFS, which finds a folder by scanning every file
// (so every 404 of a 10,000-error site scanned 30,000 names), it knows its
// folders: a lookup costs one map access, found or not.
type MemFS struct {
	files map[string][]byte
	dirs  map[string][]string // folder → its entries' names, sorted
}

// NewMemFS holds files (slash-separated paths relative to the document
// root → contents); the folders are those the paths imply.
func NewMemFS(files map[string][]byte) *MemFS {
	m := &MemFS{files: files, dirs: map[string][]string{".": nil}}
	for p := range files {
		for child := p; child != "."; child = path.Dir(child) {
			dir := path.Dir(child)
			m.dirs[dir] = append(m.dirs[dir], path.Base(child))
		}
	}
	for d, names := range m.dirs {
		slices.Sort(names)
		m.dirs[d] = slices.Compact(names)
	}
	return m
}

// ReadFile reads a file without opening it: a copy, as fs.ReadFileFS
// asks, so no caller can change the site.
func (m *MemFS) ReadFile(name string) ([]byte, error) {
	if data, ok := m.files[name]; ok && fs.ValidPath(name) {
		return bytes.Clone(data), nil
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// Stat tells a file from a folder.
func (m *MemFS) Stat(name string) (fs.FileInfo, error) {
	if data, ok := m.files[name]; ok {
		return info{name: path.Base(name), size: int64(len(data))}, nil
	}
	if _, ok := m.dirs[name]; ok {
		return info{name: path.Base(name), dir: true}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// Open opens a file or a folder.
func (m *MemFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok := m.files[name]; ok {
		return &memFile{info: info{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	if names, ok := m.dirs[name]; ok {
		return &memDir{m: m, dir: name, names: names}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type info struct {
	name string
	size int64
	dir  bool
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

type memFile struct {
	info info
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	m     *MemFS
	dir   string
	names []string
	next  int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return info{name: path.Base(d.dir), dir: true}, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.dir, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }

// ReadDir lists the folder's entries, n at a time (all for n <= 0).
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.names[d.next:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	d.next += len(rest)
	out := make([]fs.DirEntry, len(rest))
	for i, name := range rest {
		full := strings.TrimPrefix(d.dir+"/"+name, "./")
		st, _ := d.m.Stat(full)
		out[i] = fs.FileInfoToDirEntry(st)
	}
	return out, nil
}
