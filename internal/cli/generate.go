package cli

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/schemagen"
	"github.com/ankatech/errgen/internal/sitegen"
)

// targets says which outputs to render and where.
type targets struct {
	goDir, pkg, schemaDir, siteDir string
}

var goIdent = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func generate(args []string, stdout, stderr io.Writer, check bool) int {
	name := "generate"
	if check {
		name = "check"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var cat files
	var t targets
	fs.Var(&cat, "catalog", "catalog `FILE` (repeatable; a file without base_uri adds errors to the one before, or to the built-in catalog)")
	fs.StringVar(&t.goDir, "go", "", "write the Go package to `DIR`")
	fs.StringVar(&t.pkg, "package", "", "Go package `NAME` (default: the -go folder's name)")
	fs.StringVar(&t.schemaDir, "schema", "", "write JSON Schemas to `DIR`")
	fs.StringVar(&t.siteDir, "site", "", "write the documentation site to `DIR` (its document root)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if err := t.resolve(); err != nil {
		fmt.Fprintf(stderr, "errgen %s: %v\n", name, err)
		return exitUsage
	}
	srcs, err := readSources(cat)
	if err != nil {
		return report(stderr, err)
	}
	tuneGC(srcs)
	// check always renders; only generate reads the binary for a stamp key.
	key := ""
	if !check {
		key = t.key(srcs)
	}
	if key != "" {
		if n, fresh := output.Fresh(t.roots(), key); fresh {
			fmt.Fprintf(stdout, "nothing to do: 0 files written, %d unchanged (same catalog, flags and errgen as the last run)\n", n)
			return exitOK
		}
	}
	c, err := catalog.LoadOver(builtinSource, srcs...)
	if err != nil {
		return report(stderr, err)
	}
	if t.goDir != "" {
		if err := gogen.Check(c); err != nil {
			return report(stderr, err)
		}
	}
	// Files go to the disk (or, for check, are compared with it) as they
	// render, so a large site is never in memory whole; nothing replaces
	// an output before everything has rendered.
	s, err := output.Open(t.dirs(), nil, check)
	if err != nil {
		return report(stderr, fmt.Errorf("errgen %s: %w", name, err))
	}
	// An interrupt or a kill request aborts the session, so the outputs
	// stay as they were and no staged file is left behind.
	interrupted := make(chan os.Signal, 1)
	signal.Notify(interrupted, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	defer func() { signal.Stop(interrupted); close(done) }()
	var stopped atomic.Bool
	go func() {
		select {
		case <-interrupted:
			stopped.Store(true)
			signal.Stop(interrupted) // a second signal kills, as usual
			s.Abort()
		case <-done:
		}
	}()
	if err := renderTo(c, t, s.Put); err != nil {
		failed := s.Err() // a file the session refused, if that is why
		s.Abort()
		switch {
		case stopped.Load():
			err = fmt.Errorf("errgen %s: interrupted; no output was changed", name)
		case failed != nil:
			// The other renderers stopped because of it: say only it.
			err = fmt.Errorf("errgen %s: %w", name, failed)
		}
		return report(stderr, err)
	}
	if check {
		return reportChanges(s, stdout, stderr)
	}
	st, err := s.Commit()
	if err != nil {
		if stopped.Load() {
			err = errors.New("interrupted; no output was changed")
		}
		return report(stderr, fmt.Errorf("errgen generate: %w", err))
	}
	if key != "" {
		output.Stamp(s.Dirs(), key)
	}
	fmt.Fprintf(stdout, "%d errors: %d files written, %d unchanged, %d deleted\n",
		len(c.Errors), st.Written, st.Unchanged, st.Deleted)
	return exitOK
}

// roots lists the selected output folders.
func (t *targets) roots() []string {
	var r []string
	for _, d := range []string{t.goDir, t.schemaDir, t.siteDir} {
		if d != "" {
			r = append(r, d)
		}
	}
	return r
}

// key identifies what the outputs are made from: this errgen binary, the
// catalog bytes and the flags. "" when the binary cannot be found, which
// turns the no-op shortcut off.
func (t *targets) key(srcs []catalog.Source) string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ""
	}
	// The binary is known by its path, size and modification time, and by
	// its first 16 KB, which hold the Go build ID (a hash of the binary's
	// content): a rebuilt errgen copied with its old mtime (cp -p, tar)
	// is still told apart. Reading and hashing all 20 MB cost about
	// 20 ms a run, a fifth of the whole build of the real catalog.
	head := make([]byte, 16<<10)
	n, _ := io.ReadFull(f, head)
	bin := fmt.Sprintf("%s\x00%d\x00%d\x00%s", exe, fi.Size(), fi.ModTime().UnixNano(), head[:n])
	parts := [][]byte{[]byte(bin), []byte(t.goDir + "\x00" + t.pkg + "\x00" + t.schemaDir + "\x00" + t.siteDir), builtinSource.Data}
	for _, s := range srcs {
		parts = append(parts, []byte(s.Name), s.Data)
	}
	return output.Key(parts...)
}

