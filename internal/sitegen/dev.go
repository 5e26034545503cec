package sitegen

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
)

// goPackage is the generated package the site's Go snippets import.
const (
	goPackage = "ankaerr"
	goImport  = "github.com/ankatech/errgen/generated/ankaerr"
)

// devView is the "For developers" section.
type devView struct {
	Descriptor, Constructor, Predicate string
	Template                           string
	Params                             []paramView
	Code                               template.HTML // highlighted Go snippet
}

type paramView struct {
	Name, Type  string
	Description template.HTML
}

func newDevView(c *catalog.Catalog, e *catalog.Error, m *mdErr) (devView, error) {
	name := catalog.GoName(e.Slug)
	d := devView{Descriptor: name, Constructor: "New" + name, Predicate: "Is" + name,
		Template: e.Detail.Template}
	for _, p := range e.Detail.Params {
		d.Params = append(d.Params, paramView{Name: p.Name, Type: paramType(c, p.Type),
			Description: m.inline(p.Description)})
	}
	code, err := highlight("go", goSnippet(c, e, name))
	d.Code = code
	return d, err
}

// paramType names an upstream parameter's allowed roles, since the role
// list is what a reader needs, not the Go type that carries it.
func paramType(c *catalog.Catalog, t catalog.ParamType) string {
	if t != catalog.ParamUpstream {
		return string(t)
	}
	names := make([]string, 0, len(c.Upstreams))
	for _, u := range c.Upstreams {
		names = append(names, u.Name)
	}
	return "upstream role: " + strings.Join(names, ", ")
}

// goSnippet shows how a service answers with the error and how a Go
// client recognises it, with arguments taken from the example's detail.
func goSnippet(c *catalog.Catalog, e *catalog.Error, name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import %q\n\n", goImport)
	b.WriteString("// In a handler: answer with this problem (it is an http.Handler).\n")
	fmt.Fprintf(&b, "%s.ServeHTTP(w, r)\n\n", gogen.ExampleCall(c, e, goPackage))
	b.WriteString("// In a client or a test: recognise it.\n")
	fmt.Fprintf(&b, "if errors.Is(err, %s.%s) { /* ... */ }\n", goPackage, name)
	fmt.Fprintf(&b, "if %s.Is%s(err) { /* the same check */ }\n", goPackage, name)
	return b.String()
}
