package gogen

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ankatech/errgen/internal/catalog"
)

// errorsFile declares the descriptors and enum types of errs.
func (g *gen) errorsFile(f *jen.File, errs []*catalog.Entry) {
	for _, e := range errs {
		g.descriptor(f, e)
		g.enums(f, e)
	}
}

// constructorsFile declares the constructors, predicates and member
// options of errs.
func (g *gen) constructorsFile(f *jen.File, errs []*catalog.Entry) {
	for _, e := range errs {
		g.constructor(f, e)
		g.predicate(f, e)
		g.options(f, e)
	}
}

// descriptor emits
//
//	// UpstreamUnavailable is https://…/upstream-unavailable (502 Upstream Service Unavailable): <summary>
//	var UpstreamUnavailable = &problem.Type{URI: …, Slug: …, …, Schema: schemaUpstreamUnavailable}
func (g *gen) descriptor(f *jen.File, e *catalog.Entry) {
	name := catalog.GoName(e.Slug)
	ra := e.Retry.RetryAfter
	fields := []jen.Code{
		field("URI", jen.Lit(e.URI())),
		field("Slug", jen.Lit(e.Slug)),
		field("Title", jen.Lit(e.Title)),
	}
	if e.Status.Class != "" {
		fields = append(fields, field("Class", jen.Lit(e.Status.ClassDigit())))
	} else {
		fields = append(fields, field("Status", jen.Lit(e.Status.Code)))
	}
	fields = append(fields,
		field("Summary", jen.Lit(e.Summary)),
		field("Retryable", jen.Qual(problemPkg, retryableName[e.Retry.Retryable])),
	)
	if ra.Policy != catalog.RetryAfterNone {
		fields = append(fields,
			field("RetryAfter", jen.Qual(problemPkg, policyName[ra.Policy])),
			field("RetryAfterMin", seconds(ra.Min)),
			field("RetryAfterMax", seconds(ra.Max)),
		)
	}
	fields = append(fields, g.detailFields(e)...)
	if hs := headerNames(e); len(hs) > 0 {
		fields = append(fields, field("Headers", jen.Index().String().Values(hs...)))
	}
	if len(e.Members) > 0 {
		var ms []jen.Code
		for _, m := range e.Members {
			ms = append(ms, jen.Line().Values(memberFields(m)...))
		}
		ms = append(ms, jen.Line())
		fields = append(fields, field("Members", jen.Index().Qual(problemPkg, "Member").Values(ms...)))
	}
	if len(e.Aliases) > 0 {
		var as []jen.Code
		for _, a := range e.Aliases {
			as = append(as, jen.Lit(e.BaseURI+a))
		}
		fields = append(fields, field("Aliases", jen.Index().String().Values(as...)))
	}
	fields = append(fields, field("Schema", jen.Id("schema"+name)), jen.Line())
	comment(f, g.descriptorDoc(e))
	f.Var().Id(name).Op("=").Op("&").Qual(problemPkg, "Type").Values(fields...)
}

func field(name string, v jen.Code) jen.Code { return jen.Line().Id(name).Op(":").Add(v) }

func seconds(n int) jen.Code {
	return jen.Lit(n).Op("*").Qual("time", "Second")
}

// detailFields emits the detail template and its typed parameters, so the
// runtime can check a detail against the template (problemtest's strict
// assertion) without knowing the catalog:
//
//	Detail: "The {upstream} service is temporarily unavailable.",
//	Params: []problem.Param{{Name: "upstream", Kind: problem.ParamRole, Values: []string{"admin-api", …}}},
func (g *gen) detailFields(e *catalog.Entry) []jen.Code {
	if e.Detail.Template == "" {
		return nil
	}
	fields := []jen.Code{field("Detail", jen.Lit(e.Detail.Template))}
	if len(e.Detail.Params) == 0 {
		return fields
	}
	var ps []jen.Code
	for _, p := range e.Detail.Params {
		kind, ok := paramKindName[p.Type]
		if !ok {
			kind = "ParamString" // lint allows no other type; text is the safe reading
		}
		fs := []jen.Code{jen.Id("Name").Op(":").Lit(p.Name), jen.Id("Kind").Op(":").Qual(problemPkg, kind)}
		if p.Type == catalog.ParamUpstream {
			var roles []jen.Code
			for _, u := range g.c.Upstreams {
				roles = append(roles, jen.Lit(u.Name))
			}
			fs = append(fs, jen.Id("Values").Op(":").Index().String().Values(roles...))
		}
		ps = append(ps, jen.Line().Values(fs...))
	}
	ps = append(ps, jen.Line())
	return append(fields, field("Params", jen.Index().Qual(problemPkg, "Param").Values(ps...)))
}

