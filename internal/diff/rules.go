package diff

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// catalogWide compares what every error shares: the type URI prefix, the
// common headers and members, the upstream roles details may name.
func (d *differ) catalogWide() {
	o, n := d.old, d.new
	if o.BaseURI != n.BaseURI {
		d.add(n.TopPos("/base_uri"), Breaking, CatalogWide, "base_uri changed from %s to %s: every type URI changes", o.BaseURI, n.BaseURI)
	}
	d.headers(CatalogWide, o.Common.Headers, n.Common.Headers,
		func(i int) catalog.Pos { return o.TopPos(fmt.Sprintf("/common/headers/%d", i)) },
		func(i int) catalog.Pos { return n.TopPos(fmt.Sprintf("/common/headers/%d", i)) })
	d.members(CatalogWide, o.Common.Members, n.Common.Members,
		func(i int) catalog.Pos { return o.TopPos(fmt.Sprintf("/common/members/%d", i)) },
		func(i int) catalog.Pos { return n.TopPos(fmt.Sprintf("/common/members/%d", i)) })
	for _, u := range o.Upstreams {
		if !slices.ContainsFunc(n.Upstreams, func(v catalog.Upstream) bool { return v.Name == u.Name }) {
			d.add(u.Pos(), Breaking, CatalogWide, "upstream role %s removed (Go constant %s goes; details may no longer name it)", u.Name, catalog.GoName(u.Name))
		}
	}
	for _, u := range n.Upstreams {
		if !slices.ContainsFunc(o.Upstreams, func(v catalog.Upstream) bool { return v.Name == u.Name }) {
			d.add(u.Pos(), Compatible, CatalogWide, "upstream role %s added", u.Name)
		}
	}
	d.services()
}

// services compares the registered services: dropping one breaks its
// build (its catalog file names a service no longer registered).
func (d *differ) services() {
	o, n := d.old, d.new
	for _, s := range o.Services {
		if n.Registered(s.Name) == nil {
			d.add(s.PosOf(o.BaseFile(), "/name"), Breaking, CatalogWide, "service %s unregistered: its catalog file no longer loads, and its %s slugs are free for the platform", s.Name, s.Prefix())
		}
	}
	for _, s := range n.Services {
		if o.Registered(s.Name) == nil {
			d.add(s.PosOf(n.BaseFile(), "/name"), Compatible, CatalogWide, "service %s registered: slugs starting with %s are its own", s.Name, s.Prefix())
		}
	}
}

// entry compares one error present in both catalogs.
func (d *differ) entry(o, e *catalog.Entry) {
	at := func(sub string) catalog.Pos { return d.new.PosOf(e, sub) }
	was := func(sub string) catalog.Pos { return d.old.PosOf(o, sub) }
	s := e.Slug
	if o.Status != e.Status {
		d.add(at("/status"), Breaking, s, "status changed from %s to %s", o.Status, e.Status)
	}
	if o.Title != e.Title {
		d.add(at("/title"), Breaking, s, "title changed from %q to %q (RFC 9457: fixed per type)", o.Title, e.Title)
	}
	if o.Retry.Retryable != e.Retry.Retryable {
		d.add(at("/retry/retryable"), Breaking, s, "retryability changed from %s to %s (clients retry by it)", o.Retry.Retryable, e.Retry.Retryable)
	}
	if a, b := retryAfter(o.Retry.RetryAfter), retryAfter(e.Retry.RetryAfter); a != b {
		d.add(at("/retry/retry_after"), Breaking, s, "Retry-After policy changed from %s to %s", a, b)
	}
	d.headers(s, o.Headers, e.Headers,
		func(i int) catalog.Pos { return was(fmt.Sprintf("/headers/%d", i)) },
		func(i int) catalog.Pos { return at(fmt.Sprintf("/headers/%d", i)) })
	d.members(s, o.Members, e.Members,
		func(i int) catalog.Pos { return was(fmt.Sprintf("/members/%d", i)) },
		func(i int) catalog.Pos { return at(fmt.Sprintf("/members/%d", i)) })
	d.params(o, e)
	d.aliases(o, e)
	d.lifecycle(o, e)
	d.relations(o, e)
	if edited := textEdits(o, e); len(edited) > 0 {
		d.add(at("/"+strings.ReplaceAll(edited[0], ".", "/")), Compatible, s, "text edited: %s", strings.Join(edited, ", "))
	}
}

func retryAfter(r catalog.RetryAfter) string {
	switch {
	case r.Policy == catalog.RetryAfterNone:
		return "none"
	case r.Breaker:
		return fmt.Sprintf("%s (breaker, %d..%d s)", r.Policy, r.Min, r.Max)
	}
	return fmt.Sprintf("%s (%d..%d s)", r.Policy, r.Min, r.Max)
}

