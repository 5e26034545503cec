package sitegen

import (
	"bytes"
	"encoding/xml"
	"errors"
	"path"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/sitegen/sitecheck"
)

func load(t *testing.T, files ...string) *catalog.Catalog {
	t.Helper()
	var srcs []catalog.Source
	for _, f := range files {
		src, err := catalog.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	c, err := catalog.Load(srcs...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// inputs computes what the pipeline hands the site.
func inputs(c *catalog.Catalog) Inputs {
	return Inputs{GoCalls: gogen.ExampleCalls(c, GoPackage)}
}

func render(t *testing.T, c *catalog.Catalog) map[string][]byte {
	t.Helper()
	files, err := Render(c, inputs(c))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

const realCatalog = "../../catalog/errors.yaml"

// schemagenFile matches the files internal/schemagen adds to the same
// site; this package's tests see the site without them, and the CLI's
// tests check the links of the full site.
var schemagenFile = regexp.MustCompile(`^errors/(catalog\.json|openapi\.json|problem\.schema\.json|[a-z0-9_-]+/(schema|index)\.json)$`)

func TestLinksResolve(t *testing.T) {
	for _, cat := range []string{realCatalog, "testdata/small.yaml"} {
		t.Run(path.Base(cat), func(t *testing.T) {
			files := render(t, load(t, cat))
			for _, msg := range sitecheck.Links(files, schemagenFile.MatchString) {
				t.Error(msg)
			}
		})
	}
}

func TestEveryEntryHasPages(t *testing.T) {
	c := load(t, realCatalog)
	files := render(t, c)
	for _, e := range c.Errors {
		if _, ok := files["errors/"+e.Slug+"/index.html"]; !ok {
			t.Errorf("no errors/%s/index.html", e.Slug)
		}
		for _, a := range e.Aliases {
			page := string(files["errors/"+a+"/index.html"])
			if !strings.Contains(page, `rel="canonical" href="`+e.URI()+`"`) ||
				!strings.Contains(page, `url=../../errors/`+e.Slug+`/index.html`) {
				t.Errorf("alias %s: no canonical link and refresh to %s", a, e.Slug)
			}
		}
		if !bytes.Contains(files["errors/index.html"], []byte(`href="../errors/`+e.Slug+`/"`)) {
			t.Errorf("index does not link to %s", e.Slug)
		}
	}
}

// TestPageStructure checks what accessibility and the no-CDN rule need
// on every page: one h1, the landmarks, a caption per table, only the
// local script.
func TestPageStructure(t *testing.T) {
	files := render(t, load(t, realCatalog))
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		p, err := sitecheck.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.Tags["h1"] != 1 || p.Tags["main"] != 1 {
			t.Errorf("%s: %d h1 and %d main elements, want 1 each", name, p.Tags["h1"], p.Tags["main"])
		}
		for id, n := range p.IDs {
			if n > 1 {
				t.Errorf("%s: id %q used %d times", name, id, n)
			}
		}
		// A screen reader names a table by its caption; the region
		// around it does not name the table itself.
		if p.Tags["table"] != p.Tags["caption"] {
			t.Errorf("%s: %d tables, %d captions", name, p.Tags["table"], p.Tags["caption"])
		}
		if strings.Contains(name, "/_assets/") || isRedirect(p) {
			continue
		}
		for _, tag := range []string{"header", "nav", "footer"} {
			if p.Tags[tag] == 0 {
				t.Errorf("%s: no <%s> landmark", name, tag)
			}
		}
		if len(p.Scripts) != 1 || !strings.HasSuffix(p.Scripts[0], "_assets/site.js") {
			t.Errorf("%s: scripts %q, want only the local site.js", name, p.Scripts)
		}
	}
}

func isRedirect(p *sitecheck.Page) bool {
	for _, r := range p.Refs {
		if r.Attr == "refresh" {
			return true
		}
	}
	return false
}

// TestRawHTMLIsText: catalog text is data. Raw HTML in markdown shows as
// the literal text, never as elements, and javascript: links lose their target.
func TestRawHTMLIsText(t *testing.T) {
	files := render(t, load(t, "testdata/small.yaml"))
	data := files["errors/bad-thing/index.html"]
	p, err := sitecheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Scripts) != 1 || p.Tags["img"] != 0 || p.Tags["b"] != 0 {
		t.Errorf("raw HTML became elements: scripts %q, %d img, %d b", p.Scripts, p.Tags["img"], p.Tags["b"])
	}
	for _, want := range []string{"<script>alert(1)</script>", "<script>alert(2)</script>", "<img src=x onerror=alert(3)>", "<b>bold</b>"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("page text lacks the literal %q", want)
		}
	}
	if bytes.Contains(bytes.ToLower(data), []byte("javascript:")) {
		t.Error("a javascript: URL reached the page")
	}
	if bytes.Contains(data, []byte("raw HTML omitted")) {
		t.Error("raw HTML was dropped instead of shown")
	}
}

func TestComparisonTable(t *testing.T) {
	files := render(t, load(t, realCatalog))
	page := string(files["errors/upstream-unavailable/index.html"])
	compare := section(t, page, "compare")
	var order []string
	for _, m := range regexp.MustCompile(`status-chip[^>]*>(\d{3}|\dxx)<`).FindAllStringSubmatch(compare, -1) {
		order = append(order, m[1])
	}
	// The 502/503/504 model, with the 503 of the service's own data store.
	if strings.Join(order, " ") != "502 503 503 504" {
		t.Errorf("comparison rows by status = %v, want 502 503 503 504", order)
	}
	for _, want := range []string{`aria-current="page"`, `href="../../errors/upstream-timeout/"`,
		`href="../../errors/data-source-unavailable/"`,
		`href="../../errors/service-unavailable/"`, "While the breaker is open, 1–30 s", "Sometimes, 1–3600 s"} {
		if !strings.Contains(compare, want) {
			t.Errorf("comparison table lacks %s", want)
		}
	}
	small := render(t, load(t, "testdata/small.yaml"))
	if strings.Contains(string(small["errors/bad-thing/index.html"]), `id="compare"`) {
		t.Error("a page without siblings has a comparison table")
	}
}

// section returns the HTML of the <section id=id> of a page.
func section(t *testing.T, page, id string) string {
	t.Helper()
	start := strings.Index(page, `<section id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no section %s", id)
	}
	end := strings.Index(page[start:], "</section>")
	return page[start : start+end]
}

func TestPageAnswers(t *testing.T) {
	files := render(t, load(t, realCatalog))
	page := string(files["errors/upstream-unavailable/index.html"])
	for _, want := range []string{
		"<h1 id=\"title\">Upstream Service Unavailable</h1>", "502 Bad Gateway",
		`<code id="type-uri">https://docs.ankatech.co/errors/upstream-unavailable</code>`,
		"Who must act?", "<strong>A service the platform depends on.</strong>", "<strong>Retryable.</strong>", `id="retry-after"`, "1–30 s",
		"Often confused with", `href="../../errors/upstream-unavailable/schema.json"`,
		"ankaerr.IsUpstreamUnavailable(err)", "ankaerr.NewUpstreamUnavailable(ankaerr.AdminAPI)",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("upstream-unavailable page lacks %s", want)
		}
	}
}

