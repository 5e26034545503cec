package sitegen

import (
	"bytes"
	_ "embed" // chroma.css
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"

	"github.com/ankatech/errgen/internal/catalog"
)

// Highlighting uses CSS classes, never inline styles, so one stylesheet
// (light and dark variants) themes every code block and the pages carry
// no style attributes.
//
// The lexers are shared by the page workers: chroma's lexers compile
// their rules once under a lock and keep per-call state in the iterator.
//
// The HTML is what chroma's HTML formatter writes with classes and
// without line numbers; writeLines writes it straight into the worker's
// buffer, without the formatter's per-line token slices and fmt calls,
// which cost as much as the rest of a page's highlighting.
// TestHighlightPieces and TestWriteLines hold it to chroma's formatter.
const (
	preOpen  = `<pre class="chroma"><code>`
	preClose = `</code></pre>`
)

// writeLines writes tokens as chroma's formatter writes the inside of its
// <pre><code>: every line (a newline ends the line it is on) in
// <span class="line"><span class="cl">, every token of a type with a class
// in a <span> of that class, and the text escaped as html.EscapeString does.
func writeLines(b *bytes.Buffer, toks []chroma.Token) {
	open := false // a line has been started
	for i, t := range toks {
		// chroma drops a last line made of one empty token.
		if t.Value == "" && !open && i == len(toks)-1 {
			break
		}
		cls := tokenClass(t.Type)
		for v := t.Value; ; {
			if !open {
				b.WriteString(`<span class="line"><span class="cl">`)
				open = true
			}
			part, rest, nl := v, "", false
			if j := strings.IndexByte(v, '\n'); j >= 0 {
				part, rest, nl = v[:j+1], v[j+1:], true
			}
			if cls != "" {
				b.WriteString(`<span class="`)
				b.WriteString(cls)
				b.WriteString(`">`)
			}
			escapeHTML(b, part)
			if cls != "" {
				b.WriteString(`</span>`)
			}
			if nl {
				b.WriteString(`</span></span>`)
				open = false
			}
			if v = rest; v == "" {
				break
			}
		}
	}
	if open {
		b.WriteString(`</span></span>`)
	}
}

// tokenClass is the CSS class of a token type: that of the type or of its
// nearest ancestor that chroma names, "" for none.
func tokenClass(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
	}
	return chroma.StandardTypes[0]
}

// htmlEscaper escapes as html.EscapeString does, writing straight into
// the page buffer instead of allocating a string.
var htmlEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", "'", "&#39;", `"`, "&#34;")

func escapeHTML(b *bytes.Buffer, s string) { htmlEscaper.WriteString(b, s) }

// chromaCSS is the stylesheet of the github and github-dark styles, the
// light one everywhere and the dark one, after a reset of the light
// colours, inside a prefers-color-scheme media query for screens (print
// stays light). TestChromaCSS writes it (go test -run ChromaCSS -update).
//
//go:embed chroma.css
var chromaCSS []byte

// Highlighting a page's code is most of the cost of the site, and most of
// a page's code is the same on every page. Chroma's regexp lexers restart
// cleanly at some boundaries, so a block can be lexed in pieces whose token
// streams, joined and coalesced, are the stream of the whole text:
//
//   - the Go lexer has a single state, so any line start is such a
//     boundary, and so are the token boundaries around a call's argument
//     list ("f(" and ")" are tokens of their own);
//   - the HTTP lexer hands everything after the blank line to the lexer of
//     the body's content type in one piece, so head and body split there.
//
// The fixed pieces are lexed once and cached; what varies, the call's
// arguments and the example response, is read off its structure
// (tokens.go). The Go snippet's fixed lines are also formatted once (see
// goSkel). TestHighlightPieces checks the result against chroma's
// highlighting of the whole text on whole catalogs.

// appendTokens appends the tokens of text, coalesced, to dst.
func appendTokens(dst []chroma.Token, lexer chroma.Lexer, text string) ([]chroma.Token, error) {
	it, err := lexer.Tokenise(nil, text)
	if err != nil {
		return dst, err
	}
	for t := it(); t != chroma.EOF; t = it() {
		dst = coalesce(dst, t)
	}
	return dst, nil
}

