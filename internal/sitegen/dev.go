package sitegen

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
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
	args := exampleArgs(c, e)
	var b strings.Builder
	fmt.Fprintf(&b, "import %q\n\n", goImport)
	b.WriteString("// In a handler: answer with this problem (it is an http.Handler).\n")
	fmt.Fprintf(&b, "%s.New%s(%s).ServeHTTP(w, r)\n\n", goPackage, name, strings.Join(args, ", "))
	b.WriteString("// In a client or a test: recognise it.\n")
	fmt.Fprintf(&b, "if errors.Is(err, %s.%s) { /* ... */ }\n", goPackage, name)
	fmt.Fprintf(&b, "if %s.Is%s(err) { /* the same check */ }\n", goPackage, name)
	return b.String()
}

var placeholder = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9_]*)\}`)

// exampleArgs recovers the constructor arguments from the example body's
// detail by matching it against the template; a parameter it cannot
// recover gets a neutral value of its type.
func exampleArgs(c *catalog.Catalog, e *catalog.Error) []string {
	values := matchDetail(e)
	args := make([]string, 0, len(e.Detail.Params))
	for _, p := range e.Detail.Params {
		v, ok := values[p.Name]
		switch p.Type {
		case catalog.ParamUpstream:
			if !ok && len(c.Upstreams) > 0 {
				v = c.Upstreams[0].Name
			}
			args = append(args, goPackage+"."+catalog.GoName(v))
		case catalog.ParamInteger:
			if _, err := strconv.Atoi(v); err != nil {
				v = "0"
			}
			args = append(args, v)
		default:
			args = append(args, strconv.Quote(v))
		}
	}
	return args
}

func matchDetail(e *catalog.Error) map[string]string {
	detail, _ := e.Example.Body.Get("detail")
	s, _ := detail.(string)
	var re strings.Builder
	re.WriteString("^")
	last := 0
	var names []string
	for _, loc := range placeholder.FindAllStringSubmatchIndex(e.Detail.Template, -1) {
		re.WriteString(regexp.QuoteMeta(e.Detail.Template[last:loc[0]]))
		re.WriteString("(.*?)")
		names = append(names, e.Detail.Template[loc[2]:loc[3]])
		last = loc[1]
	}
	re.WriteString(regexp.QuoteMeta(e.Detail.Template[last:]) + "$")
	out := map[string]string{}
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return out
	}
	if m := rx.FindStringSubmatch(s); m != nil {
		for i, n := range names {
			out[n] = m[i+1]
		}
	}
	return out
}
