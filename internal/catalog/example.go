package catalog

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// example checks an entry's example response against the entry: the same
// type, title and status; a detail the template could have produced;
// members as declared; headers as the policy allows.
func (l *linter) example(e *Entry) {
	body := e.Example.Body
	at := func(member string) Pos { return l.c.at(e, "/example/body/"+EscapePointer(member)) }
	if v, _ := body.Get("type"); v != e.URI() {
		l.errs.at(at("type"), "example type %v disagrees with the entry's type URI %s", show(v), e.URI())
	}
	if v, _ := body.Get("title"); v != e.Title {
		l.errs.at(at("title"), "example title %v disagrees with the entry's title %q", show(v), e.Title)
	}
	v, _ := body.Get("status")
	code, err := strconv.Atoi(fmt.Sprint(v))
	if _, isNum := v.(json.Number); !isNum || err != nil || !e.Status.Contains(code) {
		l.errs.at(at("status"), "example status %v disagrees with the entry's status %s", show(v), e.Status)
	}
	if d, ok := body.Get("detail"); ok {
		s, isStr := d.(string)
		if _, ok := l.c.MatchDetail(e, s); !isStr || !ok {
			l.errs.at(at("detail"), "example detail %v does not match the template %q", show(d), e.Detail.Template)
		}
	}
	if v, ok := body.Get("instance"); ok {
		if _, isStr := v.(string); !isStr {
			l.errs.at(at("instance"), "example instance must be a string (a URI reference)")
		}
	}
	l.exampleMembers(e, at)
	l.exampleHeaders(e)
}

func (l *linter) exampleMembers(e *Entry, at func(string) Pos) {
	declared := map[string]Member{}
	for _, m := range slices.Concat(l.c.Common.Members, e.Members) {
		declared[m.Name] = m
	}
	for _, f := range e.Example.Body {
		if standardMembers[f.Key] {
			continue
		}
		m, ok := declared[f.Key]
		switch {
		case !ok:
			l.errs.at(at(f.Key), "example member %q is not a declared extension member", f.Key)
		case !jsonTypeIs(f.Value, m.Type):
			l.errs.at(at(f.Key), "example member %q is %v, not %s", f.Key, show(f.Value), article(m.Type))
		case len(m.Enum) > 0 && !slices.Contains(m.Enum, fmt.Sprint(f.Value)):
			l.errs.at(at(f.Key), "example member %q is %v, not one of %s", f.Key, show(f.Value), strings.Join(m.Enum, ", "))
		}
	}
	for _, m := range slices.Concat(l.c.Common.Members, e.Members) {
		if _, ok := e.Example.Body.Get(m.Name); m.Required && !ok {
			l.errs.at(l.c.at(e, "/example/body"), "example lacks the required member %q", m.Name)
		}
	}
}

func (l *linter) exampleHeaders(e *Entry) {
	got := map[string]bool{}
	ra := e.Retry.RetryAfter
	for i, h := range e.Example.Headers {
		got[strings.ToLower(h.Name)] = true
		if !strings.EqualFold(h.Name, "Retry-After") {
			continue
		}
		p := l.c.at(e, fmt.Sprintf("/example/headers/%d", i))
		n, err := strconv.Atoi(h.Value)
		switch {
		case ra.Policy == RetryAfterNone:
			l.errs.at(p, "example sends Retry-After, but the entry's Retry-After policy is none")
		case err != nil:
			l.errs.at(p, "example Retry-After %q is not a whole number of seconds", h.Value)
		case n < ra.Min || n > ra.Max:
			l.errs.at(p, "example Retry-After %d is outside %d..%d", n, ra.Min, ra.Max)
		}
	}
	p := l.c.at(e, "/example")
	if ra.Policy == RetryAfterRequired && !got["retry-after"] {
		l.errs.at(p, "example lacks Retry-After, which this error always sends")
	}
	for _, h := range slices.Concat(l.c.Common.Headers, e.Headers) {
		if h.Required && !got[strings.ToLower(h.Name)] {
			l.errs.at(p, "example lacks the header %s, which this error always sends", h.Name)
		}
	}
}

func jsonTypeIs(v any, typ string) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		_, err := strconv.ParseInt(string(n), 10, 64)
		return ok && err == nil
	case "number":
		_, ok := v.(json.Number)
		return ok
	}
	return false
}

func show(v any) string {
	if v == nil {
		return "missing"
	}
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// article puts "a" or "an" before a JSON type name (an integer, a string).
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}
