package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium finds a Chromium or Chrome binary; CI installs Debian's.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("ERRGEN_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "errgen-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts a headless Chromium that cannot reach the network or
// phone home, with a fresh profile.
func browser(t *testing.T) context.Context {
	if testing.Short() {
		t.Skip("drives Chromium; skipped with -short")
	}
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no chromium binary found; CI must install Debian's chromium (.ci/run does)")
		}
		t.Skip("no chromium binary found (install Debian's chromium to run the browser test)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// A bound far above what a loaded machine needs, so a step that waits
	// for something that never comes fails with its line, not go test's
	// whole-binary timeout.
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

const visibleRows = `Array.from(document.querySelectorAll('table.errors tbody tr')).filter(r => r.offsetParent !== null).length`

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	shots := screenshotDir(t)
	t.Logf("screenshots in %s", shots)

	t.Run("index filter and sort", func(t *testing.T) { browseIndex(t, ctx, srv.URL, shots) })
	t.Run("error page without slash", func(t *testing.T) { browseErrorPage(t, ctx, srv.URL, shots) })
	t.Run("file URL", func(t *testing.T) { browseFile(t, ctx) })
	t.Run("contrast", func(t *testing.T) { browseContrast(t, ctx, srv.URL) })
	t.Run("phone", func(t *testing.T) { browsePhone(t, ctx, srv.URL) })
	t.Run("print", func(t *testing.T) { browsePrint(t, ctx, srv.URL) })
	t.Run("without JavaScript", func(t *testing.T) { browseNoScript(t, ctx, srv.URL) })
	t.Run("accessibility tree", func(t *testing.T) { browseAXTree(t, ctx, srv.URL) })
	t.Run("focus clear of the sticky filter", func(t *testing.T) { browseFocusClear(t, ctx, srv.URL) })
}

// browseFile opens a page straight from disk: the stylesheet must apply
// and folder links must be rewritten to their index.html.
func browseFile(t *testing.T, ctx context.Context) {
	root := diskSite(t)
	do(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(root)+"/errors/upstream-unavailable/index.html"), chromedp.WaitVisible("h1"))
	font := eval[string](t, ctx, `getComputedStyle(document.body).fontFamily`)
	link := eval[string](t, ctx, `document.querySelector('#compare a[href*="upstream-timeout"]').href`)
	if !strings.Contains(font, "system-ui") {
		t.Errorf("stylesheet not applied from file://: font-family %q", font)
	}
	want := "file://" + filepath.ToSlash(root) + "/errors/upstream-timeout/index.html"
	if link != want {
		t.Errorf("folder link under file:// is %q, want %q", link, want)
	}
	do(t, ctx, chromedp.Click(`#compare a[href*="upstream-timeout"]`), arrived("upstream-timeout"))
	if h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`); h1 != "Upstream Service Timeout" {
		t.Errorf("file:// link led to a page titled %q", h1)
	}
}

// colorScheme emulates the reader's light or dark preference.
func colorScheme(value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: value}}})
		return err
	})
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](js))
}

func browseIndex(t *testing.T, ctx context.Context, base, shots string) {
	do(t, ctx, colorScheme("light"), chromedp.Navigate(base+"/errors/"), shown("#filter"))
	before := eval[int](t, ctx, visibleRows)
	save(t, shots, "index-light.png", run(t, ctx, chromedp.FullScreenshot(100)))
	do(t, ctx, colorScheme("dark"))
	save(t, shots, "index-dark.png", run(t, ctx, chromedp.FullScreenshot(100)))
	do(t, ctx, colorScheme("light"))
	after := len(topHits(t, ctx, "upstream"))
	count := eval[string](t, ctx, `document.getElementById('filter-count').textContent`)
	if before < 40 || after == 0 || after >= before {
		t.Errorf("search \"upstream\": %d visible rows before, %d results after", before, after)
	}
	if !strings.Contains(count, " of ") {
		t.Errorf("search count says %q", count)
	}
	save(t, shots, "index-filtered.png", run(t, ctx, chromedp.FullScreenshot(100)))

	// Sorting: the table starts sorted by status, ascending; a click on
	// the Status header reverses it, a second click restores it.
	do(t, ctx, chromedp.Navigate(base+"/errors/"), shown("#filter"))
	const sortState = `document.querySelector('#server-errors th[data-sort="number"]').getAttribute('aria-sort') + ' ' +
		document.querySelector('#server-errors tbody tr .status-chip').textContent`
	const click = `#server-errors th[data-sort="number"] button`
	for _, want := range []string{"descending 5xx", "ascending 500"} {
		do(t, ctx, chromedp.Click(click))
		if got := eval[string](t, ctx, sortState); got != want {
			t.Errorf("after a click on Status: aria-sort and first row %q, want %q", got, want)
		}
	}
}

