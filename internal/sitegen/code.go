package sitegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/scanner"
	"go/token"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// Every code block on a page is text errgen writes itself: the example
// response from the entry's example, the snippets from templates filled
// with the entry's facts. So each is highlighted from what errgen knows
// of its shape, never by a regexp lexer: the markup of a page depends on
// the catalog alone, not on how busy the machine is.
//
//   - the example response is written token by token from its parts
//     (status line, header list, the body's JSON value);
//   - Go is split by go/scanner, the standard library's Go scanner;
//   - curl, JavaScript and Python mark their whole-line comments only,
//     the one thing their templates can promise about every line.

// Token classes, coloured by templates/site.css (".hl .k" …).
const (
	clKeyword = "k" // Go keywords, true/false/null/nil, the HTTP version
	clString  = "s" // string literals, header values
	clNumber  = "n" // numbers, the status code
	clComment = "c" // comments
	clName    = "a" // JSON member names, header names
)

// codeBuf builds the highlighted HTML of one block. Its text, with the
// tags taken away and the entities decoded, is exactly the code.
type codeBuf struct{ b bytes.Buffer }

// tok writes text escaped, in a span of class cls ("" for none).
func (w *codeBuf) tok(cls, text string) {
	if text == "" {
		return
	}
	if cls != "" {
		w.b.WriteString(`<span class="`)
		w.b.WriteString(cls)
		w.b.WriteString(`">`)
	}
	htmlEscaper.WriteString(&w.b, text)
	if cls != "" {
		w.b.WriteString(`</span>`)
	}
}

func (w *codeBuf) text(s string) { w.tok("", s) }

// htmlEscaper escapes as template.HTMLEscapeString does (NUL aside, which
// catalog text cannot hold), straight into the buffer.
var htmlEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", "'", "&#39;", `"`, "&#34;")

func (w *codeBuf) html() template.HTML {
	return template.HTML(w.b.String()) // #nosec: every piece went through tok, which escapes
}

// codeBlock is one copyable block as templates/error.html shows it.
type codeBlock struct {
	ID    string // of the <pre>, which the copy button copies
	Tab   string // the tab's name, for a client snippet
	Label string // the visible caption
	What  string // what the copy button copies, for its name and announcement
	Lang  string // language-x class of the <code>
	HTML  template.HTML
}

// exampleStatus is the status the example is sent with: the entry's code,
// or for a class catch-all the example body's status member.
func exampleStatus(e *catalog.Entry) int {
	if e.Status.Code != 0 {
		return e.Status.Code
	}
	v, _ := e.Example.Body.Get("status")
	n, _ := strconv.Atoi(fmt.Sprint(v))
	return n
}

// exampleHTML is the example as it travels on the wire: status line,
// Content-Type, the example's other headers, a blank line and the body
// indented as catalog.OrderedObject.Indent writes it.
func exampleHTML(e *catalog.Entry) template.HTML {
	var w codeBuf
	w.b.Grow(2048) // the markup of a typical example, so the buffer grows once or never
	code := exampleStatus(e)
	w.tok(clKeyword, "HTTP/1.1")
	w.text(" ")
	w.tok(clNumber, strconv.Itoa(code))
	w.text(" " + http.StatusText(code) + "\n")
	w.header("Content-Type", "application/problem+json")
	for _, h := range e.Example.Headers {
		if !strings.EqualFold(h.Name, "Content-Type") {
			w.header(h.Name, h.Value)
		}
	}
	w.text("\n")
	w.json(e.Example.Body, "")
	w.text("\n")
	return w.html()
}

func (w *codeBuf) header(name, value string) {
	w.tok(clName, name)
	w.text(": ")
	w.tok(clString, value)
	w.text("\n")
}

// json writes v as json.Indent lays it out with a two-space indent, each
// scalar as encoding/json writes it (strings HTML-escaped, as response
// bodies are).
func (w *codeBuf) json(v any, indent string) {
	switch v := v.(type) {
	case catalog.OrderedObject:
		if len(v) == 0 {
			w.text("{}")
			return
		}
		w.text("{\n")
		for i, f := range v {
			w.text(indent + "  ")
			w.tok(clName, quoteJSON(f.Key))
			w.text(": ")
			w.json(f.Value, indent+"  ")
			w.text(comma(i, len(v)) + "\n")
		}
		w.text(indent + "}")
	case []any:
		if len(v) == 0 {
			w.text("[]")
			return
		}
		w.text("[\n")
		for i, x := range v {
			w.text(indent + "  ")
			w.json(x, indent+"  ")
			w.text(comma(i, len(v)) + "\n")
		}
		w.text(indent + "]")
	case string:
		w.tok(clString, quoteJSON(v))
	case json.Number:
		w.tok(clNumber, v.String())
	case bool:
		w.tok(clKeyword, strconv.FormatBool(v))
	case nil:
		w.tok(clKeyword, "null")
	default: // not a value the catalog loader makes; shown plainly
		raw, _ := json.Marshal(v)
		w.text(string(raw))
	}
}

func comma(i, n int) string {
	if i < n-1 {
		return ","
	}
	return ""
}

// quoteJSON is s as a JSON string; encoding a string cannot fail.
func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// goHTML highlights Go source with go/scanner. Text between tokens
// (spaces, newlines) and anything the scanner cannot read is written
// plainly, so the block's text is src whatever src holds.
func goHTML(src string) template.HTML {
	var w codeBuf
	w.b.Grow(2 * len(src)) // the tags and entities roughly double the text
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit != ";" {
			continue // inserted at a newline or the end, not in the text
		}
		text := lit
		if text == "" {
			text = tok.String()
		}
		off := file.Offset(pos)
		if off < last || off+len(text) > len(src) || src[off:off+len(text)] != text {
			continue // a literal the scanner rewrote (a raw string with \r): leave it plain
		}
		w.text(src[last:off])
		w.tok(goClass(tok, lit), text)
		last = off + len(text)
	}
	w.text(src[last:])
	return w.html()
}

func goClass(tok token.Token, lit string) string {
	switch {
	case tok.IsKeyword():
		return clKeyword
	case tok == token.STRING || tok == token.CHAR:
		return clString
	case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
		return clNumber
	case tok == token.COMMENT:
		return clComment
	case tok == token.IDENT && (lit == "nil" || lit == "true" || lit == "false" || lit == "iota"):
		return clKeyword
	}
	return ""
}

// linesHTML marks the lines of src that are comments (their first
// non-blank text starts with prefix) and writes the others plainly.
func linesHTML(src, prefix string) template.HTML {
	var w codeBuf
	w.b.Grow(2 * len(src))
	for line := range strings.Lines(src) {
		body := strings.TrimRight(line, "\n")
		trimmed := strings.TrimLeft(body, " \t")
		if strings.HasPrefix(trimmed, prefix) {
			w.text(body[:len(body)-len(trimmed)])
			w.tok(clComment, trimmed)
			w.text(line[len(body):])
			continue
		}
		w.text(line)
	}
	return w.html()
}