// coalesce appends t to dst the way chroma.Coalesce joins a stream: empty
// tokens vanish and a token of the same type as the last one extends it
// (up to chroma's 8 KiB limit).
func coalesce(dst []chroma.Token, t chroma.Token) []chroma.Token {
	if t.Value == "" {
		return dst
	}
	if n := len(dst); n > 0 && dst[n-1].Type == t.Type && len(dst[n-1].Value) < 8192 {
		dst[n-1].Value += t.Value
		return dst
	}
	return append(dst, t)
}

func coalesceAll(dst, toks []chroma.Token) []chroma.Token {
	for _, t := range toks {
		dst = coalesce(dst, t)
	}
	return dst
}

// format writes tokens as a highlighted <pre> block into buf (reset first)
// and returns the HTML.
func format(buf *bytes.Buffer, toks []chroma.Token) template.HTML {
	buf.Reset()
	buf.WriteString(preOpen)
	writeLines(buf, toks)
	buf.WriteString(preClose)
	return template.HTML(buf.String()) // #nosec: writeLines escapes the code it wraps
}

// isGoName reports whether s is what catalog.GoName produces: an exported
// ASCII identifier. Such a name lexes as one token of the same type as
// namePlaceholder wherever it stands, and HTML escaping leaves it alone,
// which is what lets goCode substitute it into cached lines.
func isGoName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// namePlaceholder stands for the descriptor name in the cached stream of
// the snippet's last lines.
const namePlaceholder = "Zname0placeholder"

// The snippet's lines, as goCode splits them: the head (3 lines), the
// constructor call (one line, the only one lexed and formatted per page)
// and the tail (a blank line, a comment and the two checks).
const (
	goServeLine = ".ServeHTTP(w, r)\n"
	goClient    = "\n// In a client or a test: recognise it.\n"
	goServe     = goServeLine + goClient
)

// goSkeleton is the HTML of the snippet's fixed lines: the head, and the
// tail cut where the name goes. Lines can be formatted apart: the HTML of
// a line depends on that line's tokens only.
type goSkeleton struct {
	head string
	tail []string
}

var goSkel = sync.OnceValues(func() (goSkeleton, error) {
	var sk goSkeleton
	var b bytes.Buffer
	lines := func(text string) (string, error) {
		toks, err := appendTokens(nil, goLexer(), text)
		if err != nil {
			return "", err
		}
		b.Reset()
		writeLines(&b, toks)
		return b.String(), nil
	}
	var err error
	if sk.head, err = lines(goHead); err != nil {
		return sk, err
	}
	tail, err := lines(goClient + goChecks(namePlaceholder))
	sk.tail = strings.Split(tail, namePlaceholder)
	return sk, err
})

// goOpen is the token stream, not coalesced, of the call's opening
// "ankaerr.New<name>(" for namePlaceholder: every page's differs only in
// that identifier's text (see isGoName), so the Go lexer runs once, not
// once per error.
var goOpen = sync.OnceValues(func() ([]chroma.Token, error) {
	it, err := goLexer().Tokenise(nil, goPackage+".New"+namePlaceholder+"(")
	if err != nil {
		return nil, err
	}
	var toks []chroma.Token
	found := false
	for t := it(); t != chroma.EOF; t = it() {
		found = found || t.Value == "New"+namePlaceholder
		toks = append(toks, t)
	}
	if !found {
		return nil, fmt.Errorf("the Go lexer split the constructor name: %v", toks)
	}
	return toks, nil
})

// goClose is the coalesced token stream of the call's fixed end, lexed
// once and shared by the workers (read only).
var goClose = sync.OnceValues(func() ([]chroma.Token, error) {
	return appendTokens(nil, goLexer(), ")"+goServeLine)
})

