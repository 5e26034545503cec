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
		return Source{}, quotePathError(err)
	}
	defer f.Close()
	start := Pos{File: path, Line: 1, Col: 1}
	fi, err := f.Stat()
	if err != nil {
		return Source{}, quotePathError(err)
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
	hint := 0
	if fi.Mode().IsRegular() {
		hint = int(fi.Size())
	}
	data, err := readAtMost(f, hint)
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return Source{}, Diagnostics{{Pos: start, Msg: fmt.Sprintf("no end after %v (%d bytes read): a catalog must be a file, or a pipe that ends", ReadTimeout, len(data))}}
	case errors.Is(err, errTooLong):
		return Source{}, Diagnostics{{Pos: start, Msg: tooBig("more than " + strconv.Itoa(MaxFileSize))}}
	case err != nil:
		return Source{}, quotePathError(err)
	case len(data) == 0 && fi.Mode()&fs.ModeNamedPipe != 0:
		return Source{}, Diagnostics{{Pos: start, Msg: "named pipe (FIFO) with no writer: nothing to read"}}
	}
	return Source{Name: path, Data: data}, nil
}

var errTooLong = errors.New("over MaxFileSize")

// readAtMost reads r to its end, or to MaxFileSize+1 bytes. A regular
// file (hint: its size) is read into one buffer of its size, plus the
// byte that finds its end; anything else in chunks that double up to
// 4 MiB, joined at the end, so a stream that is too long costs the bytes
// read and no more.
func readAtMost(r io.Reader, hint int) ([]byte, error) {
	var chunks [][]byte
	total, size := 0, 64<<10
	if hint > 0 {
		size = hint + 1
	}
	for total <= MaxFileSize {
		c := make([]byte, min(size, MaxFileSize+1-total))
		n, err := io.ReadFull(r, c)
		chunks = append(chunks, c[:n])
		total += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return bytes.Join(chunks, nil), err
		}
		size = min(2*size, 4<<20)
	}
	if total > MaxFileSize {
		return nil, errTooLong
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// quotePathError quotes the file name in an *fs.PathError as Pos does, so
// a name with a newline cannot split the message.
func quotePathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: quoteName(pe.Path), Err: pe.Err}
	}
	return err
}

func tooBig(size string) string {
	return fmt.Sprintf("file is %s bytes, over the %d-byte limit", size, MaxFileSize)
}

// structure is the count MaxStructure bounds: an upper bound of the YAML
// nodes (up to a small factor), found in one pass without parsing.
func structure(data []byte) int {
	n := 1
	for _, c := range []byte("\n,:-[{?") {
		n += bytes.Count(data, []byte{c}) // vectorised: faster than one loop
	}
	return n
}
