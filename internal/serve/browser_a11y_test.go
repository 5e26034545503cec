package serve

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The reader checks of issue #5, in the browser: contrast in both colour
// schemes, phones, print, no JavaScript, and what a screen reader is given.

// auditPages are the index and error pages with every kind of table: the
// comparison table, extension members with long enum values, parameters.
var auditPages = []string{"/errors/", "/errors/upstream-unavailable", "/errors/unsupported-pkcs7-format"}

// media emulates a media type ("" for screen, "print") and a colour scheme.
func media(kind, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: kind,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

func scripts(enabled bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: !enabled})
		return err
	})
}

// lowContrast lists the rendered text whose colour, against the
// background it is painted on, has a WCAG contrast ratio under 4.5.
const lowContrast = `(() => {
  const rgb = c => { const p = c.match(/[\d.]+/g).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const over = (t, b) => ({r: t.r*t.a + b.r*(1-t.a), g: t.g*t.a + b.g*(1-t.a), b: t.b*t.a + b.b*(1-t.a), a: 1});
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); }; return 0.2126*f(c.r) + 0.7152*f(c.g) + 0.0722*f(c.b); };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let bg = {r: 255, g: 255, b: 255, a: 1};
    while (layers.length) bg = over(layers.pop(), bg);
    return bg;
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.getClientRects().length === 0 || el.closest('.visually-hidden, .skip-link')) continue;
    const text = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (!text) continue;
    const bg = background(el);
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const fg = rgb(getComputedStyle(el).color); fg.a *= opacity;
    const a = lum(over(fg, bg)), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + text.slice(0, 20) + '" ' + ratio.toFixed(2));
  }
  return Array.from(new Set(bad)).slice(0, 10);
})()`

func browseContrast(t *testing.T, ctx context.Context, base string) {
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range auditPages {
			do(t, ctx, media("", scheme), chromedp.Navigate(base+p), chromedp.WaitVisible("h1"))
			if bad := eval[[]string](t, ctx, lowContrast); len(bad) > 0 {
				t.Errorf("%s, %s: text under 4.5:1 contrast: %q", p, scheme, bad)
			}
		}
	}
}

// overflow names what is wider than the screen: the page itself, or a
// table region that has to be scrolled sideways.
const overflow = `(() => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth) out.push('page ' + document.documentElement.scrollWidth + 'px');
  for (const r of document.querySelectorAll('.table-scroll')) {
    if (r.getClientRects().length && r.scrollWidth > r.clientWidth + 1) out.push((r.getAttribute('aria-label') || r.getAttribute('aria-labelledby')) + ' ' + r.scrollWidth + '/' + r.clientWidth + 'px');
  }
  return out;
})()`

// browsePhone: on the narrowest phones no table needs sideways
// scrolling (code blocks may: lines of code do not wrap).
func browsePhone(t *testing.T, ctx context.Context, base string) {
	defer do(t, ctx, chromedp.EmulateReset())
	for _, p := range auditPages {
		do(t, ctx, media("", "light"), chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile), chromedp.Navigate(base+p), chromedp.WaitVisible("h1"))
		if wide := eval[[]string](t, ctx, overflow); len(wide) > 0 {
			t.Errorf("%s at 320 px: wider than the screen: %q", p, wide)
		}
	}
}