// resolve fills defaults: no output flag means every output at its
// standard place in the errgen repo.
func (t *targets) resolve() error {
	if t.goDir == "" && t.schemaDir == "" && t.siteDir == "" {
		if t.pkg != "" {
			return fmt.Errorf("-package needs -go")
		}
		*t = targets{goDir: "generated/ankaerr", pkg: "ankaerr", schemaDir: "schema", siteDir: "site"}
	}
	if t.goDir != "" && t.pkg == "" {
		abs, err := filepath.Abs(t.goDir)
		if err != nil {
			return err
		}
		t.pkg = filepath.Base(abs)
	}
	if t.goDir == "" && t.pkg != "" {
		return fmt.Errorf("-package needs -go")
	}
	if t.goDir != "" && !goIdent.MatchString(t.pkg) {
		return fmt.Errorf("package name %q is not a lowercase Go identifier; pass -package NAME", t.pkg)
	}
	if t.goDir != "" && token.IsKeyword(t.pkg) {
		return fmt.Errorf("package name %q is a Go keyword; pass -package NAME", t.pkg)
	}
	if t.goDir != "" && t.pkg == "main" {
		return fmt.Errorf("package name \"main\" would make a program without a main function; pass -package NAME")
	}
	return nil
}

func reportChanges(s *output.Session, stdout, stderr io.Writer) int {
	changes, err := s.Changes()
	if err != nil {
		return report(stderr, fmt.Errorf("errgen check: %w", err))
	}
	for _, ch := range changes {
		fmt.Fprintln(stderr, ch)
	}
	if len(changes) > 0 {
		foreign := 0
		for _, ch := range changes {
			if ch.Kind == "foreign" {
				foreign++
			}
		}
		fix := "run errgen generate"
		if foreign > 0 { // generate would refuse them
			fix = fmt.Sprintf("move or delete the %d foreign files, then run errgen generate", foreign)
		}
		fmt.Fprintf(stderr, "errgen check: %d outputs differ from the catalog; %s\n", len(changes), fix)
		return exitFail
	}
	fmt.Fprintln(stdout, "errgen check: all outputs are current")
	return exitOK
}

// job is one renderer and the folder (index into targets.dirs) it fills;
// several jobs may fill one folder.
type job struct {
	dir int
	run func(put func(output.File) error) error
}

// jobs lists the selected renderers, in the order of targets.dirs.
func (t targets) jobs(c *catalog.Catalog) []job {
	var jobs []job
	dir := -1 // the folder the next jobs fill
	add := func(run func(put func(output.File) error) error) { jobs = append(jobs, job{dir, run}) }
	if t.goDir != "" {
		dir++
		add(func(put func(output.File) error) error {
			schemas, err := schemagen.Schemas(c)
			if err != nil {
				return err
			}
			return putFiles(put)(gogen.Render(c, t.pkg, schemas))
		})
	}
	if t.schemaDir != "" {
		dir++
		add(func(put func(output.File) error) error { return putFiles(put)(schemagen.SchemaDir(c)) })
	}
	if t.siteDir != "" {
		// The site's JSON files and its pages are independent: two jobs.
		dir++
		add(func(put func(output.File) error) error { return putFiles(put)(schemagen.SiteFiles(c)) })
		add(func(put func(output.File) error) error {
			return sitegen.RenderTo(c, sitegen.Inputs{GoCalls: gogen.ExampleCalls(c, sitegen.GoPackage)}, put)
		})
	}
	return jobs
}

// dirs lists the selected output folders, in the order of jobs.
func (t targets) dirs() []output.Dir {
	var d []output.Dir
	for _, x := range []struct{ root, kind string }{{t.goDir, "go"}, {t.schemaDir, "schema"}, {t.siteDir, "site"}} {
		if x.root != "" {
			d = append(d, output.Dir{Root: x.root, Kind: x.kind})
		}
	}
	return d
}

// putFiles hands a renderer's files to put, one by one.
func putFiles(put func(output.File) error) func([]output.File, error) error {
	return func(files []output.File, err error) error {
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := put(f); err != nil {
				return err
			}
		}
		return nil
	}
}

// renderTo runs the selected renderers side by side (they share nothing
// but the read-only catalog) and hands every file to put with the index
// of its folder in t.dirs(). It stops at the first error.
func renderTo(c *catalog.Catalog, t targets, put func(dir int, f output.File) error) error {
	jobs := t.jobs(c)
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() {
			errs[i] = j.run(func(f output.File) error { return put(j.dir, f) })
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// render renders every selected output into memory (serve, tests and
// benchmarks); the files of each folder are in a fixed order.
func render(c *catalog.Catalog, t targets) ([]output.Dir, error) {
	dirs := t.dirs()
	var mu sync.Mutex
	err := renderTo(c, t, func(dir int, f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		dirs[dir].Files = append(dirs[dir].Files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		slices.SortFunc(d.Files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	}
	return dirs, nil
}

// lintOutputs checks what lint can check beyond the catalog itself: the
// generated schemas compile and every example validates against its own.
func lintOutputs(c *catalog.Catalog) error {
	return errors.Join(gogen.Check(c), schemagen.Check(c))
}

// tuneGC lets the heap grow to five times the live data between
// collections instead of twice (GOGC=400), under a soft limit that scales
// with the catalog (256 MiB plus 8 bytes per catalog byte; about 560 MiB
// for 10,000 errors), after which the collector works as hard as it must
// to stay below it. A small catalog then builds with one or two
// collections instead of a dozen (about 9 ms of the real catalog's
// ~100 ms) and a large one peaks no higher than with the defaults.
// GOGC or GOMEMLIMIT in the environment win.
func tuneGC(srcs []catalog.Source) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	size := int64(len(builtinSource.Data))
	for _, s := range srcs {
		size += int64(len(s.Data))
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(256<<20 + 8*size)
}
