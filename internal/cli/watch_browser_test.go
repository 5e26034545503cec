package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// lockedBuffer is a buffer the server's watcher and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// patience bounds every wait: generous, for a loaded machine.
const patience = 60 * time.Second

// waitFor polls cond until it holds or patience runs out.
func waitFor(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(patience)
	last := ""
	for time.Now().Before(deadline) {
		ok, state := cond()
		if ok {
			return
		}
		last = state
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: not after %s; last seen: %s", what, patience, last)
}

// TestServeWatchBrowser: with errgen serve -watch on a temp catalog, an
// open page shows an edited title without a manual reload; a broken
// catalog shows its FILE:LINE:COL message in the page and on stderr while
// the last good pages are still served; a fix clears it.
func TestServeWatchBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin := watchChromium()
	if bin == "" {
		t.Skip("no chromium binary found (install Debian's chromium to run the browser test)")
	}
	orig, err := os.ReadFile("../sitegen/testdata/lifecycle.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cat := filepath.Join(dir, "errors.yaml")
	// Editors save by writing a new file and renaming it over the old one.
	save := func(data []byte) {
		t.Helper()
		tmp := filepath.Join(dir, ".errors.yaml.swp")
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, cat); err != nil {
			t.Fatal(err)
		}
	}
	save(orig)

	base, stderr, stop := startWatch(t, cat)
	ctx := watchBrowser(t, bin)
	page := base + "upstream-unavailable"
	if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible("h1")); err != nil {
		t.Fatal(err)
	}
	h1 := func() (string, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('h1') || {}).textContent || ''`))
	}
	if got, err := h1(); err != nil || got != "Upstream Unavailable" {
		t.Fatalf("h1 %q, %v", got, err)
	}
	// A marker that a reload clears, so the new title is known to come
	// from the page reloading itself.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.errgenMarker = true`)); err != nil {
		t.Fatal(err)
	}

	save(bytes.ReplaceAll(orig, []byte("Upstream Unavailable"), []byte("Upstream Gone Dark")))
	waitFor(t, "the open page shows the new title", func() (bool, string) {
		got, err := h1()
		return err == nil && got == "Upstream Gone Dark", got
	})
	if marker, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.errgenMarker === true`)); err != nil || marker {
		t.Errorf("the page was patched, not reloaded (marker %v, %v)", marker, err)
	}

	// Break it: status 999 is no HTTP error status.
	broken := bytes.Replace(bytes.ReplaceAll(orig, []byte("Upstream Unavailable"), []byte("Upstream Gone Dark")),
		[]byte("status: 502\n"), []byte("status: 999\n"), 1)
	line := 1 + bytes.Count(broken[:bytes.Index(broken, []byte("status: 999"))], []byte("\n"))
	want := cat + ":" + strconv.Itoa(line) + ":"
	save(broken)
	waitFor(t, "the page shows the catalog's message", func() (bool, string) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`(document.querySelector('#errgen-watch-problems pre') || {}).textContent || ''`))
		return err == nil && strings.Contains(got, want), got
	})
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		shots := os.Getenv("ERRGEN_SCREENSHOTS")
		if shots == "" {
			shots = filepath.Join(os.TempDir(), "errgen-screenshots")
		}
		if os.MkdirAll(shots, 0o755) == nil && os.WriteFile(filepath.Join(shots, "watch-problems.png"), shot, 0o644) == nil {
			t.Logf("screenshot in %s", shots)
		}
	}
	waitFor(t, "stderr has the message", func() (bool, string) {
		s := stderr.String()
		return strings.Contains(s, want) && strings.Contains(s, "still serving the last good site"), s
	})
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<h1 id=\"title\">Upstream Gone Dark</h1>") {
		t.Errorf("while broken, %s answers %d without the last good title", page, resp.StatusCode)
	}

	// Fixed: the banner goes (the page reloads into the good site).
	save(orig)
	waitFor(t, "the fixed catalog's page, without the banner", func() (bool, string) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`(document.querySelector('h1') || {}).textContent + '|' + !!document.getElementById('errgen-watch-problems')`))
		return err == nil && got == "Upstream Unavailable|false", got
	})
	stop()
}

// startWatch runs errgen serve -watch on a free port; stop ends it as
// SIGINT does, with the browser's event stream still open, and checks it
// exits 0.
func startWatch(t *testing.T, cat string) (string, *lockedBuffer, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	pr, pw := io.Pipe()
	stderr := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, []string{"-addr", "127.0.0.1:0", "-watch", "-catalog", cat}, pw, stderr)
		pw.Close()
	}()
	first, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v (stderr %s)", err, stderr)
	}
	go io.Copy(io.Discard, pr)
	url := strings.Fields(strings.TrimPrefix(first, "errgen serve: "))[0]
	return url, stderr, func() {
		t.Helper()
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit %d after shutdown: %s", code, stderr)
			}
		case <-time.After(patience):
			t.Fatal("serve -watch did not stop with a page's event stream open")
		}
	}
}

func watchChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// watchBrowser starts a headless Chromium with a fresh profile, as
// internal/serve's browser tests do.
func watchBrowser(t *testing.T, bin string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*patience)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// TestServeWatchNeedsAFile: -watch with only the built-in catalog has
// nothing to watch and says so.
func TestServeWatchNeedsAFile(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, stderr := runCLI("serve", "-watch", "-addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, "-watch watches catalog files: give -catalog FILE") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
