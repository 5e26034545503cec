package catalog_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ankatech/errgen/internal/catalog"
)

// allocated is how many bytes f allocates, in all (runtime.MemStats'
// TotalAlloc): a bound on memory that does not depend on the machine's
// speed or load, as a time would.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const mb = 1 << 20

// hostile are the two catalogs of issue 13 (one flow sequence; tiny
// entries), of about size bytes.
func hostile(size int) map[string][]byte {
	return map[string][]byte{
		"flow sequence": []byte("base_uri: https://x.test/\nerrors: [" + strings.Repeat("a,", size/2) + "a]\n"),
		"tiny entries":  []byte("base_uri: https://x.test/\nerrors:\n" + strings.Repeat("  - {slug: a}\n", size/14)),
	}
}

// loadBounded loads src and checks it failed with at most MaxMessages+1
// messages, the last one starting with last, within limit bytes allocated.
func loadBounded(t *testing.T, src catalog.Source, limit uint64, last string) {
	t.Helper()
	var err error
	n := allocated(func() { _, err = catalog.Load(src) })
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 || len(ds) > catalog.MaxMessages+1 {
		t.Fatalf("want at most %d positioned messages, got %d: %.300v", catalog.MaxMessages+1, len(ds), err)
	}
	if got := ds[len(ds)-1].Msg; !strings.HasPrefix(got, last) {
		t.Errorf("last message %q, want one starting with %q", got, last)
	}
	t.Logf("%.1f MB allocated", float64(n)/mb)
	if n > limit {
		t.Errorf("%d MB allocated, want at most %d MB", n/mb, limit/mb)
	}
}

// TestHostileCatalogs: issue 13's two 50 MB catalogs, and 30 MB ones under
// the size limit, are refused after one pass over the bytes. (They cost
// 12.8 GB and 10.6 GB before.)
func TestHostileCatalogs(t *testing.T) {
	for _, size := range []int{50 * 1000 * 1000, 30 * mb} {
		for name, data := range hostile(size) {
			t.Run(fmt.Sprintf("%s %d MB", name, size/mb), func(t *testing.T) {
				loadBounded(t, catalog.Source{Name: "h.yaml", Data: data}, 16*mb, "file ")
			})
		}
	}
}

// TestHostileUnderTheCaps: catalogs of a million tiny entries, just under
// the structure cap, are refused by the entry cap. Each costs
// about what yaml.v3 takes to parse it (130 to 300 MB; 1.1 GB when the
// entry cap does not apply).
func TestHostileUnderTheCaps(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: parses 1.2 M YAML nodes")
	}
	for name, data := range hostile(2_400_000) {
		t.Run(name, func(t *testing.T) {
			loadBounded(t, catalog.Source{Name: "h.yaml", Data: data}, 400*mb, "")
		})
	}
}

// TestManyBrokenEntries: at the entry cap, every entry broken; the schema
// check stops after MaxMessages (about 24 MB in all; 41 MB when it does
// not stop).
// TestSyntaxSearchBounded: the search for the line where a 4 MB file
// breaks stops at its budget (it cost 2.2 GB without one).
func TestSyntaxSearchBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: parses 4 MB of YAML several times")
	}
	data := "base_uri: https://x.test/\nerrors:\n  - slug: a\n    causes:\n" + strings.Repeat("      - x\n", 400_000) + "     - y\n"
	loadBounded(t, catalog.Source{Name: "s.yaml", Data: []byte(data)}, 450*mb, "YAML syntax")
}

// TestManyMissingRelations: 5,000 entries, each related to a slug that
// does not exist, cost little more than when each relation is right: only
// the messages that can be shown get a suggestion (sorting the slugs for
// each one cost 360 MB more, and the edit distances quadratic time).
func TestManyMissingRelations(t *testing.T) {
	data := func(target string) []byte {
		var b strings.Builder
		b.WriteString("base_uri: https://x.test/\nerrors:\n")
		for i := range 5000 {
			fmt.Fprintf(&b, "  - {slug: e%d, title: T, status: 400, summary: S., when: W., causes: [C.], resolve: [R.], "+
				"retry: {retryable: \"no\"}, detail: {template: D.}, example: {body: {type: https://x.test/e%d, title: T, status: 400}}, "+
				"related: [{slug: %s%d, kind: see-also, note: N.}]}\n", i, i, target, (i+1)%5000)
		}
		return []byte(b.String())
	}
	var err error
	right := allocated(func() { _, err = catalog.Load(catalog.Source{Name: "m.yaml", Data: data("e")}) })
	if err != nil {
		t.Fatal(err)
	}
	loadBounded(t, catalog.Source{Name: "m.yaml", Data: data("x")}, right+30*mb, "and 4800 more mistakes")
}

