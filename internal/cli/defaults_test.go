package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ankatech/errgen/generated/ankaerr"
)

// TestNoOutputInAServiceRoot: with no output flag and no catalog/errors.yaml
// (a service root), generate and check write nothing, exit 2 and print the
// go:generate line.
func TestNoOutputInAServiceRoot(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("GOPACKAGE", "")
	for _, verb := range []string{"generate", "check"} {
		code, _, stderr := runCLI(verb)
		if code != 2 || !strings.Contains(stderr, "//go:generate go tool errgen") {
			t.Errorf("%s: exit %d, stderr %q", verb, code, stderr)
		}
	}
	if code, _, _ := runCLI(); code != 2 {
		t.Errorf("no verb: exit %d", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("wrote %v", entries)
	}
}

// TestGoGenerateDefaults: under go generate ($GOPACKAGE set) the package
// goes to the current folder with that name, and check is quiet when
// current.
func TestGoGenerateDefaults(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("GOPACKAGE", "apierr")
	if code, _, stderr := runCLI(); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "errors.go"))
	if err != nil || !strings.Contains(string(data), "\npackage apierr\n") {
		t.Fatalf("errors.go: %v\n%.200s", err, data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 6 {
		t.Errorf("more than the Go package: %v", entries)
	}
	code, stdout, stderr := runCLI("check")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("check: exit %d, stdout %q, stderr %q; want a quiet success", code, stdout, stderr)
	}
	// -package still wins.
	if code, _, stderr := runCLI("check", "-package", "other"); code != 1 || !strings.Contains(stderr, "errors.go") {
		t.Errorf("check -package other: exit %d, %q", code, stderr)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"--help"}} {
		code, stdout, _ := runCLI(args...)
		for _, want := range []string{"errgen generate:", "errgen serve:", "-addr HOST:PORT", "(default \"127.0.0.1:8080\")", "errgen lint:", "errgen version:", "Exit status"} {
			if code != 0 || !strings.Contains(stdout, want) {
				t.Errorf("%v: exit %d, no %q in\n%s", args, code, want, stdout)
			}
		}
	}
	code, stdout, _ := runCLI("help", "generate")
	if code != 0 || !strings.Contains(stdout, "-package NAME") || strings.Contains(stdout, "-addr") {
		t.Errorf("help generate: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runCLI("help", "nope"); code != 2 || !strings.Contains(stderr, `unknown verb "nope"`) {
		t.Errorf("help nope: exit %d %q", code, stderr)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI("version")
	if code != 0 || !strings.HasPrefix(stdout, "errgen ") || !strings.Contains(stdout, "sha256:"+catalogHash()) || len(catalogHash()) != 64 {
		t.Errorf("exit %d: %q", code, stdout)
	}
	// The generated package says the same of the catalog it came from.
	if !strings.Contains(stdout, ", version "+ankaerr.CatalogVersion+", sha256:") || ankaerr.CatalogVersion == "" ||
		ankaerr.CatalogDigest != "sha256:"+catalogHash() {
		t.Errorf("errgen version %q, the generated package has %s %s", stdout, ankaerr.CatalogVersion, ankaerr.CatalogDigest)
	}
}

// TestCheckAdviceInAToolModule: in a module with errgen as a tool, check
// advises go generate.
func TestCheckAdviceInAToolModule(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n\ngo 1.26\n\ntool github.com/ankatech/errgen/cmd/errgen\n"), 0o644)
	sub := filepath.Join(dir, "apierr")
	os.Mkdir(sub, 0o755)
	t.Chdir(sub)
	t.Setenv("GOPACKAGE", "apierr")
	code, _, stderr := runCLI("check")
	if code != 1 || !strings.Contains(stderr, "; run go generate ./...") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

// TestShortcutSeesStrays: a file added to an output folder after a run
// ends the no-op shortcut, so generate refuses the stray as check reports
// it, instead of saying there is nothing to do.
func TestShortcutSeesStrays(t *testing.T) {
	out := t.TempDir()
	site := filepath.Join(out, "site")
	args := []string{"generate", "-catalog", small, "-site", site + "/"}
	if code, _, stderr := runCLI(args...); code != 0 {
		t.Fatal(stderr)
	}
	if _, stdout, _ := runCLI(args...); !strings.HasPrefix(stdout, "nothing to do") {
		t.Fatalf("the second run took no shortcut: %s", stdout)
	}
	os.WriteFile(filepath.Join(site, "errors", "stray.txt"), []byte("mine"), 0o644)
	code, stdout, stderr := runCLI(args...)
	if code != 1 || !strings.Contains(stderr, "stray.txt") {
		t.Errorf("generate with a stray: exit %d, %q %q", code, stdout, stderr)
	}
}

// TestOutputThroughLink: an output folder that is, or lies under, a
// symbolic link in the working folder is refused, and nothing is written
// where the link points.
func TestOutputThroughLink(t *testing.T) {
	cat := filepath.Join(repoDir(t), "internal/gogen/testdata/small.yaml")
	dir := t.TempDir()
	outside := t.TempDir()
	t.Chdir(dir)
	os.Symlink(outside, "out")
	os.Symlink(outside, "sub")
	for _, args := range [][]string{
		{"generate", "-catalog", cat, "-go", "out", "-package", "x"},
		{"generate", "-catalog", cat, "-site", "sub/site"},
	} {
		code, _, stderr := runCLI(args...)
		if code != 1 || !strings.Contains(stderr, "symbolic link") {
			t.Errorf("%v: exit %d, %q", args[3:], code, stderr)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written through the link: %v", entries)
	}
}

// TestPackageFromSource: -go into a folder whose Go files declare a
// package takes that package's name, not the folder's.
func TestPackageFromSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "internal", "errs")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "gen.go"), []byte("package svcerr\n"), 0o644)
	t.Setenv("GOPACKAGE", "")
	if code, _, stderr := runCLI("generate", "-catalog", small, "-go", dir); code != 0 {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "errors.go"))
	if !strings.Contains(string(data), "\npackage svcerr\n") {
		t.Errorf("errors.go: %.300s", data)
	}
}
