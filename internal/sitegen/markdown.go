package sitegen

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the catalog's markdown renderer. Catalog text is
// data, not markup: raw HTML in it must be shown as the literal text an
// author typed, so the two raw-HTML node kinds get a renderer that escapes
// instead of goldmark's default, which silently drops them behind a
// comment. Each page worker has its own.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(util.Prioritized(escapeRawHTML{}, 100)),
	))
}

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
func (w *worker) block(s string) (template.HTML, error) {
	if h, ok := w.memo[memoKey{s, false}]; ok {
		return h, nil
	}
	b, err := w.markdown(s)
	if err != nil {
		return "", err
	}
	h := template.HTML(b) // #nosec: goldmark output with raw HTML escaped
	w.remember(memoKey{s, false}, h)
	return h, nil
}

// inline renders markdown that sits inside a list item or table cell:
// a single paragraph loses its <p> wrapper so it flows with its label.
func (w *worker) inline(s string) (template.HTML, error) {
	if h, ok := w.memo[memoKey{s, true}]; ok {
		return h, nil
	}
	b, err := w.markdown(s)
	if err != nil {
		return "", err
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	if bytes.HasPrefix(b, []byte("<p>")) && bytes.HasSuffix(b, []byte("</p>")) && bytes.Count(b, []byte("<p>")) == 1 {
		b = b[len("<p>") : len(b)-len("</p>")]
	}
	h := template.HTML(b) // #nosec: goldmark output with raw HTML escaped
	w.remember(memoKey{s, true}, h)
	return h, nil
}

// memoKey is a markdown source and whether it was rendered inline.
type memoKey struct {
	src    string
	inline bool
}

// remember keeps a rendered text for the worker's next pages. The memo is
// emptied when it grows past memoSize, so it holds what recurs (common
// header descriptions, the notes a page shows in two places) without
// growing with the catalog.
func (w *worker) remember(k memoKey, h template.HTML) {
	if len(w.memo) >= memoSize {
		clear(w.memo)
	}
	w.memo[k] = h
}

// words is the plain text of markdown s, as the search data holds it:
// from the parse that rendered s for the page when there was one.
func (w *worker) words(s string) string {
	if t, ok := w.plain[s]; ok {
		return t
	}
	if strings.TrimSpace(s) == "" {
		return ""
	}
	w.src = append(w.src[:0], s...)
	doc := w.gm.Parser().Parse(text.NewReader(w.src), w.parseOptions(w.src)...)
	return w.keepWords(s, doc)
}

// keepWords remembers the plain text of s, parsed as doc from w.src, on
// the terms of remember.
func (w *worker) keepWords(s string, doc ast.Node) string {
	var b strings.Builder
	plainText(w.src, doc, &b)
	t := strings.Join(strings.Fields(b.String()), " ")
	if len(w.plain) >= memoSize {
		clear(w.plain)
	}
	w.plain[s] = t
	return t
}

const memoSize = 512

// markdown renders s into the worker's buffer and returns the bytes, valid
// until the next call. The words of s (for the search data) are taken
// from the same parse.
func (w *worker) markdown(s string) ([]byte, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	w.md.Reset()
	w.mdOut.Reset(&w.md)
	// The source buffer is reused: goldmark's AST points into it only
	// until Convert returns, and the caller copies the output.
	w.src = append(w.src[:0], s...)
	doc := w.gm.Parser().Parse(text.NewReader(w.src), w.parseOptions(w.src)...)
	w.keepWords(s, doc)
	if err := w.gm.Renderer().Render(w.mdOut, w.src, doc); err != nil {
		return nil, err
	}
	if err := w.mdOut.Flush(); err != nil {
		return nil, err
	}
	return w.md.Bytes(), nil
}

// inline renders on a worker of its own, for tests.
func inline(s string) (template.HTML, error) { return newWorker().inline(s) }
