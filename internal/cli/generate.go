package cli

import (
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/output/stamp"
)

// targets says which outputs to render and where.
type targets struct {
	goDir, pkg, schemaDir, siteDir string
}

var goIdent = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// generate is the generate and check verbs: the pipeline, then write the
// files, or compare them with the disk.
func generate(args []string, stdout, stderr io.Writer, check bool) int {
	name := "generate"
	if check {
		name = "check"
	}
	fs, cat, t := generateFlags(name)
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	if err := t.resolve(); err != nil {
		return usageError(stderr, name, err)
	}
	srcs, err := readSources(*cat)
	if err != nil {
		return report(stderr, err)
	}
	tuneGC(srcs)
	// An interrupt or a kill request ends the run before the commit, with
	// the outputs as they were; once the commit has begun it runs to its
	// end. A second signal kills, as usual.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	// check always renders; only generate reads the binary for a stamp key.
	key := ""
	if !check && !(t.siteDir != "" && listsServices(srcs)) {
		key = t.key(srcs)
	}
	if key != "" {
		if n, fresh := stamp.Fresh(t.roots(), key); fresh {
			fmt.Fprintf(stdout, "nothing to do: the catalog, the flags and errgen are those of the last run (%d files unchanged)\n", n)
			return exitOK
		}
	}
	c, dirs, err := build(ctx, srcs, *t)
	if errors.Is(err, output.ErrInterrupted) {
		err = fmt.Errorf("errgen %s: %w", name, err)
	}
	if err != nil {
		return report(stderr, err) // every catalog mistake, FILE:LINE:COL first
	}
	plan, err := output.NewPlan(dirs)
	if err != nil {
		return report(stderr, fmt.Errorf("errgen %s: %w", name, err))
	}
	if check {
		return reportChanges(plan, stdout, stderr)
	}
	st, err := plan.Apply(ctx)
	if err != nil {
		return report(stderr, fmt.Errorf("errgen generate: %w", err))
	}
	if key != "" {
		stamp.Save(dirs, key)
	}
	fmt.Fprintf(stdout, "%s: %s written, %d unchanged, %d deleted\n",
		output.Plural(len(c.Errors), "catalog entry", "catalog entries"), output.Plural(st.Written, "file", "files"), st.Unchanged, st.Deleted)
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
	// is still told apart, without hashing all 20 MB on every run.
	head := make([]byte, 16<<10)
	n, _ := io.ReadFull(f, head)
	bin := fmt.Sprintf("%s\x00%d\x00%d\x00%s", exe, fi.Size(), fi.ModTime().UnixNano(), head[:n])
	parts := [][]byte{[]byte(bin), []byte(t.goDir + "\x00" + t.pkg + "\x00" + t.schemaDir + "\x00" + t.siteDir), builtinSource.Data}
	for _, s := range srcs {
		parts = append(parts, []byte(s.Name), s.Data)
	}
	return stamp.Key(parts...)
}

// errNoOutput is the usage error of a run that selects no output where
// no default applies: a service root, where writing the errgen repo's
// three folders would surprise.
var errNoOutput = errors.New(`no output selected, and there is no catalog/errors.yaml here to generate the errgen repo's outputs from.
In a service, put this line in a Go file of your error package and run go generate ./...:

	//go:generate go tool errgen

(it writes the package into that folder, named after it). Or choose outputs with flags:
-go DIR [-package NAME], -schema DIR, -site DIR; see errgen help generate`)

// resolve fills defaults. Under go generate ($GOPACKAGE is set) the Go
// package goes to the current folder with that package name; in a folder
// with catalog/errors.yaml (the errgen repo, the docs host) every output
// goes to its standard place; elsewhere nothing is chosen for the user.
func (t *targets) resolve() error {
	if t.goDir == "" && t.schemaDir == "" && t.siteDir == "" {
		switch {
		case os.Getenv("GOPACKAGE") != "":
			t.goDir = "."
		case t.pkg != "":
			return fmt.Errorf("-package needs -go")
		case fileExists(defaultCatalog):
			*t = targets{goDir: "generated/ankaerr", pkg: "ankaerr", schemaDir: "schema", siteDir: "site"}
		default:
			return errNoOutput
		}
	}
	if t.goDir == "" && t.pkg != "" {
		return fmt.Errorf("-package needs -go")
	}
	if t.goDir != "" && t.pkg == "" {
		t.pkg = defaultPackage(t.goDir)
	}
	if t.goDir == "" {
		return nil
	}
	switch {
	case !goIdent.MatchString(t.pkg):
		return fmt.Errorf("package name %q is not a lowercase Go identifier; pass -package NAME", t.pkg)
	case token.IsKeyword(t.pkg):
		return fmt.Errorf("package name %q is a Go keyword; pass -package NAME", t.pkg)
	case t.pkg == "main":
		return fmt.Errorf("package name \"main\" would make a program without a main function; pass -package NAME")
	}
	return nil
}

// defaultPackage names the package in dir: $GOPACKAGE when dir is the
// folder go generate runs in, else the package its Go files already
// declare, else the folder's name.
func defaultPackage(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	if pkg := os.Getenv("GOPACKAGE"); pkg != "" {
		if wd, err := os.Getwd(); err == nil && wd == abs {
			return pkg
		}
	}
	files, _ := filepath.Glob(filepath.Join(abs, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if clause, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.PackageClauseOnly); err == nil {
			return clause.Name.Name
		}
	}
	return filepath.Base(abs)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func reportChanges(plan *output.Plan, stdout, stderr io.Writer) int {
	changes := plan.Changes()
	for _, ch := range changes {
		fmt.Fprintln(stderr, ch)
	}
	if len(changes) == 0 {
		if os.Getenv("GOPACKAGE") == "" { // go generate's tools are quiet when all is well
			fmt.Fprintln(stdout, "errgen check: all outputs are current")
		}
		return exitOK
	}
	fmt.Fprintf(stderr, "errgen check: %s\n", plan.Summary(regenerateCommand()))
	return exitFail
}