// headers: dropping a required header breaks clients that read it.
func (d *differ) headers(slug string, old, new []catalog.Header, was, at func(int) catalog.Pos) {
	find := func(hs []catalog.Header, name string) int {
		return slices.IndexFunc(hs, func(h catalog.Header) bool { return strings.EqualFold(h.Name, name) })
	}
	for i, h := range old {
		j := find(new, h.Name)
		switch {
		case j < 0 && h.Required:
			d.add(was(i), Breaking, slug, "required header %s dropped", h.Name)
		case j < 0:
			d.add(was(i), Compatible, slug, "optional header %s dropped", h.Name)
		case h.Required && !new[j].Required:
			d.add(at(j), Breaking, slug, "header %s is no longer required", h.Name)
		case !h.Required && new[j].Required:
			d.add(at(j), Compatible, slug, "header %s is now always sent", h.Name)
		}
	}
	for j, h := range new {
		if find(old, h.Name) < 0 {
			d.add(at(j), Compatible, slug, "header %s added", h.Name)
		}
	}
}

// members: clients read members by name and type; a new required one
// breaks whoever validates bodies against the old schema's rules.
func (d *differ) members(slug string, old, new []catalog.Member, was, at func(int) catalog.Pos) {
	find := func(ms []catalog.Member, name string) int {
		return slices.IndexFunc(ms, func(m catalog.Member) bool { return m.Name == name })
	}
	for i, m := range old {
		j := find(new, m.Name)
		if j < 0 {
			d.add(was(i), Breaking, slug, "member %s removed%s", m.Name, renamedMember(m, old, new))
			continue
		}
		n, p := new[j], at(j)
		if m.Type != n.Type || m.Format != n.Format {
			d.add(p, Breaking, slug, "member %s retyped from %s to %s", m.Name, memberType(m), memberType(n))
		}
		if !m.Required && n.Required {
			d.add(p, Breaking, slug, "member %s is newly required", m.Name)
		} else if m.Required && !n.Required {
			d.add(p, Breaking, slug, "member %s is no longer required (clients that read it may not find it)", m.Name)
		}
		d.enum(slug, p, m, n)
	}
	for j, n := range new {
		if find(old, n.Name) >= 0 {
			continue
		}
		if n.Required {
			d.add(at(j), Breaking, slug, "required member %s added", n.Name)
		} else {
			d.add(at(j), Compatible, slug, "optional member %s added", n.Name)
		}
	}
}

// renamedMember names a new member of the same type, a likely rename.
func renamedMember(m catalog.Member, old, new []catalog.Member) string {
	for _, n := range new {
		if n.Type == m.Type && !slices.ContainsFunc(old, func(o catalog.Member) bool { return o.Name == n.Name }) {
			return " (renamed to " + n.Name + "?)"
		}
	}
	return ""
}

func memberType(m catalog.Member) string {
	if m.Format != "" {
		return m.Type + " (" + m.Format + ")"
	}
	return m.Type
}

func (d *differ) enum(slug string, p catalog.Pos, m, n catalog.Member) {
	switch {
	case len(m.Enum) == 0 && len(n.Enum) > 0:
		d.add(p, Breaking, slug, "member %s is now restricted to %s", m.Name, strings.Join(n.Enum, ", "))
		return
	case len(m.Enum) > 0 && len(n.Enum) == 0:
		d.add(p, Compatible, slug, "member %s is no longer restricted to an enum", m.Name)
		return
	}
	for _, v := range m.Enum {
		if !slices.Contains(n.Enum, v) {
			d.add(p, Breaking, slug, "member %s: enum value %s removed", m.Name, v)
		}
	}
	for _, v := range n.Enum {
		if !slices.Contains(m.Enum, v) {
			d.add(p, Compatible, slug, "member %s: enum value %s added", m.Name, v)
		}
	}
}

