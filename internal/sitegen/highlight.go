package sitegen

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/ankatech/errgen/internal/catalog"
)

// Highlighting uses CSS classes, never inline styles, so one stylesheet
// (light and dark variants) themes every code block and the pages carry
// no style attributes.
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(2))

// cssFormatter writes a rule for every token class, not only those that
// differ from their parent: the dark rules must override each light one,
// or a token the dark style leaves to inheritance keeps its light colour.
var cssFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithAllClasses(true), chromahtml.TabWidth(2))

const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// highlight renders code in the named chroma language as a <pre> block.
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
	if err := formatter.Format(&b, styles.Get(lightStyle), it); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // #nosec: chroma escapes the code it wraps
}

// exampleResponse is the example as it travels on the wire: status line,
// headers, a blank line and the indented JSON body.
func exampleResponse(e *catalog.Error) string {
	var b strings.Builder
	code := e.Status.Code
	if code == 0 {
		if v, ok := e.Example.Body.Get("status"); ok {
			fmt.Sscan(fmt.Sprint(v), &code)
		}
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\n", code, http.StatusText(code))
	b.WriteString("Content-Type: application/problem+json\n")
	for _, h := range e.Example.Headers {
		if !strings.EqualFold(h.Name, "Content-Type") {
			fmt.Fprintf(&b, "%s: %s\n", h.Name, h.Value)
		}
	}
	b.WriteString("\n")
	b.WriteString(e.Example.Body.Indent())
	b.WriteString("\n")
	return b.String()
}

// highlightCSS is the chroma stylesheet: the light style everywhere and
// the dark one inside a prefers-color-scheme media query.
func highlightCSS() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("/* Syntax highlighting (chroma " + lightStyle + " / " + darkStyle + "). */\n")
	if err := cssFormatter.WriteCSS(&b, styles.Get(lightStyle)); err != nil {
		return nil, err
	}
	var dark bytes.Buffer
	if err := cssFormatter.WriteCSS(&dark, styles.Get(darkStyle)); err != nil {
		return nil, err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	b.Write(dark.Bytes())
	b.WriteString("}\n")
	return b.Bytes(), nil
}
