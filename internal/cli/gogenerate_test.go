package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFromGenerateLines: check ./... reads each package's
// //go:generate line, flags included, so a package generated with its own
// catalog file and a package name unlike its folder is checked as
// generated; a hand edit is named; a folder without such a line is a
// usage error.
func TestCheckFromGenerateLines(t *testing.T) {
	catalog, err := os.ReadFile(filepath.Join(repoDir(t), "internal/gogen/testdata/small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	t.Chdir(root)
	t.Setenv("GOPACKAGE", "")
	os.MkdirAll("internal/errs", 0o755)
	os.WriteFile("internal/errs/small.yaml", catalog, 0o644)
	os.WriteFile("internal/errs/gen.go", []byte("package svcerr\n\n//go:generate go tool errgen -catalog \"small.yaml\"\n"), 0o644)
	os.MkdirAll("other", 0o755)
	os.WriteFile("other/x.go", []byte("package other\n\n//go:generate stringer -type X\n"), 0o644)
	// What go generate would run, in the package folder.
	t.Chdir("internal/errs")
	t.Setenv("GOPACKAGE", "svcerr")
	if code, _, stderr := runCLI("-catalog", "small.yaml"); code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	t.Chdir(root)
	t.Setenv("GOPACKAGE", "")
	for _, pattern := range []string{"./...", "internal/errs", "./internal/..."} {
		if code, stdout, stderr := runCLI("check", pattern); code != 0 || stderr != "" || !strings.Contains(stdout, "all outputs are current") {
			t.Errorf("check %s: exit %d, %q %q", pattern, code, stdout, stderr)
		}
	}
	f := filepath.Join("internal", "errs", "errors.go")
	data, _ := os.ReadFile(f)
	os.WriteFile(f, append(data, "// edited\n"...), 0o644)
	if code, _, stderr := runCLI("check", "./..."); code != 1 || !strings.Contains(stderr, f+": differs") {
		t.Errorf("after a hand edit: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI("check", "other"); code != 2 || !strings.Contains(stderr, "no //go:generate line in other runs errgen") {
		t.Errorf("check other: exit %d, %q", code, stderr)
	}
}

func TestSplitGenerate(t *testing.T) {
	got, err := splitGenerate(`go tool errgen -catalog "a b.yaml"  -go .`)
	if err != nil || strings.Join(got, "|") != "go|tool|errgen|-catalog|a b.yaml|-go|." {
		t.Errorf("%q %v", got, err)
	}
	if _, ok := errgenArgs([]string{"go", "tool", "errgen", "lint"}); ok {
		t.Error("a lint line was taken for an output")
	}
}

// repoDir is the errgen repo's root.
func repoDir(t *testing.T) string {
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