// params: the detail parameters are the Go constructor's parameters, in
// order, so any change to names, types or order changes its signature.
func (d *differ) params(o, e *catalog.Entry) {
	sig := func(ps []catalog.Param) string {
		parts := make([]string, len(ps))
		for i, p := range ps {
			parts[i] = p.Name + " " + string(p.Type)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	a, b := sig(o.Detail.Params), sig(e.Detail.Params)
	if a == b {
		return
	}
	what := paramChange(o.Detail.Params, e.Detail.Params)
	d.add(d.new.PosOf(e, "/detail/params"), Breaking, e.Slug, "detail parameters %s: New%s%s becomes New%s%s",
		what, catalog.GoName(e.Slug), a, catalog.GoName(e.Slug), b)
}

// paramChange says in words what happened to the parameters.
func paramChange(old, new []catalog.Param) string {
	byName := func(ps []catalog.Param, name string) (catalog.Param, bool) {
		i := slices.IndexFunc(ps, func(p catalog.Param) bool { return p.Name == name })
		if i < 0 {
			return catalog.Param{}, false
		}
		return ps[i], true
	}
	var words []string
	for _, p := range old {
		if n, ok := byName(new, p.Name); !ok {
			words = append(words, p.Name+" removed")
		} else if n.Type != p.Type {
			words = append(words, fmt.Sprintf("%s retyped from %s to %s", p.Name, p.Type, n.Type))
		}
	}
	for _, p := range new {
		if _, ok := byName(old, p.Name); !ok {
			words = append(words, p.Name+" added")
		}
	}
	if len(words) == 0 {
		return "reordered"
	}
	if len(old) == len(new) && len(words) == 2 && strings.HasSuffix(words[0], " removed") && strings.HasSuffix(words[1], " added") {
		return "renamed (" + strings.TrimSuffix(words[0], " removed") + " → " + strings.TrimSuffix(words[1], " added") + ")"
	}
	return strings.Join(words, ", ")
}

// aliases: an old slug that stops resolving breaks whoever follows it.
func (d *differ) aliases(o, e *catalog.Entry) {
	for i, a := range o.Aliases {
		if slices.Contains(e.Aliases, a) {
			continue
		}
		if _, dead := tombstone(d.new, a); dead || d.newBy[a] != nil || aliasOwner(d.new, a) != nil {
			continue // a tombstone, an error or another alias takes the slug over
		}
		d.add(d.old.PosOf(o, fmt.Sprintf("/aliases/%d", i)), Breaking, e.Slug, "alias %s removed: that type URI no longer resolves", a)
	}
	for i, a := range e.Aliases {
		if !slices.Contains(o.Aliases, a) && d.oldBy[a] == nil {
			d.add(d.new.PosOf(e, fmt.Sprintf("/aliases/%d", i)), Compatible, e.Slug, "alias %s added", a)
		}
	}
}

// lifecycle: deprecation and since are news, never breaks.
func (d *differ) lifecycle(o, e *catalog.Entry) {
	switch od, nd := o.Deprecated, e.Deprecated; {
	case od == nil && nd != nil:
		d.add(d.new.PosOf(e, "/deprecated"), Compatible, e.Slug, "deprecated in %s%s", nd.Version, use(nd.ReplacedBy))
	case od != nil && nd == nil:
		d.add(d.new.PosOf(e, "/slug"), Compatible, e.Slug, "no longer deprecated")
	case od != nil && *od != *nd:
		d.add(d.new.PosOf(e, "/deprecated"), Compatible, e.Slug, "deprecation changed")
	}
	if o.Since != e.Since && o.Since != "" {
		d.add(d.new.PosOf(e, "/since"), Compatible, e.Slug, "since changed from %s to %s", o.Since, e.Since)
	}
}

// relations are documentation: new, dropped or changed, all compatible.
func (d *differ) relations(o, e *catalog.Entry) {
	key := relationKey
	for i, r := range e.Related {
		if !slices.ContainsFunc(o.Related, func(x catalog.Relation) bool { return key(x) == key(r) }) {
			d.add(d.new.PosOf(e, fmt.Sprintf("/related/%d", i)), Compatible, e.Slug, "relation added: %s", key(r))
		}
	}
	for i, r := range o.Related {
		if !slices.ContainsFunc(e.Related, func(x catalog.Relation) bool { return key(x) == key(r) }) {
			d.add(d.old.PosOf(o, fmt.Sprintf("/related/%d", i)), Compatible, e.Slug, "relation dropped: %s", key(r))
		}
	}
}

// textEdits names the prose fields that differ, in file order.
func textEdits(o, e *catalog.Entry) []string {
	var out []string
	check := func(name string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			out = append(out, name)
		}
	}
	check("summary", o.Summary, e.Summary)
	check("when", o.When, e.When)
	check("causes", o.Causes, e.Causes)
	check("resolve", o.Resolve, e.Resolve)
	check("retry.backoff", o.Retry.Backoff, e.Retry.Backoff)
	check("retry.retry_after.when", o.Retry.RetryAfter.When, e.Retry.RetryAfter.When)
	check("detail.template", o.Detail.Template, e.Detail.Template)
	params, members := text(o, e)
	check("detail.params", params[0], params[1])
	check("members", members[0], members[1])
	check("example", o.Example, e.Example)
	check("related", shared(o.Related, e.Related, relationKey, relationNote), shared(e.Related, o.Related, relationKey, relationNote))
	return out
}

// text compares the descriptions of what both sides have: additions and
// removals are changes of their own.
func text(o, e *catalog.Entry) (params, members [2]map[string]string) {
	pn := func(p catalog.Param) string { return p.Name }
	pd := func(p catalog.Param) string { return p.Description }
	mn := func(m catalog.Member) string { return m.Name }
	md := func(m catalog.Member) string { return m.Description }
	params = [2]map[string]string{shared(o.Detail.Params, e.Detail.Params, pn, pd), shared(e.Detail.Params, o.Detail.Params, pn, pd)}
	members = [2]map[string]string{shared(o.Members, e.Members, mn, md), shared(e.Members, o.Members, mn, md)}
	return params, members
}

// shared maps key to text for the items of a whose key b has too.
func shared[T any](a, b []T, key, text func(T) string) map[string]string {
	in := map[string]bool{}
	for _, x := range b {
		in[key(x)] = true
	}
	m := map[string]string{}
	for _, x := range a {
		if in[key(x)] {
			m[key(x)] = text(x)
		}
	}
	return m
}

func relationKey(r catalog.Relation) string  { return r.Slug + " (" + string(r.Kind) + ")" }
func relationNote(r catalog.Relation) string { return r.Note }
