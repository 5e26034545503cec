package sitegen

import (
	"flag"
	"fmt"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/sitegen/sitecheck"
)

var update = flag.Bool("update", false, "rewrite testdata/code/*.golden")

// pageBlocks are the code blocks of e's page, as newErrorPage builds them.
func pageBlocks(t *testing.T, c *catalog.Catalog, e *catalog.Entry) []codeBlock {
	t.Helper()
	call := inputs(c).GoCalls[slicesIndex(c, e)]
	d := newSnippetData(c, e, call)
	clients, err := clientBlocks(d)
	if err != nil {
		t.Fatal(err)
	}
	service, err := serviceBlock(d)
	if err != nil {
		t.Fatal(err)
	}
	return append(append([]codeBlock{exampleBlock(e)}, clients...), service)
}

func slicesIndex(c *catalog.Catalog, e *catalog.Entry) int {
	for i, x := range c.Errors {
		if x == e {
			return i
		}
	}
	return -1
}

// TestCodeGolden holds the markup of every code block of a few entries
// to testdata/code/<slug>.golden (go test -run CodeGolden -update
// rewrites them): members of every kind, Retry-After, a class catch-all,
// hostile catalog text, and an upstream and an integer parameter.
func TestCodeGolden(t *testing.T) {
	for _, tc := range []struct{ cat, slug string }{
		{"testdata/code.yaml", "hostile-input"},
		{"testdata/code.yaml", "rate-limited"},
		{"testdata/code.yaml", "server-side"},
		{"testdata/small.yaml", "dependency-down"},
		{realCatalog, "upstream-unavailable"},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			c := load(t, tc.cat)
			var b strings.Builder
			for _, blk := range pageBlocks(t, c, find(c, tc.slug)) {
				b.WriteString("== " + blk.ID + " (" + blk.Lang + "): " + blk.Label + "\n")
				b.WriteString(string(blk.HTML))
				b.WriteString("\n")
			}
			golden := filepath.Join("testdata", "code", tc.slug+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run CodeGolden -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("code blocks of %s differ from %s (go test -run CodeGolden -update, then read the diff)", tc.slug, golden)
			}
		})
	}
}

var spanTag = regexp.MustCompile(`</?span[^>]*>`)

// plain is the text a browser shows for highlighted HTML (and copies).
func plain(h string) string { return html.UnescapeString(spanTag.ReplaceAllString(h, "")) }

// TestCodeText: what a block shows, and what its Copy button copies, is
// the code itself: the example is the response as catalog.OrderedObject
// writes its body, and a Go snippet is the snippet, on every entry of
// every test catalog.
func TestCodeText(t *testing.T) {
	for _, cat := range append(testCatalogs(t), "testdata/code.yaml") {
		t.Run(path.Base(cat), func(t *testing.T) {
			c := load(t, cat)
			calls := inputs(c).GoCalls
			for i, e := range c.Errors {
				if got, want := plain(string(exampleHTML(e))), exampleText(e); got != want {
					t.Fatalf("%s: example shows\n%s\nwant\n%s", e.Slug, got, want)
				}
				text, err := snippet("client.go.tmpl", newSnippetData(c, e, calls[i]))
				if err != nil {
					t.Fatal(err)
				}
				if got := plain(string(goHTML(text))); got != text {
					t.Fatalf("%s: Go snippet shows\n%s\nwant\n%s", e.Slug, got, text)
				}
			}
		})
	}
	// go/scanner's odd corners: text it cannot read stays, as it is.
	for _, src := range []string{"x := `a\r\nb` + '\\'' // c\n", "@#$ \"unterminated\n/* open", "a\u00a0b;;\n"} {
		if got := plain(string(goHTML(src))); got != src {
			t.Errorf("goHTML(%q) shows %q", src, got)
		}
	}
}

// exampleText is the example response written the plain way, its body
// by catalog.OrderedObject.Indent.
func exampleText(e *catalog.Entry) string {
	code := exampleStatus(e)
	s := fmt.Sprintf("HTTP/1.1 %d %s\nContent-Type: application/problem+json\n", code, http.StatusText(code))
	for _, h := range e.Example.Headers {
		if !strings.EqualFold(h.Name, "Content-Type") {
			s += h.Name + ": " + h.Value + "\n"
		}
	}
	return s + "\n" + e.Example.Body.Indent() + "\n"
}

// TestCodeSafe renders a site whose catalog text is hostile to HTML: every
// page is well-formed, its code blocks hold nothing but token spans, and
// the catalog's markup, quotes and ampersands show as text.
func TestCodeSafe(t *testing.T) {
	files := render(t, load(t, "testdata/code.yaml"))
	pre := regexp.MustCompile(`(?s)<pre class="hl" id="[a-z-]+"><code class="language-[a-z]+">(.*?)</code></pre>`)
	tag := regexp.MustCompile(`<[^>]*>`)
	token := regexp.MustCompile(`^(<span class="[kcsna]">|</span>)$`)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		p, err := sitecheck.Parse(data)
		if err != nil {
			t.Errorf("%s: not well-formed: %v", name, err)
			continue
		}
		if len(p.Scripts) > 1 {
			t.Errorf("%s: catalog text became a script element: %q", name, p.Scripts)
		}
		for _, m := range pre.FindAllStringSubmatch(string(data), -1) {
			for _, tg := range tag.FindAllString(m[1], -1) {
				if !token.MatchString(tg) {
					t.Errorf("%s: a code block holds the tag %s", name, tg)
				}
			}
		}
	}
	page := files["errors/hostile-input/index.html"]
	blocks := pre.FindAllSubmatch(page, -1)
	if len(blocks) != 6 {
		t.Fatalf("hostile-input: %d code blocks, want 6 (example, 4 clients, service)", len(blocks))
	}
	example := plain(string(blocks[0][1]))
	for _, want := range []string{
		`"title": "Bad \u003cb\u003e\"quoted\"\u003c/b\u003e \u0026 'single' \u003c/code\u003e`,
		`"instance": "/v1/things?a=1\u0026b=\"2\""`, `"reason": "TOO_BIG"`, `"limit": 10`,
	} {
		if !strings.Contains(example, want) {
			t.Errorf("the example lacks %s:\n%s", want, example)
		}
	}
	js := plain(string(blocks[2][1]))
	if !strings.Contains(js, `// Bad <b>"quoted"</b> & 'single' </code></pre><script>x</script> (422)`) {
		t.Errorf("the JavaScript snippet lost the title's text:\n%s", js)
	}
}
