package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/catalog/lintcase"
	"github.com/ankatech/errgen/internal/output"
)

const small = "../gogen/testdata/small.yaml"

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown verb "frobnicate"`},
		{[]string{"generate", "-nope"}, "flag provided but not defined: -nope"},
		{[]string{"generate", "-go"}, "flag needs an argument: -go"},
		{[]string{"generate", "-package", "x"}, "-package needs -go"},
		{[]string{"generate", "-go", dir, "-package", "Bad-Name"}, `package name "Bad-Name" is not a lowercase Go identifier`},
		{[]string{"generate", "-go", dir, "-package", "func"}, `package name "func" is a Go keyword`},
		{[]string{"generate", "-go", dir, "-package", "main"}, `package name "main" would make a program`},
		{[]string{"generate", "-go", filepath.Join(dir, "type")}, `package name "type" is a Go keyword`},
		{[]string{"lint", "extra"}, `unexpected argument "extra"`},
		{[]string{"lint", "-catalog", "x.yaml", "-catalog", "./x.yaml"}, `invalid value "./x.yaml" for flag -catalog: ./x.yaml is given twice`},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if code, _, stderr := runCLI("generate", "-h"); code != 0 || !strings.Contains(stderr, "-catalog") {
		t.Errorf("-h: exit %d, %q", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a usage error wrote files: %v", entries)
	}
}

// TestEveryVerbRefusesTheSame: for every catalog lint case and every
// case only the pipeline's later checks catch (examples against their
// schemas, Go names, links against the site), lint, generate and check
// exit 1 with the same messages, and generate changes nothing in folders
// that hold an earlier good output. -update rewrites the pipeline cases'
// messages from lint.
func TestEveryVerbRefusesTheSame(t *testing.T) {
	lintCases, err := lintcase.Load("../catalog/testdata/lint")
	if err != nil || len(lintCases) < 25 {
		t.Fatalf("found %d lint cases (%v)", len(lintCases), err)
	}
	pipelineDir, _ := filepath.Abs("testdata/pipeline") // the test moves to another folder
	pipelineCases, err := lintcase.Load(pipelineDir)
	if err != nil {
		t.Fatal(err)
	}
	out, in := t.TempDir(), t.TempDir()
	outputs := []string{"-go", filepath.Join(out, "go"), "-package", "apierr", "-schema", filepath.Join(out, "schema"), "-site", filepath.Join(out, "site")}
	if code, _, stderr := runCLI(append([]string{"generate", "-catalog", small}, outputs...)...); code != 0 {
		t.Fatalf("the good output: %s", stderr)
	}
	before := digest(t, out)
	t.Chdir(in) // messages name the files as the cases do
	for _, c := range append(lintCases[1:], pipelineCases[1:]...) {
		if c.Want == "ok\n" {
			continue
		}
		var cat []string
		for _, f := range c.Files {
			if err := os.WriteFile(f.Name, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			cat = append(cat, "-catalog", f.Name)
		}
		_, _, lintOut := runCLI(append([]string{"lint"}, cat...)...)
		if *update && strings.HasPrefix(c.Path, pipelineDir) {
			if err := c.Update(lintOut); err != nil {
				t.Fatal(err)
			}
			c.Want = lintOut
		}
		if lintOut != c.Want {
			t.Errorf("%s: lint says\n%s\nwant\n%s", c.Path, lintOut, c.Want)
		}
		for _, verb := range []string{"lint", "generate", "check"} {
			args := append([]string{verb}, cat...)
			if verb != "lint" {
				args = append(args, outputs...)
			}
			code, _, stderr := runCLI(args...)
			if code != 1 || stderr != lintOut {
				t.Errorf("%s: %s exits %d with\n%s\nwant exit 1 and lint's\n%s", c.Path, verb, code, stderr, lintOut)
			}
		}
	}
	if digest(t, out) != before {
		t.Error("a refused generate changed the outputs")
	}
	if code, _, stderr := runCLI("lint", "-catalog", "missing.yaml"); code != 1 || !strings.Contains(stderr, "no such file") {
		t.Errorf("missing catalog: exit %d, %q", code, stderr)
	}
}

var update = flag.Bool("update", false, "rewrite the messages of testdata/pipeline from lint")

func TestGenerateCheckCycle(t *testing.T) {
	out := t.TempDir()
	args := []string{"-catalog", small, "-go", filepath.Join(out, "smallerr"), "-schema", filepath.Join(out, "schema"), "-site", filepath.Join(out, "site")}
	if code, stdout, stderr := runCLI(append([]string{"generate"}, args...)...); code != 0 {
		t.Fatalf("generate: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(append([]string{"check"}, args...)...); code != 0 {
		t.Fatalf("check after generate: exit %d\n%s", code, stderr)
	}
	_, stdout, _ := runCLI(append([]string{"generate"}, args...)...)
	if !strings.HasPrefix(stdout, "nothing to do") && !strings.Contains(stdout, " 0 files written") {
		t.Errorf("a no-op rerun wrote files: %s", stdout)
	}
	stale := filepath.Join(out, "schema", "upstream-timeout.schema.json")
	os.WriteFile(stale, []byte("{}"), 0o644)
	code, _, stderr := runCLI(append([]string{"check"}, args...)...)
	if code != 1 || !strings.Contains(stderr, filepath.ToSlash(stale)+": differs") {
		t.Errorf("check after a hand edit: exit %d, %q", code, stderr)
	}
	if runtime.GOOS == "linux" {
		// /proc refuses new folders even to root: a read-only output place.
		if code, _, stderr := runCLI("generate", "-catalog", small, "-schema", "/proc/errgen-test/schema"); code != 1 || !strings.Contains(stderr, "/proc/errgen-test") {
			t.Errorf("read-only output folder: exit %d, %q", code, stderr)
		}
	}
	file := filepath.Join(out, "afile")
	os.WriteFile(file, nil, 0o644)
	if code, _, stderr := runCLI("generate", "-catalog", small, "-schema", file); code != 1 || !strings.Contains(stderr, "is a file") {
		t.Errorf("output folder that is a file: exit %d, %q", code, stderr)
	}
}

// TestDeterministic renders every output of the real catalog four times,
// under GOMAXPROCS 1 and 2, and wants the same files with the same bytes.
func TestDeterministic(t *testing.T) {
	c, err := loadCatalog([]string{"../../catalog/errors.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { runtime.GOMAXPROCS(runtime.GOMAXPROCS(0)) })
	var first []output.Dir
	for _, procs := range []int{1, 2, 1, 2} {
		runtime.GOMAXPROCS(procs)
		dirs, err := renderAll(c, everything)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = dirs
			continue
		}
		for _, d := range diffOutputs(first, dirs) {
			t.Errorf("GOMAXPROCS=%d: %s", procs, d)
		}
	}
}

// TestDiffOutputs shows that the comparison TestDeterministic relies on
// sees one changed byte, a missing file and an extra file in any output.
func TestDiffOutputs(t *testing.T) {
	c, err := loadCatalog([]string{small})
	if err != nil {
		t.Fatal(err)
	}
	a, err := renderAll(c, everything)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffOutputs(a, a); len(d) != 0 {
		t.Fatalf("a render differs from itself: %v", d)
	}
	for i := range a {
		for _, mutate := range []func([]output.File) []output.File{
			func(f []output.File) []output.File { // a stamp in one file
				g := slices.Clone(f)
				g[len(g)/2].Data = append(slices.Clone(g[len(g)/2].Data), '1')
				return g
			},
			func(f []output.File) []output.File { return f[:len(f)-1] },
			func(f []output.File) []output.File { return append(slices.Clone(f), output.File{Path: "zz"}) },
		} {
			b := slices.Clone(a)
			b[i].Files = mutate(a[i].Files)
			if d := diffOutputs(a, b); len(d) == 0 {
				t.Errorf("%s: a changed render was not seen", a[i].Kind)
			}
		}
	}
}

// diffOutputs lists how two renders differ: files only in one, and files
// whose bytes differ.
func diffOutputs(a, b []output.Dir) []string {
	var out []string
	if len(a) != len(b) {
		return []string{fmt.Sprintf("%d output folders, then %d", len(a), len(b))}
	}
	for i := range a {
		files := map[string][]byte{}
		for _, f := range a[i].Files {
			files[f.Path] = f.Data
		}
		for _, f := range b[i].Files {
			data, ok := files[f.Path]
			switch {
			case !ok:
				out = append(out, a[i].Kind+": new file "+f.Path)
			case !bytes.Equal(data, f.Data):
				out = append(out, a[i].Kind+": "+f.Path+" differs")
			}
			delete(files, f.Path)
		}
		for p := range files {
			out = append(out, a[i].Kind+": missing "+p)
		}
	}
	slices.Sort(out)
	return out
}

// TestCommittedOutputsCurrent fails when generated/, schema/ or site/
// differ from what the catalog renders (errgen check as a test).
func TestCommittedOutputsCurrent(t *testing.T) {
	srcs, err := readSources([]string{"../../catalog/errors.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	// The whole pipeline, checks included, as errgen check runs it.
	_, dirs, err := build(context.Background(), srcs, targets{goDir: "../../generated/ankaerr", pkg: "ankaerr", schemaDir: "../../schema", siteDir: "../../site"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := output.NewPlan(dirs)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range plan.Changes() {
		t.Errorf("%s (run: go run ./cmd/errgen)", ch)
	}
}

// TestMain keeps the no-op stamps of the tests out of the user's cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "errgen-cache-")
	if err != nil {
		panic(err)
	}
	// The go command run by some tests keeps its own caches where they
	// were, or it would rebuild and re-download everything.
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		panic(err)
	}
	for i, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
		os.Setenv(name, strings.Split(string(out), "\n")[i])
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestNoOpShortcut: a rerun with the same catalog and flags renders
// nothing; a hand edit or a deleted output makes the next run render and
// repair it.
func TestNoOpShortcut(t *testing.T) {
	out := t.TempDir()
	args := []string{"generate", "-catalog", small, "-schema", filepath.Join(out, "schema")}
	if code, _, stderr := runCLI(args...); code != 0 {
		t.Fatal(stderr)
	}
	if _, stdout, _ := runCLI(args...); !strings.HasPrefix(stdout, "nothing to do:") {
		t.Fatalf("second run did not take the shortcut: %s", stdout)
	}
	target := filepath.Join(out, "schema", "upstream-timeout.schema.json")
	want, _ := os.ReadFile(target)
	os.WriteFile(target, []byte("{}"), 0o644)
	if _, stdout, _ := runCLI(args...); !strings.Contains(stdout, "1 file written") {
		t.Fatalf("a hand edit was not repaired: %s", stdout)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, want) {
		t.Error("the edited file was not restored")
	}
	os.Remove(target)
	if _, stdout, _ := runCLI(args...); !strings.Contains(stdout, "1 file written") {
		t.Fatalf("a deleted output was not restored: %s", stdout)
	}
}

// TestKeyFollowsTheBinary: a rebuilt errgen (here: the test binary with a
// new modification time) must not take the no-op shortcut of the old one.
func TestKeyFollowsTheBinary(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	fi, err := os.Stat(exe)
	if err != nil {
		t.Skip(err)
	}
	// The key reads the first 16 KB for Go's build ID: make sure it is there.
	if id, err := exec.Command("go", "tool", "buildid", exe).Output(); err == nil {
		f, _ := os.Open(exe)
		head := make([]byte, 16<<10)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if !bytes.Contains(head[:n], bytes.TrimSpace(id)) {
			t.Errorf("the build ID %s is not in the first 16 KB of %s", bytes.TrimSpace(id), exe)
		}
	}
	tg := targets{schemaDir: "s"}
	before := tg.key(nil)
	if before == "" || tg.key(nil) != before {
		t.Fatalf("key not stable: %q", before)
	}
	if (&targets{siteDir: "s"}).key(nil) == before {
		t.Error("the key did not change with the flags")
	}
	if err := os.Chtimes(exe, fi.ModTime(), fi.ModTime().Add(time.Second)); err != nil {
		t.Skip(err)
	}
	defer os.Chtimes(exe, fi.ModTime(), fi.ModTime())
	if tg.key(nil) == before {
		t.Error("the key did not change with the binary")
	}
}

// TestCheckForeignAdvice: when a file errgen did not write sits at a
// target, check says so and does not send the reader to a generate that
// would refuse.
func TestCheckForeignAdvice(t *testing.T) {
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "errors"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "errors", "index.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("check", "-catalog", realCatalog, "-site", site)
	if code != 1 || !strings.Contains(stderr, filepath.ToSlash(site)+"/errors/index.html: foreign") ||
		!strings.Contains(stderr, "move or delete the 1 path marked foreign, stray or unsafe, then run errgen generate") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// renderAll renders the outputs t selects, with the shared parts computed
// as build does.
func renderAll(c *catalog.Catalog, t targets) ([]output.Dir, error) {
	sh, err := share(c, t)
	if err != nil {
		return nil, err
	}
	return render(model{c, sh}, model{c, sh}, t)
}