var paramKindName = map[catalog.ParamType]string{
	catalog.ParamString: "ParamString", catalog.ParamInteger: "ParamInteger", catalog.ParamUpstream: "ParamRole",
}

var retryableName = map[catalog.Retryability]string{
	catalog.Retryable: "Retryable", catalog.AfterFix: "AfterFix", catalog.NotRetryable: "NotRetryable",
}

var policyName = map[catalog.RetryAfterPolicy]string{
	catalog.RetryAfterAllowed: "RetryAfterAllowed", catalog.RetryAfterRequired: "RetryAfterRequired",
}

func headerNames(e *catalog.Entry) []jen.Code {
	var hs []jen.Code
	for _, h := range e.Headers {
		hs = append(hs, jen.Lit(h.Name))
	}
	return hs
}

func memberFields(m catalog.Member) []jen.Code {
	fs := []jen.Code{jen.Id("Name").Op(":").Lit(m.Name), jen.Id("Type").Op(":").Lit(m.Type)}
	if m.Format != "" {
		fs = append(fs, jen.Id("Format").Op(":").Lit(m.Format))
	}
	if len(m.Enum) > 0 {
		var vs []jen.Code
		for _, v := range m.Enum {
			vs = append(vs, jen.Lit(v))
		}
		fs = append(fs, jen.Id("Enum").Op(":").Index().String().Values(vs...))
	}
	if m.Required {
		fs = append(fs, jen.Id("Required").Op(":").True())
	}
	return fs
}

// enums emits a string type per enum member and a constant per value:
//
//	type MissingPrivateKeyErrorCode string
//	const MissingPrivateKeyErrorCodeMissingSignerPrivateKey MissingPrivateKeyErrorCode = "MISSING_SIGNER_PRIVATE_KEY"
func (g *gen) enums(f *jen.File, e *catalog.Entry) {
	for _, m := range e.Members {
		if len(m.Enum) == 0 {
			continue
		}
		typ := enumType(e, m)
		f.Commentf("%s is a value of the %s member of %s.", typ, m.Name, catalog.GoName(e.Slug))
		f.Type().Id(typ).String()
		var defs []jen.Code
		for _, v := range m.Enum {
			defs = append(defs, jen.Id(enumConst(typ, v)).Id(typ).Op("=").Lit(v))
		}
		f.Const().Defs(defs...)
	}
}

// enumConst names an enum value: MISSING_SIGNER_PRIVATE_KEY → <typ>MissingSignerPrivateKey.
func enumConst(typ, value string) string { return typ + catalog.GoName(strings.ToLower(value)) }

func enumType(e *catalog.Entry, m catalog.Member) string {
	return catalog.GoName(e.Slug) + catalog.GoName(m.Name)
}

// memberGoType is the Go type of a member's value.
func memberGoType(e *catalog.Entry, m catalog.Member) jen.Code {
	switch {
	case len(m.Enum) > 0:
		return jen.Id(enumType(e, m))
	case m.Type == "integer":
		return jen.Int64()
	case m.Type == "number":
		return jen.Float64()
	case m.Type == "boolean":
		return jen.Bool()
	}
	return jen.String()
}

// memberValue converts a member parameter to what the body holds (enum
// values become plain strings, so the JSON encoder needs no reflection).
func memberValue(e *catalog.Entry, m catalog.Member, id string) jen.Code {
	if len(m.Enum) > 0 {
		return jen.String().Call(jen.Id(id))
	}
	return jen.Id(id)
}