// goCode highlights goSnippet(c, e, name), call being the constructor
// call: the fixed lines come from goSkel, only the call's arguments are
// lexed and only its line is formatted. A name or call of another shape
// takes the slow path, which lexes and formats the whole snippet.
func (w *worker) goCode(call, name string) (template.HTML, error) {
	open := goPackage + ".New" + name + "("
	args, ok := strings.CutPrefix(call, open)
	if !ok || !isGoName(name) || !strings.HasSuffix(args, ")") || strings.ContainsAny(args, "\r\n") {
		toks, err := appendTokens(w.toks[:0], goLexer(), goHead+call+goServe+goChecks(name))
		w.toks = toks[:0]
		if err != nil {
			return "", err
		}
		return format(&w.hl, toks), nil
	}
	sk, err := goSkel()
	if err != nil {
		return "", err
	}
	toks := w.toks[:0]
	defer func() { w.toks = toks[:0] }()
	pre, err := goOpen()
	if err != nil {
		return "", err
	}
	for _, t := range pre {
		if t.Value == "New"+namePlaceholder {
			t.Value = "New" + name
		}
		toks = coalesce(toks, t)
	}
	if toks, err = w.appendGoArgs(toks, args[:len(args)-1]); err != nil {
		return "", err
	}
	post, err := goClose()
	if err != nil {
		return "", err
	}
	toks = coalesceAll(toks, post)

	w.hl.Reset()
	w.hl.WriteString(preOpen)
	w.hl.WriteString(sk.head)
	writeLines(&w.hl, toks)
	for i, part := range sk.tail {
		if i > 0 {
			w.hl.WriteString(name)
		}
		w.hl.WriteString(part)
	}
	w.hl.WriteString(preClose)
	return template.HTML(w.hl.String()), nil // #nosec: writeLines escapes the code it wraps
}

// appendGoArgs appends the coalesced tokens of a call's arguments, read
// off their structure when appendGoArgs (tokens.go) knows their shape.
func (w *worker) appendGoArgs(dst []chroma.Token, args string) ([]chroma.Token, error) {
	raw, ok := appendGoArgs(w.raw[:0], args)
	w.raw = raw[:0]
	if !ok {
		return appendTokens(dst, goLexer(), args)
	}
	return coalesceAll(dst, raw), nil
}

// httpCode highlights exampleResponse(e): the head as chroma's HTTP lexer
// would, the body as its JSON lexer would, both read off their structure
// (tokens.go) unless the head has a shape that needs the HTTP lexer.
func (w *worker) httpCode(e *catalog.Error) (template.HTML, error) {
	head, body := exampleParts(e)
	raw, ok := appendHTTPHead(w.raw[:0], head)
	if ok {
		raw, ok = appendJSON(raw, body)
	}
	if !ok {
		var err error
		if raw, ok, err = httpTokens(w.raw[:0], head+body); err != nil {
			return "", err
		}
		if !ok {
			return "", fmt.Errorf("example response: cannot highlight its body as application/problem+json:\n%s", head)
		}
	}
	w.raw = raw[:0]
	toks := coalesceAll(w.toks[:0], raw)
	w.toks = toks[:0]
	return format(&w.hl, toks), nil
}

// exampleResponse is the example as it travels on the wire: status line,
// headers, a blank line and the indented JSON body.
func exampleResponse(e *catalog.Error) string {
	head, body := exampleParts(e)
	return head + body
}

// exampleParts splits exampleResponse at the end of the blank line.
func exampleParts(e *catalog.Error) (head, body string) {
	var b strings.Builder
	code := e.Status.Code
	if code == 0 {
		if v, ok := e.Example.Body.Get("status"); ok {
			fmt.Sscan(fmt.Sprint(v), &code)
		}
	}
	b.WriteString("HTTP/1.1 ")
	b.WriteString(strconv.Itoa(code))
	b.WriteString(" ")
	b.WriteString(http.StatusText(code))
	b.WriteString("\nContent-Type: application/problem+json\n")
	for _, h := range e.Example.Headers {
		if !strings.EqualFold(h.Name, "Content-Type") {
			b.WriteString(h.Name)
			b.WriteString(": ")
			b.WriteString(h.Value)
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	return b.String(), e.Example.Body.Indent() + "\n"
}
