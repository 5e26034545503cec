package catalog

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// detailRegexp is the regular expression MatchDetail stands for; the test
// holds the matcher to it.
func detailRegexp(c *Catalog, e *Entry) *regexp.Regexp {
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

func regexpMatchDetail(c *Catalog, e *Entry, detail string) (map[string]string, bool) {
	m := detailRegexp(c, e).FindStringSubmatch(detail)
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

// TestMatchDetailIsTheRegexp compares MatchDetail with the regular
// expression on random templates and details built from the same pieces,
// so that many match and many almost match.
func TestMatchDetailIsTheRegexp(t *testing.T) {
	pieces := []string{"a", "b", " ", "-", "7", "42", "\n", "\xff", "\ufffd", "é", "core", "core-api", ".", "{", "}", "'"}
	params := []Param{{Name: "s", Type: ParamString}, {Name: "n", Type: ParamInteger}, {Name: "u", Type: ParamUpstream}, {Name: "x", Type: "other"}}
	ups := [][]Upstream{nil, {{Name: "core"}, {Name: "core-api"}}, {{Name: "core-api"}, {Name: "core"}}}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		var b strings.Builder
		for range rng.IntN(n) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	matched := 0
	for range 3000 {
		var tmpl strings.Builder
		for range rng.IntN(5) {
			tmpl.WriteString(strings.NewReplacer("{", "", "}", "", "\xff", "").Replace(text(3)))
			switch k := rng.IntN(len(params) + 2); k {
			case len(params):
				tmpl.WriteString("{}")
			case len(params) + 1:
				tmpl.WriteString("{undeclared}")
			default:
				tmpl.WriteString("{" + params[k].Name + "}")
			}
		}
		c := &Catalog{Upstreams: ups[rng.IntN(len(ups))]}
		e := &Entry{Detail: Detail{Template: tmpl.String(), Params: params}}
		for range 20 {
			var d strings.Builder
			for _, s := range e.Detail.Segments() {
				if rng.IntN(4) > 0 {
					d.WriteString(s.Text)
				}
				if s.Param != "" {
					d.WriteString(text(4))
				}
			}
			want, wantOK := regexpMatchDetail(c, e, d.String())
			got, gotOK := c.MatchDetail(e, d.String())
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("template %q, upstreams %v, detail %q: got %v %v, the regexp gives %v %v", e.Detail.Template, c.Upstreams, d.String(), got, gotOK, want, wantOK)
			}
			if gotOK {
				matched++
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d details matched; the test explores too little", matched)
	}
}
