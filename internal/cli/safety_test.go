package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/output"
)

// goodSite generates the small catalog's site into out/site and returns
// its path and the generate arguments.
func goodSite(t *testing.T, out string) (string, []string) {
	t.Helper()
	site := filepath.Join(out, "site")
	args := []string{"generate", "-catalog", small, "-site", site}
	if code, _, stderr := runCLI(args...); code != 0 {
		t.Fatal(stderr)
	}
	return site, args
}

// TestManifestThroughLinkDeletesNothing is issue 13's first finding: a
// committed link out of the site and a manifest line through it made
// generate delete a file outside every output folder. Both verbs must
// refuse it, naming the link, and nothing outside may change.
func TestManifestThroughLinkDeletesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "repo", "out")
	site, args := goodSite(t, out)
	victim := filepath.Join(filepath.Dir(out), "victim") // where ../../../victim leads from site/errors
	keys := filepath.Join(victim, ".ssh", "authorized_keys")
	os.MkdirAll(filepath.Dir(keys), 0o755)
	os.WriteFile(keys, []byte("ssh-ed25519 AAAA"), 0o644)
	if err := os.Symlink("../../../victim", filepath.Join(site, "errors", "up")); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(site, output.ManifestName("site"))
	data, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, append(data, "errors/up/.ssh/authorized_keys\n"...), 0o644)

	code, _, stderr := runCLI(append([]string{"check"}, args[1:]...)...)
	if code == 0 || !strings.Contains(stderr, "errors/up") || !strings.Contains(stderr, "link") {
		t.Errorf("check: exit %d, stderr:\n%s", code, stderr)
	}
	before := digest(t, site)
	code, _, stderr = runCLI(args...)
	if code == 0 || !strings.Contains(stderr, "link") {
		t.Errorf("generate: exit %d, stderr:\n%s", code, stderr)
	}
	if b, err := os.ReadFile(keys); err != nil || string(b) != "ssh-ed25519 AAAA" {
		t.Fatalf("the file outside the output folder is gone or changed: %q %v", b, err)
	}
	if digest(t, site) != before {
		t.Error("the refused run changed the site")
	}
}

// TestSubfolderLinkNotWrittenThrough is issue 13's second finding: an
// output subfolder replaced by a link to a folder elsewhere must not be
// written through.
func TestSubfolderLinkNotWrittenThrough(t *testing.T) {
	base := t.TempDir()
	site, args := goodSite(t, filepath.Join(base, "out"))
	pages, _ := filepath.Glob(filepath.Join(site, "errors", "*", "index.html"))
	sub := filepath.Dir(pages[0])
	elsewhere := filepath.Join(base, "elsewhere")
	os.MkdirAll(elsewhere, 0o755)
	os.WriteFile(filepath.Join(elsewhere, "index.html"), []byte("theirs"), 0o644)
	if err := os.RemoveAll(sub); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, sub); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(args...)
	if code == 0 || !strings.Contains(stderr, "link") {
		t.Errorf("generate: exit %d, stderr:\n%s", code, stderr)
	}
	entries, _ := os.ReadDir(elsewhere)
	if b, _ := os.ReadFile(filepath.Join(elsewhere, "index.html")); string(b) != "theirs" || len(entries) != 1 {
		t.Errorf("generate wrote through the link: %v, index.html starts %q", entries, b[:min(len(b), 20)])
	}
}

// TestStrayInSite: a file errgen did not write in the site folder (its
// alone) is reported by check as stray, and generate refuses to lose it.
func TestStrayInSite(t *testing.T) {
	site, args := goodSite(t, t.TempDir())
	stray := filepath.Join(site, "errors", "notes.txt")
	os.WriteFile(stray, []byte("mine"), 0o644)
	code, _, stderr := runCLI(append([]string{"check"}, args[1:]...)...)
	want := filepath.ToSlash(stray) + ": stray"
	if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "1 output differs from the catalog; move or delete the 1 path") {
		t.Errorf("check: exit %d, want %q in:\n%s", code, want, stderr)
	}
	// A page gone too, so generate has work to do (else its no-op stamp
	// says there is none, and it rightly leaves the folder alone).
	os.Remove(filepath.Join(site, "sitemap.xml"))
	before := digest(t, site)
	if code, _, stderr := runCLI(args...); code == 0 || !strings.Contains(stderr, "notes.txt") {
		t.Errorf("generate: exit %d, stderr:\n%s", code, stderr)
	}
	if digest(t, site) != before {
		t.Error("the refused run changed the site")
	}
}
