package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// guardCatalog is a small versioned catalog; the guard test edits it.
const guardCatalog = "../catalog/testdata/history/ok.txtar"

func readGuardCatalog(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(guardCatalog)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	s = s[strings.Index(s, "\n")+1 : strings.Index(s, "-- messages --")]
	return s
}

// gitRepo makes a repository in a temporary folder and works in it.
func gitRepo(t *testing.T) func(args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("the guard needs git:", err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	if err := os.MkdirAll(filepath.Join(dir, "catalog"), 0o755); err != nil {
		t.Fatal(err)
	}
	return run
}

func writeCatalog(t *testing.T, s string) {
	t.Helper()
	if err := os.WriteFile("catalog/errors.yaml", []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGuard is CI's guard (make compat: errgen diff -release) in a fresh
// repository: a first commit passes, a status change without a major bump
// fails, the bump passes, and a release tag becomes what is compared with.
func TestGuard(t *testing.T) {
	cat := readGuardCatalog(t)
	git := gitRepo(t)
	writeCatalog(t, cat)

	if code, _, stderr := runCLI("diff", "-release"); code != 0 || !strings.Contains(stderr, "not in a git repository with a commit") {
		t.Fatalf("before any commit: exit %d, %s", code, stderr)
	}
	git("add", ".")
	git("commit", "-qm", "first")
	if code, _, stderr := runCLI("diff", "-release"); code != 0 || !strings.Contains(stderr, "no commit before HEAD") {
		t.Fatalf("first commit: exit %d, %s", code, stderr)
	}

	// A status change, uncommitted: compared with HEAD, then committed:
	// compared with HEAD~1. Both fail.
	broken := strings.Replace(strings.Replace(cat, "status: 504", "status: 503", 1), "        status: 504", "        status: 503", 1)
	writeCatalog(t, broken)
	for _, step := range []string{"uncommitted", "committed"} {
		code, stdout, stderr := runCLI("diff", "-release")
		if code != 1 || !strings.Contains(stdout, "catalog/errors.yaml:") ||
			!strings.Contains(stdout, ": breaking: upstream-timeout: status changed from 504 to 503") ||
			!strings.Contains(stdout, "is not a major version bump") {
			t.Fatalf("%s status change without a bump: exit %d\n%s%s", step, code, stdout, stderr)
		}
		if step == "uncommitted" {
			git("commit", "-qam", "status")
		}
	}

	bumped := strings.Replace(broken, "version: 1.1.0\nhistory:\n", "version: 10.0.0\nhistory:\n  - {version: 10.0.0, date: 2026-12-08, notes: Timeouts are 503., changes: [upstream-timeout]}\n", 1)
	writeCatalog(t, bumped)
	// Compared with HEAD (the status change is committed): only the
	// version differs, which is no change to list.
	if code, stdout, stderr := runCLI("diff", "-release"); code != 0 || stdout != "" {
		t.Fatalf("the bump: exit %d\n%s%s", code, stdout, stderr)
	}
	// Compared with the first commit: the break, covered by the bump.
	if code, stdout, stderr := runCLI("diff", "HEAD~1"); code != 0 || !strings.Contains(stdout, "1.1.0 → 10.0.0 is a major version bump") {
		t.Fatalf("with a major bump: exit %d\n%s%s", code, stdout, stderr)
	}
	git("commit", "-qam", "10.0.0")
	// The newest by version is neither the first nor the last as text;
	// catalog/v11 is no release tag.
	git("tag", "catalog/v10.0.0")
	git("tag", "catalog/v9.0.0", "HEAD~1")
	git("tag", "catalog/v1.0.0", "HEAD~2")
	git("tag", "catalog/v11", "HEAD~2")

	// A title change two commits after the tag: compared with the tag.
	git("commit", "-q", "--allow-empty", "-m", "unrelated")
	writeCatalog(t, strings.ReplaceAll(bumped, "Upstream Timeout", "Upstream Too Slow"))
	git("commit", "-qam", "title")
	code, stdout, stderr := runCLI("diff", "-release")
	if code != 1 || !strings.Contains(stderr, "with catalog/v10.0.0 (the newest release tag)") ||
		!strings.Contains(stdout, "breaking: upstream-timeout: title changed") {
		t.Fatalf("after a tag: exit %d\n%s%s", code, stdout, stderr)
	}
	// And the REV form reads the same revision.
	if code, stdout2, _ := runCLI("diff", "catalog/v10.0.0"); code != 1 || stdout2 != stdout {
		t.Fatalf("diff REV: exit %d\n%s", code, stdout2)
	}
}

// TestDiffUsage: what cannot be compared is a usage error (exit 2) with a
// message that names the cause.
func TestDiffUsage(t *testing.T) {
	cat := readGuardCatalog(t)
	git := gitRepo(t)
	writeCatalog(t, cat)
	git("add", ".")
	git("commit", "-qm", "first")
	if err := os.WriteFile("broken.yaml", []byte("errors: [1]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"diff"}, "want OLD NEW or REV, got 0 arguments"},
		{[]string{"diff", "a", "b", "c"}, "got 3 arguments"},
		{[]string{"diff", "-nope"}, "flag provided but not defined"},
		{[]string{"diff", "-release", "HEAD"}, "-release takes no arguments"},
		{[]string{"diff", "no-such-rev"}, "cannot read no-such-rev:./catalog/errors.yaml from git"},
		{[]string{"diff", "--", "-x"}, "a revision does not start with -"},
		{[]string{"diff", "missing.yaml", "catalog/errors.yaml"}, "missing.yaml: no such file"},
		{[]string{"diff", "-catalog", "missing.yaml", "HEAD"}, "missing.yaml: no such file"},
		{[]string{"diff", "broken.yaml", "catalog/errors.yaml"}, "broken.yaml:1:10: "},
	}
	for _, c := range cases {
		code, stdout, stderr := runCLI(c.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("errgen %v: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", c.args, code, stdout, stderr, c.want)
		}
	}
	// Unchanged: no output at all, whichever way the file is named.
	git("commit", "-q", "--allow-empty", "-m", "second")
	abs, err := filepath.Abs("catalog/errors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"diff", "HEAD"}, {"diff", "-catalog", abs, "HEAD"}, {"diff", "-catalog", "./catalog/../catalog/errors.yaml", "-release"}} {
		if code, stdout, stderr := runCLI(args...); code != 0 || stdout != "" || strings.Contains(stderr, "nothing to compare") {
			t.Errorf("errgen %v, unchanged: exit %d, %q %q", args, code, stdout, stderr)
		}
	}
}
