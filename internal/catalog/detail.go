package catalog

import (
	"regexp"
	"unicode/utf8"
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

// MatchDetail reports whether detail is one the template can produce and,
// if so, the value of each parameter in it. It matches as the regular
// expression ^text(.+?)text(-?[0-9]+)text(up1|up2)$ would (leftmost-first,
// "." not matching a newline; integers as digits, upstreams as a declared
// role, other parameters as text), without compiling one per entry.
func (c *Catalog) MatchDetail(e *Entry, detail string) (map[string]string, bool) {
	segs := e.Detail.Segments()
	m := &detailMatcher{
		c: c, e: e, segs: segs, s: detail,
		caps:   make([]string, len(segs)),
		failed: make([]uint64, ((len(segs)+1)*(len(detail)+1)+63)/64),
	}
	if !m.match(0, 0) {
		return nil, false
	}
	values := map[string]string{}
	for i, s := range segs {
		if s.Param != "" {
			values[s.Param] = m.caps[i]
		}
	}
	return values, true
}

// detailMatcher backtracks in the order a regular expression prefers, so
// it picks the same submatches; remembering failed (segment, offset)
// pairs keeps it polynomial.
type detailMatcher struct {
	c      *Catalog
	e      *Entry
	segs   []Segment
	s      string
	caps   []string
	failed []uint64 // bit set, one bit per (segment, offset)
}

func (m *detailMatcher) match(i, p int) bool {
	if i == len(m.segs) {
		return p == len(m.s)
	}
	k := i*(len(m.s)+1) + p
	if m.failed[k/64]&(1<<(k%64)) != 0 {
		return false
	}
	if m.try(i, p) {
		return true
	}
	m.failed[k/64] |= 1 << (k % 64)
	return false
}

// try matches segment i at offset p, then the rest.
func (m *detailMatcher) try(i, p int) bool {
	seg := m.segs[i]
	next := func(q int) bool {
		m.caps[i] = m.s[p:q]
		return m.match(i+1, q)
	}
	if seg.Param == "" { // literal text ({} is an empty literal)
		q, ok := matchLiteral(m.s, p, seg.Text)
		return ok && next(q)
	}
	param, _ := m.e.Detail.Param(seg.Param)
	switch param.Type {
	case ParamInteger: // -?[0-9]+, greedy
		d := p
		if d < len(m.s) && m.s[d] == '-' {
			d++
		}
		end := d
		for end < len(m.s) && '0' <= m.s[end] && m.s[end] <= '9' {
			end++
		}
		for q := end; q > d; q-- {
			if next(q) {
				return true
			}
		}
		return false
	case ParamUpstream: // (a|b|c), in declared order; () when none
		if len(m.c.Upstreams) == 0 {
			return next(p)
		}
		for _, u := range m.c.Upstreams {
			if q, ok := matchLiteral(m.s, p, u.Name); ok && next(q) {
				return true
			}
		}
		return false
	default: // .+?, lazy
		for q := p; q < len(m.s); {
			r, w := utf8.DecodeRuneInString(m.s[q:])
			if r == '\n' {
				return false
			}
			q += w
			if next(q) {
				return true
			}
		}
		return false
	}
}

// matchLiteral matches lit at s[p:] rune by rune, as a regular expression
// does (an invalid byte reads as U+FFFD), and returns the end offset.
func matchLiteral(s string, p int, lit string) (int, bool) {
	for _, want := range lit {
		r, w := utf8.DecodeRuneInString(s[p:])
		if w == 0 || r != want {
			return 0, false
		}
		p += w
	}
	return p, true
}
