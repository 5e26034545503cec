package serve

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserCode: a reader copies the example response with its Copy
// button and gets exactly the code back from the clipboard, announced
// through the status region; the client snippets are tabs that the
// keyboard moves through; on the narrowest phones no code block is
// wider than the screen or cut off.
func TestBrowserCode(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	page := srv.URL + "/errors/upstream-unavailable"
	do(t, ctx, media("", "light"), chromedp.Navigate(page), chromedp.WaitVisible("h1"))
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: srv.URL})
		if err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}

	t.Run("copy the example", func(t *testing.T) {
		const btn = `button[data-copy="example-response"]`
		do(t, ctx, chromedp.WaitVisible(btn), chromedp.Click(btn))
		status := run(t, ctx, chromedp.Poll[string](`document.getElementById('copy-status').textContent || null`,
			chromedp.WithPollingTimeout(2*time.Minute)))
		if status != "Copied the example response to the clipboard." {
			t.Errorf("clicking Copy announced %q", status)
		}
		got := run(t, ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		want := eval[string](t, ctx, `document.getElementById('example-response').textContent`)
		if got != want || !strings.HasPrefix(got, "HTTP/1.1 502 Bad Gateway\nContent-Type: application/problem+json\n") ||
			!strings.Contains(got, `"type": "https://docs.ankatech.co/errors/upstream-unavailable"`) {
			t.Errorf("the clipboard holds\n%s\nwant the example response\n%s", got, want)
		}
	})

	t.Run("tabs", func(t *testing.T) { browseTabs(t, ctx) })
	t.Run("contrast", func(t *testing.T) { browseCodeContrast(t, ctx, page) })
	t.Run("print", func(t *testing.T) { browseCodePrint(t, ctx, page) })
	t.Run("phone", func(t *testing.T) { browseCodeOnPhone(t, ctx, srv.URL) })

	// Screenshots of the code, for a reader of the test's output.
	shots := screenshotDir(t)
	for _, v := range []struct {
		name   string
		width  int64
		scheme string
	}{{"code-1280-light.png", 1280, "light"}, {"code-390-dark.png", 390, "dark"}} {
		do(t, ctx, media("", v.scheme), chromedp.EmulateViewport(v.width, 900), chromedp.Navigate(page),
			chromedp.WaitVisible(`#client [role="tab"]`), chromedp.ScrollIntoView("#example"))
		save(t, shots, v.name, run(t, ctx, chromedp.CaptureScreenshot()))
		do(t, ctx, chromedp.ScrollIntoView("#client"))
		save(t, shots, "client-"+v.name, run(t, ctx, chromedp.CaptureScreenshot()))
	}
	do(t, ctx, chromedp.EmulateReset(), media("", "light"))
}

// browseCodeContrast measures every token colour of every tab, light and
// dark, as the page audit does (lowContrast, 4.5:1).
func browseCodeContrast(t *testing.T, ctx context.Context, page string) {
	defer do(t, ctx, media("", "light"))
	for _, scheme := range []string{"light", "dark"} {
		do(t, ctx, media("", scheme), chromedp.Navigate(page), chromedp.WaitVisible(`#client [role="tab"]`))
		for _, tab := range []string{"client-curl", "client-js", "client-python", "client-go"} {
			do(t, ctx, chromedp.Click("#"+tab+"-panel-tab"))
			if bad := eval[[]string](t, ctx, lowContrast); len(bad) > 0 {
				t.Errorf("%s, %s tab: text under 4.5:1 contrast: %q", scheme, tab, bad)
			}
		}
	}
}

// browseCodePrint: on paper every snippet is printed, without the tab
// buttons, in the light colours even for a reader who prefers dark.
func browseCodePrint(t *testing.T, ctx context.Context, page string) {
	defer do(t, ctx, media("", "light"))
	do(t, ctx, media("print", "dark"), chromedp.Navigate(page), chromedp.WaitVisible("h1"))
	if got := eval[string](t, ctx, shownPanels); got != "client-curl-panel client-js-panel client-python-panel client-go-panel" {
		t.Errorf("printed, the client panels shown are %q, want all four", got)
	}
	got := eval[string](t, ctx, `getComputedStyle(document.querySelector('#example-response .k')).color + ' ' +
		(document.querySelector('#client .tablist').getClientRects().length ? 'tabs shown' : 'no tabs')`)
	if got != "rgb(207, 34, 46) no tabs" {
		t.Errorf("printed with a dark preference: keyword colour and tab buttons %q", got)
	}
}

// shownPanels lists the ids of the client panels a reader sees.
const shownPanels = `Array.from(document.querySelectorAll('#client .tab-panel')).filter(p => p.getClientRects().length).map(p => p.id).join(' ')`

func browseTabs(t *testing.T, ctx context.Context) {
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`), chromedp.Reload(), chromedp.WaitVisible(`#client [role="tab"]`))
	if got := eval[string](t, ctx, shownPanels); got != "client-curl-panel" {
		t.Errorf("at first the panels shown are %q, want the curl one alone", got)
	}
	// Click Python; then the arrow key moves to Go and focuses it.
	do(t, ctx, chromedp.Click(`#client-python-panel-tab`))
	if got := eval[string](t, ctx, shownPanels); got != "client-python-panel" {
		t.Errorf("after a click on Python the panels shown are %q", got)
	}
	do(t, ctx, chromedp.KeyEvent(kb.ArrowRight))
	got := eval[string](t, ctx, shownPanels+` + ' ' + document.activeElement.id + ' ' + document.activeElement.getAttribute('aria-selected')`)
	if got != "client-go-panel client-go-panel-tab true" {
		t.Errorf("after ArrowRight: shown panel, focus and selection %q", got)
	}
	// The choice of a click is kept for the next page.
	do(t, ctx, chromedp.Click(`#client-js-panel-tab`), chromedp.Reload(), chromedp.WaitVisible(`#client [role="tab"]`))
	if got := eval[string](t, ctx, shownPanels); got != "client-js-panel" {
		t.Errorf("after a reload the panels shown are %q, want the JavaScript one kept", got)
	}
}

// codeOverflow names the code blocks wider than their box, and says if
// the page is wider than the screen.
const codeOverflow = `(() => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth) out.push('page ' + document.documentElement.scrollWidth + 'px');
  for (const pre of document.querySelectorAll('pre')) {
    if (pre.getClientRects().length && pre.scrollWidth > pre.clientWidth + 1) out.push(pre.id + ' ' + pre.scrollWidth + '/' + pre.clientWidth + 'px');
  }
  return out;
})()`

func browseCodeOnPhone(t *testing.T, ctx context.Context, base string) {
	defer do(t, ctx, chromedp.EmulateReset())
	for _, width := range []int64{320, 390} {
		for _, p := range []string{"/errors/upstream-unavailable", "/errors/missing-private-key"} {
			do(t, ctx, chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile), chromedp.Navigate(base+p), chromedp.WaitVisible("h1"))
			for _, tab := range []string{"client-curl", "client-js", "client-python", "client-go"} {
				do(t, ctx, chromedp.Click("#"+tab+"-panel-tab"))
				if wide := eval[[]string](t, ctx, codeOverflow); len(wide) > 0 {
					t.Errorf("%s at %d px, %s tab: cut off or scrolling sideways: %q", p, width, tab, wide)
				}
			}
		}
	}
}
