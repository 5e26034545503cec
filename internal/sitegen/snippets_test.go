package sitegen

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// snippetPages are entries whose snippets take every path of the
// templates: Retry-After sometimes (breaker) and always, retryable or
// not, after-fix and no, enum and string members, a class catch-all.
var snippetPages = []string{"upstream-unavailable", "too-many-requests", "missing-private-key",
	"unsupported-pkcs7-format", "invalid-key-state", "client-error", "server-error", "concurrent-modification"}

// TestSnippetsCompile checks that the snippets of snippetPages are code
// their language accepts as written: the Go ones build and vet in a
// throwaway module that requires this repo (generated/ankaerr and
// problem as they are), the curl one passes bash -n, the JavaScript one
// node --check, the Python one python3 -m py_compile. A tool that is not
// installed skips its own subtest, by name.
func TestSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module; skipped with -short")
	}
	c := load(t, realCatalog)
	calls := inputs(c).GoCalls
	dir := t.TempDir()
	texts := map[string][]string{} // language → file names
	for _, slug := range snippetPages {
		e := find(c, slug)
		if e == nil {
			t.Fatalf("no error %s in the catalog", slug)
		}
		d := newSnippetData(c, e, calls[slicesIndex(c, e)])
		pkg := strings.NewReplacer("-", "", "_", "").Replace(slug)
		for file, dst := range map[string]string{
			"client.go.tmpl":   filepath.Join("client", pkg, "client.go"),
			"service.go.tmpl":  filepath.Join("api", pkg, "api.go"),
			"curl.sh.tmpl":     filepath.Join("sh", slug+".sh"),
			"fetch.js.tmpl":    filepath.Join("js", slug+".js"),
			"requests.py.tmpl": filepath.Join("py", slug+".py"),
		} {
			text, err := snippet(file, d)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, dst), text)
			ext := filepath.Ext(dst)
			texts[ext] = append(texts[ext], filepath.Join(dir, dst))
		}
	}
	t.Run("go", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "go.mod"), "module example.test/snippets\n\ngo 1.26\n\n"+
			"require github.com/ankatech/errgen v0.0.0\n\nreplace github.com/ankatech/errgen => "+repoRoot(t)+"\n")
		runIn(t, dir, "go", "mod", "tidy")
		runIn(t, dir, "go", "vet", "./...")
	})
	for _, tool := range []struct{ ext, name string }{{".sh", "bash"}, {".js", "node"}, {".py", "python3"}} {
		t.Run(tool.name, func(t *testing.T) {
			if _, err := exec.LookPath(tool.name); err != nil {
				t.Skipf("%s is not installed: the %s snippets are not checked", tool.name, tool.ext)
			}
			for _, f := range texts[tool.ext] {
				switch tool.name {
				case "bash":
					runIn(t, dir, "bash", "-n", f)
				case "node":
					runIn(t, dir, "node", "--check", f)
				case "python3":
					runIn(t, dir, "python3", "-m", "py_compile", f)
				}
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runIn(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	root, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestSiblingRenderers: no renderer imports another; what they share is
// computed by the caller and passed in (Inputs, gogen.Render's schemas).
func TestSiblingRenderers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	const mod = "github.com/ankatech/errgen/internal/"
	for pkg, banned := range map[string][]string{
		"sitegen":   {"gogen", "schemagen"},
		"gogen":     {"schemagen", "sitegen"},
		"schemagen": {"gogen", "sitegen"},
	} {
		cmd := exec.Command("go", "list", "-deps", mod+pkg)
		cmd.Dir = repoRoot(t)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range banned {
				if dep == mod+b {
					t.Errorf("%s imports %s", pkg, b)
				}
			}
		}
	}
}
