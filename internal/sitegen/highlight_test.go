package sitegen

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
)

// The tests hold this package's highlighting to chroma's own lexers,
// styles and formatter, which only they import.

var update = flag.Bool("update", false, "rewrite chroma.css")

// chromaFormatter is the formatter writeLines stands in for.
var chromaFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(2))

// highlight renders code in the named chroma language as a <pre> block,
// as chroma does on its own: the reference for goCode and httpCode.
func highlight(lang, code string) (template.HTML, error) {
	lexer := lexers.Get(lang)
	if lexer == nil {
		return "", fmt.Errorf("no highlighter for %s", lang)
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := chromaFormatter.Format(&b, styles.Get("github"), it); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// darkReset opens the dark rules. Chroma's CSS formatter leaves out a
// class whose style equals the text's (github-dark's punctuation and
// plain names, for one), so without it such a token keeps its light
// colour, #1f2328 on the dark #0d1117. ".chroma [class]" weighs as much
// as ".chroma .p": it undoes every light rule, and the dark rules after
// it win in turn.
const darkReset = "/* Reset */ .chroma [class] { color: inherit; background-color: transparent }\n"

// TestChromaCSS checks chroma.css against the stylesheet chroma writes
// for the github and github-dark styles: the dark one inside a media
// query for screens, so print keeps the light colours, after darkReset.
func TestChromaCSS(t *testing.T) {
	css := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithAllClasses(true), chromahtml.TabWidth(2))
	var b bytes.Buffer
	b.WriteString("/* Syntax highlighting (chroma github / github-dark). */\n")
	if err := css.WriteCSS(&b, styles.Get("github")); err != nil {
		t.Fatal(err)
	}
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	b.WriteString(darkReset)
	if err := css.WriteCSS(&b, styles.Get("github-dark")); err != nil {
		t.Fatal(err)
	}
	b.WriteString("}\n")
	if *update {
		if err := os.WriteFile("chroma.css", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(chromaCSS, b.Bytes()) {
		t.Error("chroma.css is not what chroma writes; go test -run ChromaCSS -update rewrites it")
	}
}

// TestWriteLines holds format to chroma's formatter on token streams the
// catalogs' code lacks (TestHighlightPieces covers theirs): empty tokens,
// blank and unfinished lines, types without a class or with a parent's,
// text to escape.
func TestWriteLines(t *testing.T) {
	tok := func(tt chroma.TokenType, v string) chroma.Token { return chroma.Token{Type: tt, Value: v} }
	for _, toks := range [][]chroma.Token{
		nil,
		{tok(chroma.Text, "")},
		{tok(chroma.Keyword, "")},
		{tok(chroma.Keyword, "if"), tok(chroma.Text, "")},
		{tok(chroma.Keyword, "if\n"), tok(chroma.Text, "")},
		{tok(chroma.Keyword, "if\n"), tok(chroma.Keyword, ""), tok(chroma.Text, "")},
		{tok(chroma.Keyword, ""), tok(chroma.Text, "x\n")},
		{tok(chroma.Text, "\n\n"), tok(chroma.Comment, "// a\n\nb"), tok(chroma.Text, "\n")},
		{tok(chroma.LiteralStringDouble, `"<a href='x'>&amp;</a>"`), tok(chroma.NameBuiltinPseudo, "é\t")},
		{tok(chroma.NameDecorator+1, "d"), tok(chroma.TokenType(9999), "n"), tok(chroma.Background, "b")},
	} {
		var want bytes.Buffer
		if err := chromaFormatter.Format(&want, styles.Get("github"), chroma.Literator(toks...)); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if got := format(&b, toks); string(got) != want.String() {
			t.Errorf("format(%v):\n%s\nwant\n%s", toks, got, want.String())
		}
	}
}

// chromaTokens is what chroma's registered lexer gives text, coalesced.
func chromaTokens(t *testing.T, lang, text string) []chroma.Token {
	t.Helper()
	it, err := chroma.Coalesce(lexers.Get(lang)).Tokenise(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

// TestStructuralTokens checks tokens.go against chroma's lexers on every
// example of the real, the small and a synthetic catalog, and requires
// that none of them needs a lexer.
func TestStructuralTokens(t *testing.T) {
	for _, cat := range testCatalogs(t) {
		t.Run(path.Base(cat), func(t *testing.T) {
			c := load(t, cat)
			for _, e := range c.Errors {
				head, body := exampleParts(e)
				raw, ok := appendHTTPHead(nil, head)
				if ok {
					raw, ok = appendJSON(raw, body)
				}
				if want := chromaTokens(t, "http", head+body); !ok || !slices.Equal(coalesceAll(nil, raw), want) {
					t.Errorf("%s: example tokens, read %v:\n%v\nwant\n%v", e.Slug, ok, coalesceAll(nil, raw), want)
				}
				call := gogen.ExampleCall(c, e, goPackage)
				args := strings.TrimSuffix(call[strings.IndexByte(call, '(')+1:], ")")
				raw, ok = appendGoArgs(nil, args)
				if want := chromaTokens(t, "go", args); !ok || !slices.Equal(coalesceAll(nil, raw), want) {
					t.Errorf("%s: Go arguments %s, read %v:\n%v\nwant\n%v", e.Slug, args, ok, coalesceAll(nil, raw), want)
				}
			}
		})
	}
}

// TestStructuralEdges covers shapes the catalogs lack: where the readers
// accept a text they must agree with chroma, and they must accept the
// shapes a catalog may well hold.
func TestStructuralEdges(t *testing.T) {
	const status = "HTTP/1.1 400 Bad Request\nContent-Type: application/problem+json\n"
	for head, accept := range map[string]bool{
		status + "\n":                           true,
		"HTTP/1.1 599 \n" + status[25:] + "\n":  true,
		"HTTP/1.1 1000 \n" + status[25:] + "\n": true,
		status + "X-A: b: c\n\n":                true,
		status + "X-A: \n\n":                    true,
		status + "X-A:    \n\n":                 true,
		status + "X-A:   v  \n\n":               true,
		status + "X-A: \tv\n\n":                 true,
		status + "X-É: v\n\n":                   false,
		status + "Bad Name: v\n\n":              false,
		status + "X-A:\n\n":                     false,
		status + ": v\n\n":                      false,
		status + "X-A: v\r\n\n":                 false,
		status + "content-type: text/plain\n\n": false,
		"HTTP/1.1 0 \n" + status[25:] + "\n":    false,
		"HTTP/1.1 400 Bad Request\nX-A: v\n\n":  false,
		status + "X-A: v\n X-B: continued\n\n":  false,
		status + "X-A: v\n":                     false,
	} {
		raw, ok := appendHTTPHead(nil, head)
		if ok != accept {
			t.Errorf("appendHTTPHead(%q) accepts: %v, want %v", head, ok, accept)
		}
		if want := chromaTokens(t, "http", head+"{}\n"); ok && !slices.Equal(coalesceAll(nil, raw), want[:len(want)-2]) {
			t.Errorf("appendHTTPHead(%q) = %v, want %v", head, coalesceAll(nil, raw), want)
		}
	}
	for _, body := range []string{
		"", "\n", "{}", "[]", "[\n  1,\n  -2.5,\n  3e+7,\n  0.25E-2,\n  true,\n  false,\n  null\n]\n",
		`{"a": {"b": [{"c": "d\"\\"}, []], "e": {}}, "f": "\u00e9 // x"}`,
	} {
		raw, ok := appendJSON(nil, body)
		if want := chromaTokens(t, "json", body); !ok || !slices.Equal(coalesceAll(nil, raw), want) {
			t.Errorf("appendJSON(%q) = %v, %v; want %v", body, coalesceAll(nil, raw), ok, want)
		}
	}
	for _, body := range []string{"{", `{"a"}`, "[1 2]", "tru", `"a`, "1.", "-", "1e", "{} x"} {
		if _, ok := appendJSON(nil, body); ok {
			t.Errorf("appendJSON(%q) accepts what is not JSON", body)
		}
	}
	for args, accept := range map[string]bool{
		``:                                  true,
		`""`:                                true,
		`"a\"b\\", "c"`:                     true,
		`0, 7, 10, 007, 08, 0778, -3, +4`:   true,
		`1.5, -0.000000000001, 2e9, 3.5E-2`: true,
		`true, false`:                       true,
		`ankaerr.AdminAPI, ankaerr.Mode_x9`: true,
		`ankaerr.mode, ankaerr.Modé, nil`:   false,
		`x`:                                 false,
		`1.`:                                false,
		`1e`:                                false,
		`.5`:                                false,
		`"a",1`:                             false,
		`1 , 2`:                             false,
		`"a" + "b"`:                         false,
		`f(1)`:                              false,
	} {
		raw, ok := appendGoArgs(nil, args)
		if ok != accept {
			t.Errorf("appendGoArgs(%q) accepts: %v, want %v", args, ok, accept)
		}
		if want := chromaTokens(t, "go", args); ok && !slices.Equal(coalesceAll(nil, raw), want) {
			t.Errorf("appendGoArgs(%q) = %v, want %v", args, coalesceAll(nil, raw), want)
		}
	}
}

// TestFallbackLexers checks lexers.go against chroma's Go and HTTP
// lexers, on every snippet and example of the catalogs and on texts the
// structural readers leave to them.
func TestFallbackLexers(t *testing.T) {
	var goTexts, httpTexts []string
	for _, cat := range testCatalogs(t)[:2] {
		c := load(t, cat)
		for _, e := range c.Errors {
			goTexts = append(goTexts, goSnippet(c, e, catalog.GoName(e.Slug)))
			httpTexts = append(httpTexts, exampleResponse(e))
		}
	}
	goTexts = append(goTexts, "x := `raw` + 'c' + 0x1F + 0b1 + 1i + .5 + len(s) // done\n/* a\nb */ var f func() int\n")
	const status = "HTTP/1.1 400 Bad Request\nContent-Type: application/problem+json\n"
	httpTexts = append(httpTexts,
		status+"Bad Name: v\n\n{\"a\": 1}\n",
		status+"X-A:\n continued\n\n[]\n",
		"HTTP/1.1 0 \n"+status[25:]+"\n{}\n",
		"HTTP/1.1 400 x\n\n{}\n")
	for _, text := range goTexts {
		got, err := appendTokens(nil, goLexer(), text)
		if want := chromaTokens(t, "go", text); err != nil || !slices.Equal(got, want) {
			t.Errorf("Go lexer on %q: %v, %v; want %v", text, got, err, want)
		}
	}
	for _, text := range httpTexts {
		raw, ok, err := httpTokens(nil, text)
		if want := chromaTokens(t, "http", text); err != nil || !ok || !slices.Equal(coalesceAll(nil, raw), want) {
			t.Errorf("HTTP lexer on %q: %v, %v, %v; want %v", text, coalesceAll(nil, raw), ok, err, want)
		}
	}
	for _, text := range []string{"{\"a\": [1, 2.5e3, null], // c\n\"b\": x}\n", " continued\n\n[]\n", "{]"} {
		got, err := appendTokens(nil, jsonLexer(), text)
		if want := chromaTokens(t, "json", text); err != nil || !slices.Equal(got, want) {
			t.Errorf("JSON lexer on %q: %v, %v; want %v", text, got, err, want)
		}
	}
	if _, ok, err := httpTokens(nil, status+"Content-Type: text/html\n\n<p>\n"); ok || err != nil {
		t.Errorf("httpTokens accepts a body of another type: %v, %v", ok, err)
	}
}
