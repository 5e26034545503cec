// Package gogen renders a catalog as a Go package with jennifer: per
// error a descriptor (*problem.Type), a constructor whose parameters follow
// the detail template, options for optional extension members, and an Is
// predicate; per catalog All, Lookup and Validate. The package imports
// only the runtime package problem and the standard library, so a service
// that runs `go tool errgen -go . -package apierr` needs nothing else.
package gogen

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/par"
)

const problemPkg = "github.com/ankatech/errgen/problem"

// chunkSize is how many errors one errors/constructors/schemas file holds.
// go/format's pass over the output is most of gogen's cost and works a file
// at a time, so a large catalog is split into files that format side by
// side and never need one huge syntax tree. A catalog of up to chunkSize
// errors gets the four files catalog.go, constructors.go, errors.go and
// schemas.go; a larger one also constructors_002.go, errors_002.go, ….
const chunkSize = 250

// fileName matches every name Render gives a file, for any catalog.
var fileName = regexp.MustCompile(`^(catalog|version)\.go$|^(constructors|errors|schemas)(_[0-9]{3,})?\.go$`)

// FileName reports whether Render writes a file of that name for some
// catalog: in a package folder, a file with errgen's header and such a
// name is errgen's (stale once no longer rendered), and one with another
// name is not (output.Dir.Headed).
func FileName(name string) bool { return fileName.MatchString(name) }

// Render returns the files of the generated package. schemas are the
// errors' JSON Schemas in catalog order, as schemagen renders them: the
// package embeds them for Validate. The caller renders them once for every
// output that needs them, so no renderer imports another.
func Render(c *catalog.Catalog, pkg string, schemas [][]byte) ([]output.File, error) {
	if len(schemas) != len(c.Errors) {
		return nil, fmt.Errorf("gogen: %d schemas for %d errors", len(schemas), len(c.Errors))
	}
	g := &gen{c: c, pkg: pkg}
	type spec struct {
		name  string
		build func(*jen.File)
	}
	specs := []spec{{"catalog.go", g.catalogFile}, {"version.go", g.versionFile}}
	for lo := 0; lo < len(c.Errors); lo += chunkSize {
		hi := min(lo+chunkSize, len(c.Errors))
		errs, sch := c.Errors[lo:hi], schemas[lo:hi]
		suffix := ""
		if lo > 0 {
			suffix = fmt.Sprintf("_%03d", lo/chunkSize+1)
		}
		specs = append(specs,
			spec{"constructors" + suffix + ".go", func(f *jen.File) { g.constructorsFile(f, errs) }},
			spec{"errors" + suffix + ".go", func(f *jen.File) { g.errorsFile(f, errs) }},
			spec{"schemas" + suffix + ".go", func(f *jen.File) { g.schemasFile(f, errs, sch) }},
		)
	}
	out := make([]output.File, len(specs))
	errs := make([]error, len(specs))
	par.Do(len(specs), func(_, i int) bool {
		out[i], errs[i] = g.render(specs[i].name, specs[i].build)
		return true
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// render builds one file of the package; jennifer's Render runs go/format,
// so the output is gofmt'd.
func (g *gen) render(name string, build func(*jen.File)) (output.File, error) {
	f := jen.NewFile(g.pkg)
	f.HeaderComment(g.header())
	f.ImportName(problemPkg, "problem")
	build(f)
	var b bytes.Buffer
	if err := f.Render(&b); err != nil {
		return output.File{}, fmt.Errorf("gogen: %s: %s", name, firstLine(err.Error()))
	}
	return output.File{Path: name, Data: b.Bytes()}, nil
}

type gen struct {
	c     *catalog.Catalog
	pkg   string
	plain sync.Map // markdown → its plain text, for doc comments
}

// catalogFile holds the package doc, the Upstream roles, and the
// catalog-wide functions:
//
//	var all = []*problem.Type{AccessDenied, ...}
//	func All() []*problem.Type
//	func Lookup(typeURI string) *problem.Type
//	func Validate(body []byte) error
func (g *gen) catalogFile(f *jen.File) {
	// The example shows a service's own error, else the platform's model.
	e := g.c.Errors[0]
	for _, x := range g.c.Errors {
		if x.Slug == "upstream-unavailable" {
			e = x
		}
	}
	if n := len(g.c.Files); n > 1 {
		if i := slices.IndexFunc(g.c.Errors, func(x *catalog.Entry) bool { return x.File == g.c.Files[n-1] }); i >= 0 {
			e = g.c.Errors[i]
		}
	}
	pkgDoc := g.packageDoc(ExampleCall(g.c, e, g.pkg), e)
	for _, line := range strings.Split(pkgDoc, "\n") {
		for _, l := range wrap(line) {
			f.PackageComment(l)
		}
	}
	g.upstreams(f)
	var list []jen.Code
	for _, e := range g.c.Errors {
		list = append(list, jen.Line().Id(catalog.GoName(e.Slug)))
	}
	list = append(list, jen.Line())
	f.Comment("all lists every type in slug order.")
	f.Var().Id("all").Op("=").Index().Op("*").Qual(problemPkg, "Type").Values(list...)
	f.Comment("byURI finds a type by its URI or an alias URI.")
	f.Var().Id("byURI").Op("=").Make(jen.Map(jen.String()).Op("*").Qual(problemPkg, "Type"), jen.Len(jen.Id("all")))
	f.Func().Id("init").Params().Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("t")).Op(":=").Range().Id("all")).Block(
			jen.Id("byURI").Index(jen.Id("t").Dot("URI")).Op("=").Id("t"),
			jen.For(jen.List(jen.Id("_"), jen.Id("a")).Op(":=").Range().Id("t").Dot("Aliases")).Block(
				jen.Id("byURI").Index(jen.Id("a")).Op("=").Id("t"),
			),
		),
		jen.Qual(problemPkg, "Register").Call(jen.Id("all").Op("...")),
	)
	f.Comment("All returns every problem type of the catalog, in slug order.")
	f.Func().Id("All").Params().Index().Op("*").Qual(problemPkg, "Type").Block(
		jen.Return(jen.Append(jen.Index().Op("*").Qual(problemPkg, "Type").Values(), jen.Id("all").Op("..."))),
	)
	f.Comment("Lookup returns the problem type with the given type URI (or an old alias URI), or nil.")
	f.Func().Id("Lookup").Params(jen.Id("typeURI").String()).Op("*").Qual(problemPkg, "Type").Block(
		jen.Return(jen.Id("byURI").Index(jen.Id("typeURI"))),
	)
	f.Comment("validator compiles each type's schema once, on first use.")
	f.Var().Id("validator").Op("=").Qual(problemPkg, "NewValidator").Call(jen.Id("all").Op("..."))
	comment(f, "Validate checks a problem body against the JSON Schema of its type member.\n"+
		"The error names the member and the rule that failed.")
	f.Func().Id("Validate").Params(jen.Id("body").Index().Byte()).Error().Block(
		jen.Return(jen.Id("validator").Dot("Validate").Call(jen.Id("body"))),
	)
}

