package problem

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// placeholder is a {name} in a detail template.
var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

// CheckDetail reports whether detail is one t's template (Detail) can
// produce: its fixed text verbatim and each parameter matched by its kind:
// a ParamRole by one of its Values, a ParamInteger by -?[0-9]+, a
// ParamString by a non-empty run on one line that does not contain the
// template's fixed text (so a whole second message cannot hide in it).
// The error names the parameter that does not fit when one alone is to
// blame. A type without a template accepts any detail.
func (t *Type) CheckDetail(detail string) error {
	if t.Detail == "" {
		return nil
	}
	if m := t.detailRE(-1).FindStringSubmatch(detail); m != nil {
		name := t.dirtyParam(m)
		if name == "" {
			return nil
		}
		return fmt.Errorf("detail %q: {%s} must be text without the template's own words", detail, name)
	}
	for i, p := range t.Params {
		// With parameter i relaxed to any text, a match means i is wrong.
		if !t.detailRE(i).MatchString(detail) {
			continue
		}
		switch p.Kind {
		case ParamRole:
			return fmt.Errorf("detail %q: {%s} must be one of the roles %s", detail, p.Name, strings.Join(p.Values, ", "))
		case ParamInteger:
			return fmt.Errorf("detail %q: {%s} must be an integer", detail, p.Name)
		default:
			return fmt.Errorf("detail %q: {%s} must be text without the template's own words", detail, p.Name)
		}
	}
	return fmt.Errorf("detail %q does not match the template %q", detail, t.Detail)
}

// detailRE compiles the template into ^…$, parameter relax (if any)
// matching any text. Compiling per call is fine: strict checks run in
// tests, not on the serving path.
func (t *Type) detailRE(relax int) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	last := 0
	for _, loc := range placeholder.FindAllStringSubmatchIndex(t.Detail, -1) {
		b.WriteString(regexp.QuoteMeta(t.Detail[last:loc[0]]))
		name := t.Detail[loc[2]:loc[3]]
		b.WriteString(t.paramPattern(name, relax))
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(t.Detail[last:]))
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()) // every piece is quoted or fixed
}

func (t *Type) paramPattern(name string, relax int) string {
	for i, p := range t.Params {
		if p.Name != name {
			continue
		}
		if i == relax {
			return `(.*)`
		}
		switch p.Kind {
		case ParamInteger:
			return `(-?[0-9]+)`
		case ParamRole:
			alts := make([]string, len(p.Values))
			for j, v := range p.Values {
				alts[j] = regexp.QuoteMeta(v)
			}
			return `(` + strings.Join(alts, "|") + `)`
		}
		return `(.+?)`
	}
	return `(.+?)` // a placeholder the generator did not describe: text
}

// dirtyParam returns the first text parameter of a matching detail
// (submatches m) that contains a piece of the template's fixed text of
// four or more characters (shorter ones, like "." or "'", occur in honest
// values), or "".
func (t *Type) dirtyParam(m []string) string {
	var fixed []string
	for _, f := range placeholder.Split(t.Detail, -1) {
		if f = strings.TrimSpace(f); len(f) >= 4 {
			fixed = append(fixed, f)
		}
	}
	for i, n := range placeholder.FindAllStringSubmatch(t.Detail, -1) {
		if t.paramKind(n[1]) != ParamString {
			continue
		}
		for _, f := range fixed {
			if strings.Contains(m[i+1], f) {
				return n[1]
			}
		}
	}
	return ""
}

func (t *Type) paramKind(name string) ParamKind {
	for _, p := range t.Params {
		if p.Name == name {
			return p.Kind
		}
	}
	return ParamString
}

// leakPatterns are what a problem body or header must never carry: the
// internals the catalog promises to keep in the logs.
var leakPatterns = []struct {
	name string
	re   *regexp.Regexp
}{
	{"an IPv4 address", regexp.MustCompile(`\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b`)},
	{"an IPv6 address", regexp.MustCompile(`(?i)\[[0-9a-f:.]*:[0-9a-f:.]*\]|\b(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}\b)?|\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b`)},
	{"a Go source line", regexp.MustCompile(`[A-Za-z0-9_./-]+\.go:[0-9]+`)},
	{"a host:port", regexp.MustCompile(`(?i)\b(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+):[0-9]{1,5}\b`)},
	{"a dial error", regexp.MustCompile(`\bdial (?:tcp|udp|unix)[46]?\b`)},
	{"a goroutine dump", regexp.MustCompile(`\bgoroutine [0-9]+|goroutine `)},
	{"a panic", regexp.MustCompile(`\bpanic:`)},
}

// FindLeak returns what in s looks like an internal detail leaking out
// (an IP address or host:port, "dial tcp", "goroutine ", "panic:", a Go
// file path with a line number), as `an IPv4 address "10.0.0.7"`, or ""
// when nothing does. Strict producer checks apply it to every string of a
// body and every response header.
func FindLeak(s string) string {
	for _, p := range leakPatterns {
		if m := p.re.FindString(s); m != "" {
			return fmt.Sprintf("%s %q", p.name, m)
		}
	}
	return ""
}

// ValidateStrict is Validate for producers: it checks a body a service is
// about to send (or sent, in its tests) as t against t's schema and also
// refuses what a consumer would merely ignore: a member t does not
// declare, a detail its template cannot produce (CheckDetail), and any
// string that looks like a leak (FindLeak). The error is a *SchemaError
// with one violation per finding. Clients keep using Validate, which is
// lenient as RFC 9457 asks of consumers.
func (v *Validator) ValidateStrict(t *Type, body []byte) error {
	if t == nil {
		return fmt.Errorf("problem: ValidateStrict with a nil *Type")
	}
	var out []string
	var inner error
	if err := v.ValidateType(t, body); err != nil {
		se, ok := err.(*SchemaError)
		if !ok {
			return err // not JSON, or the schema does not compile
		}
		out, inner = append(out, se.Violations...), se.err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		return fmt.Errorf("not a JSON object: %v", err)
	}
	names := make([]string, 0, len(members))
	for name := range members {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !reserved(name) && t.member(name) == nil {
			out = append(out, fmt.Sprintf("/%s: not a member %s declares", name, t.Slug))
		}
		for _, s := range stringsIn(members[name]) {
			if leak := FindLeak(s); leak != "" {
				out = append(out, fmt.Sprintf("/%s: looks like a leak: %s", name, leak))
			}
		}
	}
	var detail string
	if json.Unmarshal(members["detail"], &detail) == nil && detail != "" {
		if err := t.CheckDetail(detail); err != nil {
			out = append(out, "/detail: "+err.Error())
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &SchemaError{Type: t.URI, Violations: out, err: inner}
}

// stringsIn returns every string in a JSON value, however nested.
func stringsIn(raw json.RawMessage) []string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for k, x := range v {
				out = append(out, k)
				walk(x)
			}
		}
	}
	walk(v)
	return out
}