func browseErrorPage(t *testing.T, ctx context.Context, base, shots string) {
	do(t, ctx, colorScheme("light"), chromedp.Navigate(base+"/errors/upstream-unavailable"), chromedp.WaitVisible("h1"))
	path := eval[string](t, ctx, `location.pathname`)
	font := eval[string](t, ctx, `getComputedStyle(document.body).fontFamily`)
	accent := eval[string](t, ctx, `getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()`)
	lightBg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	copyHidden := eval[bool](t, ctx, `document.querySelector('button.copy').hidden`)
	// Copying is announced through the status region (copied, or the
	// text selected for Ctrl+C where the clipboard is refused).
	do(t, ctx, chromedp.Click(`button.copy[data-copy="type-uri"]`))
	copyStatus := run(t, ctx, chromedp.Poll[string](`document.getElementById('copy-status').textContent`,
		chromedp.WithPollingTimeout(2*time.Minute)))
	save(t, shots, "upstream-unavailable-light.png", run(t, ctx, chromedp.FullScreenshot(100)))
	do(t, ctx, colorScheme("dark"))
	darkBg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	save(t, shots, "upstream-unavailable-dark.png", run(t, ctx, chromedp.FullScreenshot(100)))
	// A phone, top of the page and the comparison table, viewport only
	// so the shots stay legible.
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Sleep(100*time.Millisecond))
	save(t, shots, "upstream-unavailable-phone-dark.png", run(t, ctx, chromedp.CaptureScreenshot()))
	do(t, ctx, chromedp.ScrollIntoView("#compare"))
	save(t, shots, "upstream-unavailable-phone-compare-dark.png", run(t, ctx, chromedp.CaptureScreenshot()))
	do(t, ctx, chromedp.EmulateReset(), colorScheme("light"))

	if path != "/errors/upstream-unavailable" {
		t.Errorf("the type URI was redirected to %s", path)
	}
	if !strings.Contains(font, "system-ui") || accent == "" {
		t.Errorf("stylesheet not applied at the slash-free URI: font-family %q, --accent %q", font, accent)
	}
	if lightBg == darkBg {
		t.Errorf("dark mode did not change the background (%s)", lightBg)
	}
	if copyHidden {
		t.Error("the copy button stayed hidden: site.js did not run at the slash-free URI")
	}
	if !strings.Contains(copyStatus, "type URI") {
		t.Errorf("clicking Copy announced %q", copyStatus)
	}

	do(t, ctx, chromedp.Click(`#compare a[href*="upstream-timeout"]`), arrived("upstream-timeout"))
	h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`)
	where := eval[string](t, ctx, `location.pathname`)
	if h1 != "Upstream Service Timeout" || where != "/errors/upstream-timeout/" {
		t.Errorf("comparison link led to %s, titled %q", where, h1)
	}
}

// arrived waits until the browser shows the page at a path containing
// want (a click's navigation has finished), however slow the machine. An
// evaluation that the navigation interrupts is simply tried again.
func arrived(want string) chromedp.Action[chromedp.Void] {
	check := chromedp.Evaluate[bool](`location.pathname.includes(` + strconv.Quote(want) + `) && document.readyState === "complete" && document.querySelector("h1") !== null`)
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		for {
			if ok, err := check(ctx, tg); err == nil && ok {
				return chromedp.Void{}, nil
			}
			select {
			case <-ctx.Done():
				return chromedp.Void{}, fmt.Errorf("never arrived at a page under %q: %w", want, ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}

func save(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