func TestSitemap(t *testing.T) {
	c := load(t, realCatalog)
	files := render(t, c)
	var set struct {
		Locs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatal(err)
	}
	// The index, every error, then the changelog and the formats page.
	if n := len(set.Locs); n != len(c.Errors)+3 || set.Locs[0] != c.BaseURI || set.Locs[n-2] != c.BaseURI+"changelog" || set.Locs[n-1] != c.BaseURI+"formats" {
		t.Fatalf("sitemap has %d URLs starting %v", len(set.Locs), set.Locs[:1])
	}
	for i, e := range c.Errors {
		if set.Locs[i+1] != e.URI() || strings.HasSuffix(set.Locs[i+1], "/") {
			t.Errorf("sitemap URL %q, want the type URI %q", set.Locs[i+1], e.URI())
		}
	}
}

func TestDeterministic(t *testing.T) {
	c := load(t, realCatalog)
	a, b := render(t, c), render(t, load(t, realCatalog))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
}

func TestMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"plain *em*":          "plain <em>em</em>",
		"a <span>b</span> c":  "a &lt;span&gt;b&lt;/span&gt; c",
		"<div>x</div>":        "&lt;div&gt;x&lt;/div&gt;",
		"para 1\n\npara 2":    "<p>para 1</p>\n<p>para 2</p>",
		"`<code>` stays code": "<code>&lt;code&gt;</code> stays code",
		// Fenced code in catalog text is shown as written, unhighlighted:
		// no lexer runs on the output path.
		"```go\nif x < 1 {}\n```": "<pre><code class=\"language-go\">if x &lt; 1 {}\n</code></pre>",
	} {
		got, err := inline(in)
		if err != nil || string(got) != want {
			t.Errorf("inline(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestRenderToStreamsAndStops: RenderTo hands over the same files Render
// returns, and the first error put returns stops it and comes back.
func TestRenderToStreamsAndStops(t *testing.T) {
	c := load(t, "../../catalog/errors.yaml")
	all, err := Render(c, inputs(c))
	if err != nil {
		t.Fatal(err)
	}
	full := map[string]string{}
	for _, f := range all {
		full[f.Path] = string(f.Data)
	}
	var mu sync.Mutex
	n := 0
	stop := errors.New("disk full")
	err = RenderTo(c, inputs(c), func(f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		if full[f.Path] != string(f.Data) {
			t.Errorf("%s differs from Render's", f.Path)
		}
		if n++; n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("RenderTo returned %v, want the put error", err)
	}
	// Workers finish the page in hand (a handful of files), no more.
	if n >= len(all)/2 {
		t.Errorf("put called %d times of %d after failing at 10", n, len(all))
	}
}

// TestScriptOnlyControlsHidden: what only site.js makes work (the index
// filter, the copy button) is hidden in the page, and the stylesheet lets
// no display rule show a hidden element. The browser test checks the
// same without JavaScript.
func TestScriptOnlyControlsHidden(t *testing.T) {
	files := render(t, load(t, realCatalog))
	for page, want := range map[string]string{
		"errors/index.html":                      `<div class="filter" role="search" aria-label="Errors" hidden="">`,
		"errors/upstream-unavailable/index.html": `<button type="button" class="copy" data-copy="type-uri" data-status="copy-status" data-what="the type URI" hidden="">`,
		"errors/upstream-timeout/index.html":     `<div class="site-search" role="search" aria-label="Errors" hidden="">`,
	} {
		if !strings.Contains(string(files[page]), want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	if !strings.Contains(string(files["errors/"+cssPath]), "[hidden] { display: none !important; }") {
		t.Error("site.css does not keep hidden elements hidden")
	}
}

// TestDarkOnScreenOnly: the dark colours, the site's and the code's,
// apply on screens only, so a reader who prefers dark prints black on
// white.
func TestDarkOnScreenOnly(t *testing.T) {
	css := string(render(t, load(t, "testdata/small.yaml"))["errors/"+cssPath])
	all := strings.Count(css, "(prefers-color-scheme: dark)")
	screen := strings.Count(css, "@media screen and (prefers-color-scheme: dark)")
	if all != 1 || screen != all {
		t.Errorf("%d dark media queries, %d of them for screens only; want 1 and 1", all, screen)
	}
}
