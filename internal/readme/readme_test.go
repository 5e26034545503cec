// Package readme tests that the commands README.md shows run as written.
package readme

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// blocks returns the shell blocks of README.md that follow a
// `<!-- readme-test: NAME -->` line, in order.
func blocks(t *testing.T, name string) []string {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- readme-test: " + regexp.QuoteMeta(name) + " -->\n```sh\n(.*?)```\n")
	var out []string
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		out = append(out, m[1])
	}
	if len(out) == 0 {
		t.Fatalf("README.md has no %q blocks", name)
	}
	return out
}

// programs returns README's Go blocks that are whole programs.
func programs(t *testing.T) []string {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile("(?s)```go\n(package main\n.*?)```\n").FindAllStringSubmatch(string(data), -1) {
		out = append(out, m[1])
	}
	if len(out) < 3 {
		t.Fatalf("README.md has %d Go programs; want the SDK, middleware and upstream examples", len(out))
	}
	return out
}

// TestServiceRecipe runs README's service commands verbatim in a fresh
// module next to a "clone" of errgen (this repo, reached through a link
// named errgen), then builds, vets and tests the service, and checks what
// errgen check says after a hand edit and with a stray file.
func TestServiceRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a service module and errgen as its tool; skipped with -short")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if err := os.Symlink(repo, filepath.Join(work, "errgen")); err != nil {
		t.Fatal(err)
	}
	svc := filepath.Join(work, "service")
	if err := os.Mkdir(svc, 0o755); err != nil {
		t.Fatal(err)
	}
	sh(t, svc, "go mod init example.test/service")
	for _, b := range blocks(t, "service") {
		sh(t, svc, b)
	}
	os.WriteFile(filepath.Join(svc, "apierr", "apierr_test.go"), []byte(serviceTest), 0o644)
	// Every complete program README shows builds and vets in the service.
	progs := programs(t)
	for i, p := range progs {
		dir := filepath.Join(svc, "examples", fmt.Sprintf("ex%d", i))
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "main.go"), []byte(p), 0o644)
	}
	sh(t, svc, "go mod tidy && go vet ./... && go test -count=1 ./...")

	// A hand edit is named, with the service's advice.
	edited := filepath.Join(svc, "apierr", "errors.go")
	data, _ := os.ReadFile(edited)
	os.WriteFile(edited, append(data, "// edited\n"...), 0o644)
	out, err := run(svc, "go tool errgen check ./...")
	if err == nil || !strings.Contains(out, "errors.go") || !strings.Contains(out, "run go generate ./...") {
		t.Errorf("check after a hand edit: %v\n%s", err, out)
	}
	sh(t, svc, "go generate ./...")
	sh(t, svc, "go tool errgen check ./...")
	// version says which errgen the service runs: here, the local clone.
	if out, err := run(svc, "go tool errgen version"); err != nil || !strings.Contains(out, "replaced by") || !strings.Contains(out, "sha256:") {
		t.Errorf("go tool errgen version: %v\n%s", err, out)
	}

	// A copy of a generated file under another name is a stray: named,
	// with the service's advice, and the user's own files are not.
	stray := filepath.Join(svc, "apierr", "old.go")
	os.WriteFile(stray, data, 0o644)
	out, err = run(svc, "go tool errgen check ./...")
	if err == nil || !strings.Contains(out, "apierr/old.go: stray") || !strings.Contains(out, "run go generate ./...") ||
		strings.Contains(out, "gen.go") || strings.Contains(out, "apierr_test.go") {
		t.Errorf("check with a stray file: %v\n%s", err, out)
	}
	os.Remove(stray)
	sh(t, svc, "go tool errgen check ./...")
	if _, err := os.Stat(filepath.Join(svc, "apierr", ".errgen-go.manifest")); err == nil {
		t.Error("errgen wrote a manifest in the service's Go package; README lists no such file")
	}
}

const serviceTest = `package apierr

import (
	"net/http/httptest"
	"testing"

	"github.com/ankatech/errgen/problem/problemtest"
)

func TestUpstreamUnavailable(t *testing.T) {
	rec := httptest.NewRecorder()
	NewUpstreamUnavailable(AdminAPI).ServeHTTP(rec, httptest.NewRequest("GET", "/keys", nil))
	problemtest.AssertProblem(t, rec, UpstreamUnavailable)
}
`

func run(dir, script string) (string, error) {
	cmd := exec.Command("sh", "-e", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPACKAGE=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func sh(t *testing.T, dir, script string) {
	t.Helper()
	if out, err := run(dir, script); err != nil {
		t.Fatalf("in %s:\n%s\n%v\n%s", dir, script, err, out)
	}
}

// TestRepoCommands runs README's commands for the errgen repo itself, as
// written, in a copy of the repo's catalog: the main command (go run
// ./cmd/errgen, which generates everything) and the verbs listed after it.
// "go run ./cmd/errgen" runs a binary built once from this tree.
func TestRepoCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds errgen; skipped with -short")
	}
	repo, _ := filepath.Abs("../..")
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "errgen")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(repo, "cmd", "errgen")).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	work := filepath.Join(dir, "repo")
	for _, f := range []string{"catalog/errors.yaml", "schema/catalog.schema.json", "schema/embed.go"} {
		data, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(work, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(work, f), data, 0o644)
	}
	data, _ := os.ReadFile("../../README.md")
	main := regexp.MustCompile("(?m)^(go run ./cmd/errgen) +# generate everything").FindStringSubmatch(string(data))
	if main == nil {
		t.Fatal("README's main command is not go run ./cmd/errgen")
	}
	cmds := []string{main[1]}
	for _, b := range blocks(t, "repo") {
		for _, line := range strings.Split(strings.TrimSpace(b), "\n") {
			cmd, _, _ := strings.Cut(line, "#")
			cmds = append(cmds, strings.TrimSpace(cmd))
		}
	}
	for _, cmd := range cmds {
		script := strings.Replace(cmd, "go run ./cmd/errgen", bin, 1)
		out, err := run(work, "XDG_CACHE_HOME="+filepath.Join(dir, "cache")+" "+script)
		if err != nil {
			t.Errorf("%s: %v\n%s", cmd, err, out)
		}
	}
	// The main command wrote the errgen repo's outputs, and check agreed.
	for _, f := range []string{"generated/ankaerr/errors.go", "schema/upstream-unavailable.schema.json", "site/errors/upstream-unavailable/index.html"} {
		if _, err := os.Stat(filepath.Join(work, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
