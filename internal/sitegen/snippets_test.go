package sitegen

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
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

// TestSnippetsRun runs the JavaScript, Python and Go client snippets of
// two pages against a server that answers with the page's example: for
// upstream-unavailable twice (Retry-After: 1), then 200, which each
// snippet must come through by retrying; for missing-private-key once,
// which each must not resend and must report as a problem with its
// members and X-Request-Id. The assertions count requests and read
// outputs, never time.
func TestSnippetsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs node, python3 and go test; skipped with -short")
	}
	c := load(t, realCatalog)
	calls := inputs(c).GoCalls
	srv, count := exampleServer(t, c, "upstream-unavailable", "missing-private-key")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.test/snippets\n\ngo 1.26\n\n"+
		"require github.com/ankatech/errgen v0.0.0\n\nreplace github.com/ankatech/errgen => "+repoRoot(t)+"\n")
	for _, tc := range []struct {
		slug     string
		want     []string // in every output
		n, curlN int      // requests the server sees; the curl script's three commands see more
	}{
		{"upstream-unavailable", []string{"ok 200 fine"}, 3, 4},
		{"missing-private-key", []string{"error", "MISSING_RECIPIENT_PRIVATE_KEY", "2f6a9d3b-1c85-4e07-a4b9-e8d07c5f6a31"}, 1, 2},
	} {
		e := find(c, tc.slug)
		d := newSnippetData(c, e, calls[slicesIndex(c, e)])
		url := srv.URL + "/" + tc.slug
		d.URL = url // where the curl script sends its requests
		for _, lang := range []struct{ tool, tmpl, file, driver string }{
			{"node", "fetch.js.tmpl", "run.js", jsDriver},
			{"python3", "requests.py.tmpl", "run.py", pyDriver},
			{"go", "client.go.tmpl", "client.go", ""},
			{"curl", "curl.sh.tmpl", "run.sh", curlDriver},
		} {
			t.Run(tc.slug+"/"+lang.tool, func(t *testing.T) {
				need := []string{lang.tool}
				if lang.tool == "curl" {
					need = append(need, "bash", "jq")
				}
				for _, tool := range need {
					if _, err := exec.LookPath(tool); err != nil {
						t.Skipf("%s is not installed", tool)
					}
				}
				text, err := snippet(lang.tmpl, d)
				if err != nil {
					t.Fatal(err)
				}
				sub := filepath.Join(dir, strings.ReplaceAll(tc.slug, "-", ""))
				writeFile(t, filepath.Join(sub, lang.file), text+lang.driver)
				count.Store(0)
				var out string
				switch lang.tool {
				case "go":
					writeFile(t, filepath.Join(sub, "client_test.go"), goDriver)
					runIn(t, dir, "go", "mod", "tidy")
					out = runOutput(t, dir, []string{"SNIPPET_URL=" + url}, "go", "test", "-count=1", "-run", "TestCall", "-v", "./"+filepath.Base(sub))
				case "curl":
					out = runOutput(t, sub, nil, "bash", lang.file)
				default:
					out = runOutput(t, sub, nil, lang.tool, lang.file, url)
				}
				want, n := tc.want, tc.n
				if lang.tool == "curl" { // -i shows the example's status line
					want, n = []string{fmt.Sprintf("HTTP/1.1 %d", exampleStatus(e))}, tc.curlN
					if tc.curlN > 2 {
						want = append(want, "fine") // --retry came through
					}
				}
				for _, w := range want {
					if !strings.Contains(out, w) {
						t.Errorf("output lacks %q:\n%s", w, out)
					}
				}
				if got := count.Load(); got != int64(n) {
					t.Errorf("the server saw %d requests, want %d", got, n)
				}
			})
		}
	}
}

// curlDriver runs the script as it is.
const curlDriver = ""

const jsDriver = `
call(process.argv[2]).then(async (res) => console.log('ok', res.status, await res.text()),
  (err) => console.log('error', JSON.stringify(err.problem), err.requestId));
`

const pyDriver = `

if __name__ == "__main__":
    import json
    import sys

    try:
        r = call("GET", sys.argv[1])
        print("ok", r.status_code, r.text)
    except ProblemError as e:
        print("error", json.dumps(e.problem), e.request_id)
`

const goDriver = `package client

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
)

func TestCall(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, os.Getenv("SNIPPET_URL"), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := call(req)
	if err != nil {
		fmt.Println("error", err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	fmt.Println("ok", resp.StatusCode, string(body))
}
`

// exampleServer answers /<slug> with the slug's example response, its
// Retry-After cut to 1 s, except the third request (count counts them),
// which gets 200 "fine".
func exampleServer(t *testing.T, c *catalog.Catalog, slugs ...string) (*httptest.Server, *atomic.Int64) {
	count := new(atomic.Int64)
	bodies := map[string][]byte{}
	for _, s := range slugs {
		b, err := find(c, s).Example.Body.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		bodies[s] = b
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug := strings.TrimPrefix(r.URL.Path, "/")
		if count.Add(1) == 3 || bodies[slug] == nil {
			_, _ = w.Write([]byte("fine"))
			return
		}
		e := find(c, slug)
		for _, h := range e.Example.Headers {
			w.Header().Set(h.Name, h.Value)
		}
		if w.Header().Get("Retry-After") != "" {
			w.Header().Set("Retry-After", "1")
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(exampleStatus(e))
		_, _ = w.Write(bodies[slug])
	}))
	t.Cleanup(srv.Close)
	return srv, count
}

func runOutput(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS=", "GOWORK=off", "NO_PROXY=127.0.0.1,localhost"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
