package sitegen

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestLifecyclePages renders a catalog with three releases, a change
// recorded in a release's changes, a deprecated entry and a tombstone.
func TestLifecyclePages(t *testing.T) {
	files := render(t, load(t, "testdata/lifecycle.yaml"))
	page := func(path string) string {
		t.Helper()
		data, ok := files[path]
		if !ok {
			t.Fatalf("no %s", path)
		}
		return string(data)
	}
	contains := func(path string, wants ...string) {
		t.Helper()
		got := page(path)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
	}

	// Since the first release, last changed by 1.1.0's changes; no banner.
	contains("errors/upstream-unavailable/index.html",
		`Since <a href="../../errors/changelog/#v1.0.0">version 1.0.0</a> (<time datetime="2026-01-02">2026-01-02</time>)`,
		`last changed in <a href="../../errors/changelog/#v1.1.0">version 1.1.0</a> (<time datetime="2026-06-01">2026-06-01</time>)`)
	if strings.Contains(page("errors/upstream-unavailable/index.html"), "banner-deprecated") {
		t.Error("a live, not deprecated error has a deprecation banner")
	}
	// Deprecated: the banner comes first in the article, names the version,
	// says why (markdown) and links the replacement.
	timeout := page("errors/upstream-timeout/index.html")
	contains("errors/upstream-timeout/index.html",
		`<strong id="deprecated-h">Deprecated since 2.0.0.</strong> One error for every <em>upstream</em> failure.`,
		`Use <a href="../../errors/upstream-unavailable/">Upstream Unavailable</a> (<code>upstream-unavailable</code>) instead`,
		`last changed in <a href="../../errors/changelog/#v2.0.0">version 2.0.0</a>`)
	if b, h := strings.Index(timeout, "banner-deprecated"), strings.Index(timeout, `<h1 id="title">`); b < 0 || b > h {
		t.Error("the deprecation banner is not above the title")
	}
	// The tombstone's page, at its slug.
	contains("errors/key-expired/index.html",
		`<h1 id="title">Key Expired</h1>`,
		`<a href="../../errors/changelog/#v2.0.0">version 2.0.0</a> (<time datetime="2026-12-07">2026-12-07</time>)`,
		`Folded into <em>upstream-unavailable</em>.`,
		`Handle <a href="../../errors/upstream-unavailable/">Upstream Unavailable</a>`,
		`<link rel="canonical" href="https://example.test/errors/key-expired">`)
	if _, ok := files["errors/key-expired/index.json"]; ok {
		t.Error("a tombstone has a catalog entry")
	}
	contains("_redirects", "/errors/key-expired /errors/key-expired/index.html 410!\n",
		"/errors/key-expired/ /errors/key-expired/index.html 410!\n")

	// The changelog, newest first, linked from the index.
	contains("errors/index.html", `Catalog version 2.0.0: see the <a href="../errors/changelog/">changelog</a>`)
	log := page("errors/changelog/index.html")
	order := []string{`id="v2.0.0"`, "Major: may break clients", "Timeouts on their way out; key-expired gone.",
		"<h3>Deprecated</h3>", `<a href="../../errors/upstream-timeout/">Upstream Timeout</a>`,
		"<h3>Removed</h3>", `<a href="../../errors/key-expired/">Key Expired</a>`,
		`id="v1.1.0"`, "<h3>Added</h3>", `<a href="../../errors/upstream-timeout/">`,
		"<h3>Changed</h3>", `<a href="../../errors/upstream-unavailable/">`,
		`id="v1.0.0"`, "<h3>In the first release</h3>", `<a href="../../errors/upstream-unavailable/">`}
	at := 0
	for _, want := range order {
		i := strings.Index(log[at:], want)
		if i < 0 {
			t.Fatalf("changelog lacks %q after byte %d:\n%s", want, at, log)
		}
		at += i + len(want)
	}
	if strings.Count(log, "Major: may break clients") != 1 {
		t.Error("only 2.0.0 is a major release")
	}

	// lastmod: each page's own last release, no clock.
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"https://example.test/errors/":                     "2026-12-07",
		"https://example.test/errors/upstream-unavailable": "2026-06-01",
		"https://example.test/errors/upstream-timeout":     "2026-12-07",
		"https://example.test/errors/changelog":            "2026-12-07",
	}
	for _, u := range set.URLs {
		if want[u.Loc] != u.LastMod {
			t.Errorf("sitemap: %s lastmod %q, want %q", u.Loc, u.LastMod, want[u.Loc])
		}
		delete(want, u.Loc)
	}
	if len(want) > 0 {
		t.Errorf("sitemap lacks %v", want)
	}
}

// TestUnversionedHasNoHistory: a catalog without a version gets no
// changelog, no dates and no lastmod.
func TestUnversionedHasNoHistory(t *testing.T) {
	files := render(t, load(t, "testdata/small.yaml"))
	if _, ok := files["errors/changelog/index.html"]; ok {
		t.Error("an unversioned catalog has a changelog")
	}
	for path, data := range files {
		if strings.HasSuffix(path, ".css") {
			continue
		}
		if strings.Contains(string(data), "life-dates") || strings.Contains(string(data), "lastmod") {
			t.Errorf("%s shows a history the catalog does not have", path)
		}
	}
}
