package catalog

import (
	"regexp"
	"strings"
)

var placeholderRE = regexp.MustCompile(`\{([^{}]*)\}`)

// Segment is one piece of a detail template: literal Text, or a Param
// placeholder (exactly one is set).
type Segment struct {
	Text, Param string
}

// Segments splits the template into literal text and placeholders, the
// one parse of the template that lint, gogen and sitegen share.
func (d Detail) Segments() []Segment {
	var out []Segment
	last := 0
	for _, loc := range placeholderRE.FindAllStringSubmatchIndex(d.Template, -1) {
		if loc[0] > last {
			out = append(out, Segment{Text: d.Template[last:loc[0]]})
		}
		out = append(out, Segment{Param: d.Template[loc[2]:loc[3]]})
		last = loc[1]
	}
	if last < len(d.Template) {
		out = append(out, Segment{Text: d.Template[last:]})
	}
	return out
}

// Param returns the declared parameter of that name.
func (d Detail) Param(name string) (Param, bool) {
	for _, p := range d.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// detailPattern matches every detail the template can produce, with one
// group per placeholder: integers as digits, upstreams as a declared role.
// It is compiled once per entry: lint, gogen and sitegen all ask for it.
func (c *Catalog) detailPattern(e *Error) *regexp.Regexp {
	e.detail.once.Do(func() { e.detail.re = c.compileDetail(e) })
	return e.detail.re
}

func (c *Catalog) compileDetail(e *Error) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	for _, s := range e.Detail.Segments() {
		if s.Param == "" {
			b.WriteString(regexp.QuoteMeta(s.Text))
			continue
		}
		p, _ := e.Detail.Param(s.Param)
		switch p.Type {
		case ParamInteger:
			b.WriteString(`(-?[0-9]+)`)
		case ParamUpstream:
			names := make([]string, 0, len(c.Upstreams))
			for _, u := range c.Upstreams {
				names = append(names, regexp.QuoteMeta(u.Name))
			}
			b.WriteString(`(` + strings.Join(names, "|") + `)`)
		default:
			b.WriteString(`(.+?)`)
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

// MatchDetail reports whether detail is one the template can produce and,
// if so, the value of each parameter in it.
func (c *Catalog) MatchDetail(e *Error, detail string) (map[string]string, bool) {
	m := c.detailPattern(e).FindStringSubmatch(detail)
	if m == nil {
		return nil, false
	}
	values := map[string]string{}
	i := 1
	for _, s := range e.Detail.Segments() {
		if s.Param != "" {
			values[s.Param] = m[i]
			i++
		}
	}
	return values, true
}