func TestManyBrokenEntries(t *testing.T) {
	data := []byte("base_uri: https://x.test/\nerrors:\n" + strings.Repeat("  - x\n", catalog.MaxEntries))
	loadBounded(t, catalog.Source{Name: "h.yaml", Data: data}, 32*mb, "and more mistakes: checking stopped")
}

// TestReadDevZero: a device that never ends is read up to the size limit
// and refused (it was read until memory ran out).
func TestReadDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip(err)
	}
	var err error
	n := allocated(func() { _, err = catalog.ReadFile("/dev/zero") })
	if err == nil || !strings.Contains(err.Error(), "/dev/zero:1:1: file is more than") {
		t.Fatalf("want the size limit, got %v", err)
	}
	if n > 3*catalog.MaxFileSize {
		t.Errorf("%d MB allocated reading /dev/zero, want at most %d MB", n/mb, 3*catalog.MaxFileSize/mb)
	}
}

func fifo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "catalog.yaml")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	return path
}

// TestReadFIFO: a FIFO with no writer is reported at once (opening it
// blocked forever); one whose writer sends nothing is given up after
// ReadTimeout; one that streams 50 MB is read up to the size limit.
func TestReadFIFO(t *testing.T) {
	path := fifo(t)
	if _, err := catalog.ReadFile(path); err == nil || !strings.Contains(err.Error(), "no writer") {
		t.Errorf("FIFO without a writer: want a message, got %v", err)
	}

	defer func(d time.Duration) { catalog.ReadTimeout = d }(catalog.ReadTimeout)
	catalog.ReadTimeout = 50 * time.Millisecond
	w, err := os.OpenFile(path, os.O_RDWR, 0) // a writer that never writes
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := catalog.ReadFile(path); err == nil || !strings.Contains(err.Error(), "no end after") {
		t.Errorf("silent writer: want a message, got %v", err)
	}
	w.Close()

	catalog.ReadTimeout = time.Hour // the writer below never stalls for long
	path = fifo(t)
	// Opened for reading and writing, so it is there before ReadFile
	// opens the FIFO; Close ends the write that ReadFile leaves blocked.
	w, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	data := hostile(50 * 1000 * 1000)["tiny entries"]
	done := make(chan struct{})
	go func() {
		w.Write(data)
		close(done)
	}()
	n := allocated(func() { _, err = catalog.ReadFile(path) })
	w.Close()
	<-done
	if err == nil || !strings.Contains(err.Error(), "file is more than") {
		t.Errorf("50 MB FIFO: want the size limit, got %v", err)
	}
	if n > 3*catalog.MaxFileSize {
		t.Errorf("%d MB allocated, want at most %d MB", n/mb, 3*catalog.MaxFileSize/mb)
	}
}

// TestNameWithNewline: a catalog path with a newline is quoted, so each
// message stays one FILE:LINE:COL line.
func TestNameWithNewline(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a\nb.yaml")
	if err := os.WriteFile(name, []byte("errors: [1]\nx: y\n"), 0o644); err != nil {
		t.Skip(err)
	}
	src, err := catalog.ReadFile(name)
	if err == nil {
		_, err = catalog.Load(src)
	}
	if err == nil {
		t.Fatal("want messages")
	}
	quoted := `"` + strings.ReplaceAll(name, "\n", `\n`) + `"`
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, quoted+":") {
			t.Errorf("message line %q does not start with the quoted name", line)
		}
	}
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	_, err = catalog.ReadFile(name)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), quoted) {
		t.Errorf("a missing file: want its name quoted on one line, got %q", err)
	}
}