// browsePrint: printed, a page is light even for a reader who prefers
// dark, and no table runs off a Letter or A4 page (about 720 px wide).
func browsePrint(t *testing.T, ctx context.Context, base string) {
	defer do(t, ctx, chromedp.EmulateReset(), media("", "light"))
	do(t, ctx, chromedp.EmulateViewport(720, 1000), media("print", "dark"))
	for _, p := range auditPages {
		do(t, ctx, chromedp.Navigate(base+p), chromedp.WaitVisible("h1"))
		// Body white on black; every code block's background light (each
		// channel above 200) or transparent, or no code block on the page.
		colours := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor + ' ' + getComputedStyle(document.body).color + ' ' +
			Array.from(document.querySelectorAll('pre')).every(p => { const c = getComputedStyle(p).backgroundColor.match(/[\d.]+/g); return (c.length === 4 && +c[3] === 0) || c.slice(0, 3).every(v => +v > 200) })`)
		if colours != "rgb(255, 255, 255) rgb(0, 0, 0) true" {
			t.Errorf("%s printed with a dark preference: body colours and light code %q, want the light ones", p, colours)
		}
		if wide := eval[[]string](t, ctx, overflow); len(wide) > 0 {
			t.Errorf("%s printed: wider than the paper: %q", p, wide)
		}
	}
}

// browseNoScript: without JavaScript no control is shown that only a
// script makes work, and every error is listed.
func browseNoScript(t *testing.T, ctx context.Context, base string) {
	defer do(t, ctx, scripts(true))
	do(t, ctx, scripts(false), media("", "light"), chromedp.Navigate(base+"/errors/upstream-unavailable"), chromedp.WaitVisible("h1"))
	if eval[bool](t, ctx, `document.querySelector('button.copy').getClientRects().length > 0`) {
		t.Error("without JavaScript the Copy button shows, and does nothing")
	}
	if eval[bool](t, ctx, `document.getElementById('site-search').getClientRects().length > 0`) {
		t.Error("without JavaScript the header search shows, and finds nothing")
	}
	do(t, ctx, chromedp.Navigate(base+"/errors/"), chromedp.WaitVisible("h1"))
	if eval[bool](t, ctx, `document.getElementById('filter').getClientRects().length > 0`) {
		t.Error("without JavaScript the filter shows, and filters nothing")
	}
	if n := eval[int](t, ctx, visibleRows); n < 40 {
		t.Errorf("without JavaScript %d rows are visible", n)
	}
	do(t, ctx, scripts(true), chromedp.Navigate(base+"/errors/"), shown("#filter"))
}

// browseAXTree reads what a screen reader is given: every table, button
// and text field has a name, and a sort button is named by its column
// alone (its arrow is decoration; aria-sort tells the order).
func browseAXTree(t *testing.T, ctx context.Context, base string) {
	for _, p := range auditPages {
		do(t, ctx, media("", "light"), chromedp.Navigate(base+p), chromedp.WaitVisible("h1"))
		tree := run(t, ctx, chromedp.Action[accessibility.GetFullAXTreeResult](func(ctx context.Context, tg *chromedp.Target) (accessibility.GetFullAXTreeResult, error) {
			return cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		}))
		tables := 0
		for _, n := range tree.Nodes {
			if n.Ignored || n.Role == nil {
				continue
			}
			role, name := axString(n.Role), axString(n.Name)
			switch role {
			case "table", "button", "textbox", "searchbox":
				if name == "" {
					t.Errorf("%s: a %s without a name", p, role)
				}
			}
			if role == "table" {
				tables++
			}
			if role == "button" && p == "/errors/" && strings.ContainsAny(name, "↕↑↓") {
				t.Errorf("%s: sort button named %q: the arrow is read out", p, name)
			}
		}
		if tables == 0 {
			t.Errorf("%s: no table in the accessibility tree", p)
		}
	}
}

func axString(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	if json.Unmarshal(v.Value, &s) != nil {
		return ""
	}
	return s
}

// browseFocusClear: a link reached with the keyboard while it sits under
// the index's sticky filter is scrolled out from under it.
func browseFocusClear(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, media("", "light"), chromedp.Navigate(base+"/errors/"), shown("#filter"))
	const js = `(() => {
  const a = document.querySelectorAll('#client-errors tbody a')[10];
  window.scrollBy(0, a.getBoundingClientRect().top - 20);
  a.focus();
  return a.getBoundingClientRect().top - document.querySelector('.filter').getBoundingClientRect().bottom;
})()`
	if gap := eval[float64](t, ctx, js); gap < 0 {
		t.Errorf("a focused link stays %.0f px under the sticky filter", -gap)
	}
}
