package cli

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ankatech/errgen/internal/output"
)

// digest hashes every file, folder and link below root (a link as
// where it points).
func digest(t *testing.T, root string) string {
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00", p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			fmt.Fprintf(h, "-> %s\x00", target)
			return err
		}
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			h.Write(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestForeignFileOneMessage: when the session refuses a file, generate
// says that, once, and nothing else.
func TestForeignFileOneMessage(t *testing.T) {
	out := t.TempDir()
	site := filepath.Join(out, "site")
	args := []string{"generate", "-catalog", small, "-go", filepath.Join(out, "go"), "-package", "apierr", "-schema", filepath.Join(out, "schema"), "-site", site}
	if code, _, stderr := runCLI(args...); code != 0 {
		t.Fatal(stderr)
	}
	os.Remove(filepath.Join(site, output.ManifestName("site")))
	page, _ := filepath.Glob(filepath.Join(site, "errors", "*", "index.html"))
	os.WriteFile(page[0], []byte("mine"), 0o644)
	before := digest(t, out)
	code, _, stderr := runCLI(args...)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code == 0 || len(lines) != 1 || !strings.HasPrefix(lines[0], "errgen generate: refusing to overwrite ") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if digest(t, out) != before {
		t.Error("a refused run changed the outputs")
	}
}

// TestInterruptedGenerate sends SIGTERM to a real errgen while it stages
// a large site: it must exit non-zero saying so, with the outputs as they
// were and no staging folder left.
func TestInterruptedGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds errgen and a 1000-error catalog; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "errgen")
	cat := filepath.Join(dir, "cat.yaml")
	for _, cmd := range [][]string{
		{"go", "build", "-o", bin, "../../cmd/errgen"},
		{"go", "run", "../../bench/gencatalog", "-n", "1000", "-o", cat},
	} {
		if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", cmd, err, out)
		}
	}
	site := filepath.Join(dir, "site")
	if out, err := exec.Command(bin, "generate", "-catalog", cat, "-site", site).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	before := digest(t, site)
	// Every page changes, so the second run stages thousands of files.
	data, _ := os.ReadFile(cat)
	os.WriteFile(cat, []byte(strings.ReplaceAll(string(data), "  title: ", "  title: New ")), 0o644)

	cmd := exec.Command(bin, "generate", "-catalog", cat, "-site", site)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for {
		if staged, _ := filepath.Glob(filepath.Join(site, output.StagingPrefix+"*")); len(staged) > 0 {
			break
		}
		select {
		case err := <-exited:
			t.Skipf("errgen finished (%v) before it could be interrupted", err)
		case <-time.After(time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := <-exited
	if err == nil || !strings.Contains(stderr.String(), "interrupted; no output was changed") {
		t.Fatalf("exit %v, stderr %q", err, stderr.String())
	}
	if digest(t, site) != before {
		t.Error("the interrupted run changed the site")
	}
}
