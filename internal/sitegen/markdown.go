package sitegen

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// md renders the catalog's markdown. Catalog text is data, not markup: raw
// HTML in it must be shown as the literal text an author typed, so the
// two raw-HTML node kinds get a renderer that escapes instead of goldmark's
// default, which silently drops them behind a comment.
var md = goldmark.New(goldmark.WithRendererOptions(
	renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 100)),
))

// escapeRawHTML outranks goldmark's HTML renderer (priority 1000; lower
// numbers register later and win) for raw HTML nodes only.
type escapeRawHTML struct{}

func (escapeRawHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, renderInlineHTML)
	r.Register(ast.KindHTMLBlock, renderBlockHTML)
}

func renderInlineHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			template.HTMLEscape(w, seg.Value(src))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderBlockHTML shows an HTML block as a paragraph of its escaped text.
func renderBlockHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var text bytes.Buffer
	for i := range b.Lines().Len() {
		line := b.Lines().At(i)
		text.Write(line.Value(src))
	}
	if b.HasClosure() {
		text.Write(b.ClosureLine.Value(src))
	}
	_, _ = w.WriteString("<p>")
	template.HTMLEscape(w, bytes.TrimRight(text.Bytes(), "\n"))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// block renders markdown as block HTML (paragraphs, lists).
func block(s string) (template.HTML, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	var b bytes.Buffer
	if err := md.Convert([]byte(s), &b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // #nosec: goldmark output with raw HTML escaped
}

// inline renders markdown that sits inside a list item or table cell:
// a single paragraph loses its <p> wrapper so it flows with its label.
func inline(s string) (template.HTML, error) {
	h, err := block(s)
	if err != nil {
		return "", err
	}
	t := strings.TrimSuffix(string(h), "\n")
	if strings.HasPrefix(t, "<p>") && strings.HasSuffix(t, "</p>") && strings.Count(t, "<p>") == 1 {
		t = t[len("<p>") : len(t)-len("</p>")]
	}
	return template.HTML(t), nil
}
