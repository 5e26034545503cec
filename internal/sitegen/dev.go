package sitegen

import (
	"html/template"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// devView is the "For developers" section.
type devView struct {
	Pkg                                string // the Go package that declares them
	Descriptor, Constructor, Predicate string
	Template                           string
	Params                             []paramView
	Code                               codeBlock // the Go snippet for a service
}

type paramView struct {
	Name, Type  string
	Description template.HTML
}

func newDevView(c *catalog.Catalog, e *catalog.Entry, d snippetData, m *mdErr) (devView, error) {
	name := catalog.GoName(e.Slug)
	v := devView{Pkg: d.GoPkg, Descriptor: name, Constructor: "New" + name, Predicate: "Is" + name,
		Template: e.Detail.Template}
	for _, p := range e.Detail.Params {
		v.Params = append(v.Params, paramView{Name: p.Name, Type: paramType(c, p.Type),
			Description: m.inline(p.Description)})
	}
	var err error
	v.Code, err = serviceBlock(d)
	return v, err
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