// constructor emits
//
//	// NewUpstreamUnavailable returns a 502 Upstream Service Unavailable problem whose detail is
//	// "The {upstream} service is temporarily unavailable." ...
//	func NewUpstreamUnavailable(upstream Upstream, opts ...problem.Option) *problem.Problem {
//		return problem.New(UpstreamUnavailable, "The "+upstream.String()+" service is temporarily unavailable.", opts...)
//	}
//
// Required extension members follow the detail parameters; class
// catch-alls take the status first.
func (g *gen) constructor(f *jen.File, e *catalog.Entry) {
	name := catalog.GoName(e.Slug)
	var params []jen.Code
	args := []jen.Code{jen.Id(name)}
	if e.Status.Class != "" {
		params = append(params, jen.Id("status").Int())
		args = append(args, jen.Id("status"))
	}
	for _, p := range e.Detail.Params {
		params = append(params, jen.Id(paramName(p.Name)).Add(paramType(p.Type)))
	}
	args = append(args, detailExpr(e))
	var sets []jen.Code
	for _, m := range e.Members {
		if m.Required {
			id := paramName(m.Name)
			params = append(params, jen.Id(id).Add(memberGoType(e, m)))
			sets = append(sets, jen.Qual(problemPkg, "Set").Call(jen.Lit(m.Name), memberValue(e, m, id)))
		}
	}
	params = append(params, jen.Id("opts").Op("...").Qual(problemPkg, "Option"))
	newFn := "New"
	if e.Status.Class != "" {
		newFn = "NewStatus"
	}
	var body jen.Code
	if len(sets) == 0 {
		body = jen.Return(jen.Qual(problemPkg, newFn).Call(append(args, jen.Id("opts").Op("..."))...))
	} else {
		all := jen.Append(append([]jen.Code{jen.Index().Qual(problemPkg, "Option").Values(sets...)}, jen.Id("opts").Op("..."))...)
		body = jen.Return(jen.Qual(problemPkg, newFn).Call(append(args, all.Op("..."))...))
	}
	comment(f, g.constructorDoc(e))
	f.Func().Id("New"+name).Params(params...).Op("*").Qual(problemPkg, "Problem").Block(body)
}

// detailExpr concatenates the template's text with its parameters.
func detailExpr(e *catalog.Entry) jen.Code {
	var parts []*jen.Statement
	for _, seg := range e.Detail.Segments() {
		if seg.Param == "" {
			parts = append(parts, jen.Lit(seg.Text))
			continue
		}
		id := paramName(seg.Param)
		p, _ := e.Detail.Param(seg.Param)
		switch p.Type {
		case catalog.ParamInteger:
			parts = append(parts, jen.Qual("strconv", "FormatInt").Call(jen.Id(id), jen.Lit(10)))
		case catalog.ParamUpstream:
			parts = append(parts, jen.Id(id).Dot("String").Call())
		default:
			parts = append(parts, jen.Id(id))
		}
	}
	if len(parts) == 0 {
		return jen.Lit("")
	}
	expr := parts[0]
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
}

func paramType(t catalog.ParamType) jen.Code {
	switch t {
	case catalog.ParamInteger:
		return jen.Int64() // as integer members: JSON Schema's integer
	case catalog.ParamUpstream:
		return jen.Id("Upstream")
	}
	return jen.String()
}

// predicate emits IsUpstreamUnavailable(err error) bool.
func (g *gen) predicate(f *jen.File, e *catalog.Entry) {
	name := catalog.GoName(e.Slug)
	f.Commentf("Is%s reports whether err is, or wraps, a problem of type %s.", name, e.Slug)
	f.Func().Id("Is" + name).Params(jen.Id("err").Error()).Bool().Block(
		jen.Return(jen.Qual("errors", "Is").Call(jen.Id("err"), jen.Id(name))),
	)
}

// options emits an option per optional extension member:
//
//	func WithMissingPrivateKeyIssuerDN(v string) problem.Option { return problem.Set("issuerDN", v) }
func (g *gen) options(f *jen.File, e *catalog.Entry) {
	for _, m := range e.Members {
		if m.Required {
			continue
		}
		fn := optionName(e, m)
		comment(f, fmt.Sprintf("%s sets the optional %s", fn, g.memberItem(e, m, " of a problem of type ["+catalog.GoName(e.Slug)+"]")))
		f.Func().Id(fn).Params(jen.Id("v").Add(memberGoType(e, m))).Qual(problemPkg, "Option").Block(
			jen.Return(jen.Qual(problemPkg, "Set").Call(jen.Lit(m.Name), memberValue(e, m, "v"))),
		)
	}
}