// upstreams declares the logical roles as values of an opaque type, so a
// host name cannot reach a detail:
//
//	type Upstream struct{ name string }
//	var AdminAPI = Upstream{"admin-api"}
func (g *gen) upstreams(f *jen.File) {
	if len(g.c.Upstreams) == 0 {
		return
	}
	comment(f, "Upstream is a logical upstream role named in a detail. Only the values below\n"+
		"exist, so a host name or address cannot end up in a response.")
	f.Type().Id("Upstream").Struct(jen.Id("name").String())
	f.Comment("String returns the role's name, as details show it.")
	f.Func().Params(jen.Id("u").Id("Upstream")).Id("String").Params().String().Block(
		jen.If(jen.Id("u").Dot("name").Op("==").Lit("")).Block(jen.Return(jen.Lit("upstream"))),
		jen.Return(jen.Id("u").Dot("name")),
	)
	var defs []jen.Code
	for _, u := range g.c.Upstreams {
		doc := fmt.Sprintf("%s is the %s role%s", catalog.GoName(u.Name), u.Name, describe(g.plainText(u.Description)))
		defs = append(defs, jen.Comment(oneLine(doc)).Line().Id(catalog.GoName(u.Name)).Op("=").Id("Upstream").Values(jen.Lit(u.Name)))
	}
	f.Var().Defs(defs...)
	var names []jen.Code
	for _, u := range g.c.Upstreams {
		names = append(names, jen.Id(catalog.GoName(u.Name)))
	}
	f.Comment("Upstreams returns every logical upstream role of the catalog.")
	f.Func().Id("Upstreams").Params().Index().Id("Upstream").Block(
		jen.Return(jen.Index().Id("Upstream").Values(names...)),
	)
}

// schemasFile holds each type's JSON Schema as a string constant, so
// Validate needs no files and no network.
func (g *gen) schemasFile(f *jen.File, errs []*catalog.Entry, schemas [][]byte) {
	var defs []jen.Code
	for i, e := range errs {
		defs = append(defs, jen.Id("schema"+catalog.GoName(e.Slug)).Op("=").Lit(string(schemas[i])))
	}
	f.Const().Defs(defs...)
}

// firstLine keeps an error short: jennifer's errors carry the whole
// unformatted source after the first line.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
