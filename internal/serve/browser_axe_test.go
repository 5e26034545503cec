package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePages are the index and three error pages with every kind of
// section: comparison table, members with enums, parameters, Retry-After.
var axePages = []string{"/errors/", "/errors/upstream-unavailable", "/errors/unsupported-pkcs7-format", "/errors/invalid-key-state"}

// axeRun runs every axe-core rule but the experimental ones (WCAG 2.x A
// and AA, and the best-practice rules), and lists each violation with
// the elements it found.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
  v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160) + ']').join('; ')))`

// TestBrowserAxe: axe-core (vendored under testdata, injected by the
// test, never shipped with the site) reports no violation on the index
// and three error pages, light and dark, on a phone and a desktop.
func TestBrowserAxe(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	defer do(t, ctx, chromedp.EmulateReset())
	for _, width := range []int64{390, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			for _, p := range axePages {
				name := fmt.Sprintf("%s %s %dpx", p, scheme, width)
				var opts []chromedp.EmulateViewportOption
				if width < 600 {
					opts = append(opts, chromedp.EmulateMobile)
				}
				do(t, ctx, chromedp.EmulateViewport(width, 900, opts...), media("", scheme), chromedp.Navigate(srv.URL+p), shown("h1"))
				found := axeViolations(t, ctx, string(axe))
				if len(found) > 0 {
					t.Errorf("%s: axe-core found %d violations:\n  %s", name, len(found), strings.Join(found, "\n  "))
				}
			}
		}
	}
}

// TestBrowserAxeStates: the same on what scripts add: the index's search
// results, the header search's list and the 404 page's suggestions.
func TestBrowserAxeStates(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	srv := httptest.NewServer(Handler(mapFS(t)))
	defer srv.Close()
	for _, scheme := range []string{"light", "dark"} {
		do(t, ctx, media("", scheme), chromedp.Navigate(srv.URL+"/errors/"), shown("#filter"))
		topHits(t, ctx, "key expired")
		if found := axeViolations(t, ctx, string(axe)); len(found) > 0 {
			t.Errorf("index with results, %s:\n  %s", scheme, strings.Join(found, "\n  "))
		}
		do(t, ctx, chromedp.Navigate(srv.URL+"/errors/validation"), shown("#site-search"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('site-search').focus()`), chromedp.KeyEvent("quota"), shown("#site-search-results li"))
		if found := axeViolations(t, ctx, string(axe)); len(found) > 0 {
			t.Errorf("header search open, %s:\n  %s", scheme, strings.Join(found, "\n  "))
		}
		do(t, ctx, chromedp.Navigate(srv.URL+"/errors/502"), shown("#suggestions li"))
		if found := axeViolations(t, ctx, string(axe)); len(found) > 0 {
			t.Errorf("404 page, %s:\n  %s", scheme, strings.Join(found, "\n  "))
		}
	}
}

func axeViolations(t *testing.T, ctx context.Context, axe string) []string {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](axe))
	return run(t, ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
}
