package sitegen

import (
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
	code, err := m.w.goCode(gogen.ExampleCall(c, e, goPackage), name)
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
	return goHead + gogen.ExampleCall(c, e, goPackage) + goServe + goChecks(name)
}

// goHead and goChecks are pieces of the snippet, which goCode highlights
// separately (see also goServe).
const goHead = "import \"" + goImport + "\"\n\n" +
	"// In a handler: answer with this problem (it is an http.Handler).\n"

func goChecks(name string) string {
	return "if errors.Is(err, " + goPackage + "." + name + ") { /* ... */ }\n" +
		"if " + goPackage + ".Is" + name + "(err) { /* the same check */ }\n"
}
