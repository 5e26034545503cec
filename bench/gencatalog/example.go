package main

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ankatech/errgen/internal/catalog"
)

// detail gives an entry a template with 1 to 3 typed parameters, and
// returns the values its example fills in.
func (g *generator) detail(s shape, e *entryDoc) ([]paramDoc, map[string]string) {
	id := fmt.Sprintf("%s-%08x", s.subj.id, g.rng.Uint32())
	params := []paramDoc{{s.subj.field, "string", fmt.Sprintf("The identifier of the %s, as the request gave it.", s.subj.name)}}
	values := map[string]string{s.subj.field: id}
	tmpl := fmt.Sprintf("The %s '{%s}' %s", s.subj.name, s.subj.field, strings.ReplaceAll(s.cond.phrase, "`", ""))
	if g.pick(2) == 0 {
		params = append(params, paramDoc{"attempts", "integer", "How many times the service tried before giving up."})
		values["attempts"] = strconv.Itoa(1 + g.pick(5))
		tmpl += " after {attempts} attempts"
	}
	if len(g.hdr.Upstreams) > 0 && g.pick(3) == 0 {
		params = append(params, paramDoc{"upstream", "upstream", "The logical role of the service that reported it, never a host name."})
		values["upstream"] = g.hdr.Upstreams[g.pick(len(g.hdr.Upstreams))].Name
		tmpl += " (reported by {upstream})"
	}
	e.Detail = detailDoc{Template: tmpl + ".", Params: params}
	return params, values
}

// members draws 0 to 3 extension members whose Go names are free.
func (g *generator) members(s shape, e *entryDoc) []memberDoc {
	var out []memberDoc
	name := catalog.GoName(s.slug)
	for _, i := range g.rng.Perm(len(memberPool))[:g.pick(4)] {
		k := memberPool[i]
		m := memberDoc{Name: k.name, Type: k.typ, Format: k.format, Required: g.pick(3) == 0, Description: k.description}
		if k.enum {
			m.Enum = g.enumValues()
		}
		var ids []string
		if !m.Required {
			ids = append(ids, "With"+name+catalog.GoName(m.Name))
		}
		if len(m.Enum) > 0 {
			typ := name + catalog.GoName(m.Name)
			ids = append(ids, typ)
			for _, v := range m.Enum {
				ids = append(ids, typ+catalog.GoName(strings.ToLower(v)))
			}
		}
		if g.claimAll(ids) {
			out = append(out, m)
		}
	}
	return out
}

func (g *generator) claimAll(ids []string) bool {
	for _, id := range ids {
		if g.idents[id] {
			return false
		}
	}
	for _, id := range ids {
		g.idents[id] = true
	}
	return true
}

// enumValues are 2 to 4 distinct codes such as EXPIRED_POLICY.
func (g *generator) enumValues() []string {
	n := 2 + g.pick(3)
	var out []string
	for _, i := range g.rng.Perm(len(enumWords[0]))[:n] {
		out = append(out, enumWords[0][i]+"_"+enumWords[1][g.pick(len(enumWords[1]))])
	}
	return out
}

// example builds a response consistent with the entry: type, title,
// status, a detail from the template, required members and headers, and
// Retry-After within bounds when the policy asks for it.
func (g *generator) example(s shape, e *entryDoc, params []paramDoc, values map[string]string) exampleDoc {
	var ex exampleDoc
	for _, h := range g.hdr.Common.Headers {
		if h.Required {
			ex.Headers = append(ex.Headers, exampleHeaderDoc{h.Name, g.headerValue(h.Name, h.Example)})
		}
	}
	for _, h := range e.Headers {
		if h.Required || g.pick(2) == 0 {
			ex.Headers = append(ex.Headers, exampleHeaderDoc{h.Name, h.Example})
		}
	}
	if a := e.Retry.RetryAfter; a != nil && (a.Policy == "required" || g.pick(2) == 0) {
		ex.Headers = append(ex.Headers, exampleHeaderDoc{"Retry-After", strconv.Itoa(a.Min + g.pick(a.Max-a.Min+1))})
	}
	detail := e.Detail.Template
	for _, p := range params {
		detail = strings.ReplaceAll(detail, "{"+p.Name+"}", values[p.Name])
	}
	status := e.Status
	switch status {
	case "4xx":
		status = 400 + []int{0, 18, 22, 29}[g.pick(4)]
	case "5xx":
		status = 500 + g.pick(5)
	}
	body := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v any) {
		var val yaml.Node
		_ = val.Encode(v) // plain values only; cannot fail
		body.Content = append(body.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &val)
		e.body = append(e.body, field{key, v})
	}
	add("type", g.hdr.BaseURI+e.Slug)
	add("title", e.Title)
	add("status", status)
	add("detail", detail)
	add("instance", "/api/v3/"+s.subj.path+"/"+values[s.subj.field])
	for _, m := range append(append([]memberDoc(nil), g.commonMembers()...), e.Members...) {
		if m.Required || g.pick(2) == 0 {
			add(m.Name, g.memberValue(m))
		}
	}
	ex.Body = body
	return ex
}

func (g *generator) commonMembers() []memberDoc {
	var out []memberDoc
	for _, m := range g.hdr.Common.Members {
		out = append(out, memberDoc{m.Name, m.Type, m.Format, m.Enum, m.Required, m.Description})
	}
	return out
}

func (g *generator) headerValue(name, example string) string {
	if strings.EqualFold(name, "X-Request-Id") || example == "" {
		return g.uuid()
	}
	return example
}

func (g *generator) uuid() string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	b = b&^(0xc<<60) | 0x8<<60 // variant 10
	a = a&^(0xf<<12) | 0x4<<12 // version 4
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

func (g *generator) memberValue(m memberDoc) any {
	switch {
	case len(m.Enum) > 0:
		return m.Enum[g.pick(len(m.Enum))]
	case m.Type == "integer":
		return g.pick(10000)
	case m.Type == "number":
		return float64(g.pick(1000)) / 1000
	case m.Type == "boolean":
		return g.pick(2) == 0
	case m.Format == "uuid":
		return g.uuid()
	case m.Format == "date-time":
		return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.pick(12), 1+g.pick(28), g.pick(24), g.pick(60), g.pick(60))
	case m.Format == "uri":
		return "https://docs.ankatech.co/help/" + strconv.Itoa(g.pick(1000))
	}
	return "request." + []string{"algorithm", "keyUsage", "expiresAt", "owner"}[g.pick(4)]
}

// aliases gives about one entry in 30 an old slug: the snake_case
// spelling the platform used before.
func (g *generator) aliases(entries []*entryDoc) {
	for _, e := range entries {
		if g.pick(30) != 0 {
			continue
		}
		a := strings.ReplaceAll(e.Slug, "-", "_")
		if a == e.Slug || g.used[a] {
			continue
		}
		g.used[a] = true
		e.Aliases = []string{a}
	}
}
