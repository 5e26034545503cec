package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"syscall"
	"time"
)

// Limits that keep hostile input from exhausting the machine. The real
// catalog is about 150 KB and 5,000 YAML nodes; bench/gencatalog's
// 10,000-error catalog, far beyond any real one, is 37 MiB and 1.9 M
// structure marks. Within these limits a catalog costs at most about what
// that one does (about 1 GB allocated in all, 2 s on one core).
const (
	// MaxFileSize is the most bytes of a catalog file read.
	MaxFileSize = 40 << 20
	// MaxStructure bounds the YAML nodes a file may make yaml.v3 build
	// (some 300 bytes each), counted before parsing: lines plus the
	// characters that can start or separate a node (, : - [ { ?). It is an
	// over-count of the nodes, so no real catalog comes near it.
	MaxStructure = 2_500_000
	// MaxEntries bounds the errors of one file, checked once it is parsed
	// and before anything else is built from it.
	MaxEntries = 20_000
	maxDepth   = 64
)

// ReadTimeout bounds how long ReadFile waits on a pipe, a FIFO or a
// terminal that sends nothing.
var ReadTimeout = 10 * time.Second

// ReadFile reads a catalog file: at most MaxFileSize bytes, whatever the
// file system says its size is (devices and pipes say 0), and for no
// longer than ReadTimeout when the file can block (a FIFO is opened
// without waiting for a writer).
func ReadFile(path string) (Source, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return Source{}, err
	}
	defer f.Close()
	start := Pos{File: path, Line: 1, Col: 1}
	fi, err := f.Stat()
	if err != nil {
		return Source{}, err
	}
	if fi.IsDir() {
		return Source{}, fmt.Errorf("%s is a folder, not a catalog file", quoteName(path))
	}
	if fi.Mode().IsRegular() && fi.Size() > MaxFileSize {
		return Source{}, Diagnostics{{Pos: start, Msg: tooBig(strconv.FormatInt(fi.Size(), 10))}}
	}
	// A file that can block (pipe, FIFO, terminal) is pollable, so a
	// deadline applies; on a regular file or /dev/zero it is refused
	// and reads never block.
	_ = f.SetReadDeadline(time.Now().Add(ReadTimeout))
	hint := int64(bytes.MinRead)
	if fi.Mode().IsRegular() {
		hint += fi.Size()
	}
	var buf bytes.Buffer
	buf.Grow(int(hint))
	_, err = buf.ReadFrom(io.LimitReader(f, MaxFileSize+1))
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return Source{}, Diagnostics{{Pos: start, Msg: fmt.Sprintf("nothing more came in %v (%d bytes read); a catalog must be a file, or a pipe that ends", ReadTimeout, buf.Len())}}
	case err != nil:
		return Source{}, err
	case buf.Len() > MaxFileSize:
		return Source{}, Diagnostics{{Pos: start, Msg: tooBig("more than " + strconv.Itoa(MaxFileSize))}}
	case buf.Len() == 0 && fi.Mode()&fs.ModeNamedPipe != 0:
		return Source{}, Diagnostics{{Pos: start, Msg: "named pipe (FIFO) with no writer: nothing to read"}}
	}
	return Source{Name: path, Data: buf.Bytes()}, nil
}

func tooBig(size string) string {
	return fmt.Sprintf("file is %s bytes, over the %d-byte limit", size, MaxFileSize)
}

// structure is the count MaxStructure bounds: an upper bound of the YAML
// nodes (up to a small factor), found in one pass without parsing.
func structure(data []byte) int {
	n := 1
	for _, c := range data {
		switch c {
		case '\n', ',', ':', '-', '[', '{', '?':
			n++
		}
	}
	return n
}
