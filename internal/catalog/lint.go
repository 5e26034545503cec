package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ankatech/errgen/internal/par"
)

// at returns the position of a node under an entry ("/retry/retry_after"),
// or of its nearest ancestor when the node is absent.
func (c *Catalog) at(e *Entry, sub string) Pos {
	n, _ := e.pos.find(sub)
	return n.pos(e.File)
}

// PosOf is the position of a node under an entry, e.g. "/example/body",
// for checks outside this package that must point at the catalog.
func (c *Catalog) PosOf(e *Entry, sub string) Pos { return c.at(e, sub) }

// lint adds c's mistakes to e. known are slugs of entries left out of c
// for mistakes of their own (no relation to them is missing); partial
// says c is what loaded of a file with mistakes outside its entries,
// where only the checks across entries are run, since an entry's own
// checks read the top level (upstreams, common headers and members).
func lint(c *Catalog, e *errs, known map[string]bool, partial bool) {
	l := &linter{c: c, errs: e, bySlug: map[string]*Entry{}, known: known}
	l.unique()
	l.history()
	l.cycles()
	l.glance(partial)
	l.services(partial)
	if !partial {
		l.commonMembers()
	}
	// Entries are checked one by one, so on every core, each worker with
	// its own messages: they are sorted in the end anyway.
	part := make([]*linter, par.Workers(len(c.Errors)))
	par.Do(len(c.Errors), func(w, i int) bool {
		if part[w] == nil {
			part[w] = &linter{c: c, errs: &errs{}, bySlug: l.bySlug, known: known}
		}
		if !partial {
			part[w].entry(c.Errors[i])
		}
		part[w].relations(c.Errors[i])
		return true
	})
	var missing []Diagnostic
	for _, p := range part {
		if p != nil {
			e.merge(p.errs)
			missing = append(missing, p.missing...)
		}
	}
	l.suggest(missing)
}

// suggest reports relations to missing slugs, the first MaxMessages of
// them (in file order: no later one can be shown) with the nearest
// existing slug, so that thousands of them cost no more than a few.
func (l *linter) suggest(missing []Diagnostic) {
	slices.SortFunc(missing, compareDiag)
	slugs := slices.Sorted(maps.Keys(l.bySlug))
	for i, d := range missing {
		hint := ""
		if i < MaxMessages {
			hint = didYouMean(d.Msg, slugs)
		}
		l.errs.at(d.Pos, "related error %q does not exist%s", d.Msg, hint)
	}
}

// reservedSlugs would give an error's schema (SLUG.schema.json) or page
// (errors/SLUG/) the name of a file errgen writes beside it; the value
// says which.
var reservedSlugs = map[string]string{
	"problem":   "the schema folder's problem.schema.json is the RFC 9457 base schema",
	"changelog": "errors/changelog/ is the site's changelog page",
}

type linter struct {
	c      *Catalog
	errs   *errs
	bySlug map[string]*Entry
	known  map[string]bool
	// missing are relations to no slug, as the position and the slug.
	missing []Diagnostic
}

// unique checks slugs, aliases and Go names across the whole catalog
// (all files), so a service-local error cannot shadow a platform one.
func (l *linter) unique() {
	goNames := map[string]*Entry{}
	aliases := map[string]*Entry{}
	for _, e := range l.c.Errors {
		if !slugRE.MatchString(e.Slug) {
			l.errs.at(l.c.at(e, "/slug"), "slug %q: use lowercase letters and digits separated by single - or _ (it is a URL path segment)", e.Slug)
		}
		if why, ok := reservedSlugs[e.Slug]; ok {
			l.errs.at(l.c.at(e, "/slug"), "slug %q is reserved: %s", e.Slug, why)
		}
		if prev, dup := l.bySlug[e.Slug]; dup {
			l.errs.at(l.c.at(e, "/slug"), "duplicate slug %q (first at %s)", e.Slug, l.c.at(prev, "/slug"))
			continue
		}
		l.bySlug[e.Slug] = e
		name := GoName(e.Slug)
		if prev, dup := goNames[name]; dup {
			l.errs.at(l.c.at(e, "/slug"), "slug %q gives the Go name %s, as %q does (at %s)", e.Slug, name, prev.Slug, l.c.at(prev, "/slug"))
		}
		goNames[name] = e
	}
	for _, e := range l.c.Errors {
		for i, a := range e.Aliases {
			p := l.c.at(e, fmt.Sprintf("/aliases/%d", i))
			switch prev, dupAlias := aliases[a]; {
			case !slugRE.MatchString(a):
				l.errs.at(p, "alias %q: use lowercase letters and digits separated by single - or _", a)
			case l.bySlug[a] != nil:
				l.errs.at(p, "alias %q collides with the slug of %q", a, l.bySlug[a].Title)
			case dupAlias:
				l.errs.at(p, "alias %q is already an alias of %q", a, prev.Slug)
			}
			aliases[a] = e
		}
	}
	ups := map[string]Upstream{}
	upNames := map[string]Upstream{}
	for _, u := range l.c.Upstreams {
		if prev, dup := ups[u.Name]; dup {
			l.errs.at(u.pos, "upstream %q is declared twice (first at %s)", u.Name, prev.pos)
			continue
		}
		ups[u.Name] = u
		name := GoName(u.Name)
		if prev, dup := upNames[name]; dup {
			l.errs.at(u.pos, "upstream %q gives the Go name %s, as %q does (at %s)", u.Name, name, prev.Name, prev.pos)
		}
		upNames[name] = u
	}
}

func (l *linter) entry(e *Entry) {
	l.status(e)
	l.retry(e)
	l.headers(e)
	l.members(e)
	l.detail(e)
	l.example(e)
}

func (l *linter) status(e *Entry) {
	s := e.Status
	switch {
	case s.Class != "" && s.Class != "4xx" && s.Class != "5xx":
		l.errs.at(l.c.at(e, "/status"), "status %q: use a code from 400 to 599, or 4xx/5xx for a catch-all", s.Class)
	case s.Class == "" && (s.Code < 400 || s.Code > 599):
		l.errs.at(l.c.at(e, "/status"), "status %d is not an error status (use 400 to 599)", s.Code)
	}
}

func (l *linter) retry(e *Entry) {
	ra := e.Retry.RetryAfter
	p := l.c.at(e, "/retry/retry_after")
	if ra.Policy == RetryAfterNone || ra.Policy == "" {
		if ra.Breaker || ra.Min != 0 || ra.Max != 0 {
			l.errs.at(p, "retry_after has bounds but its policy is none")
		}
		return
	}
	if e.Retry.Retryable != Retryable {
		l.errs.at(p, "Retry-After (policy %s) on an error that is not retryable (retryable: %s)", ra.Policy, e.Retry.Retryable)
	}
	limit := 0
	if ra.Breaker {
		limit = l.c.BreakerOpenWait
	}
	maxv := ra.Max
	if maxv == 0 {
		maxv = limit
	}
	minv := max(ra.Min, 0)
	if ra.Min == 0 {
		minv = 1
	}
	switch {
	case maxv == 0:
		l.errs.at(p, "Retry-After needs an upper bound: set max, or breaker: true to use breaker_open_wait")
	case ra.Min != 0 && ra.Min < 1:
		l.errs.at(l.c.at(e, "/retry/retry_after/min"), "Retry-After min %d is below 1 second", ra.Min)
	case minv > maxv:
		l.errs.at(l.c.at(e, "/retry/retry_after/min"), "Retry-After min %d is above max %d", minv, maxv)
	case limit > 0 && maxv > limit:
		l.errs.at(l.c.at(e, "/retry/retry_after/max"), "Retry-After max %d exceeds the breaker's open-state wait (%d s)", maxv, limit)
	}
}

// reservedHeaders are set by the runtime from other parts of the catalog.
var reservedHeaders = map[string]string{
	"retry-after":  "retry.retry_after",
	"content-type": "the runtime (application/problem+json)",
}

func (l *linter) headers(e *Entry) {
	seen := map[string]bool{}
	for _, h := range l.c.Common.Headers {
		seen[strings.ToLower(h.Name)] = true
	}
	for i, h := range e.Headers {
		p := l.c.at(e, fmt.Sprintf("/headers/%d/name", i))
		k := strings.ToLower(h.Name)
		if by, ok := reservedHeaders[k]; ok {
			l.errs.at(p, "header %s is set by %s; do not list it", h.Name, by)
		} else if seen[k] {
			l.errs.at(p, "header %s is declared twice (or is common to every error)", h.Name)
		}
		seen[k] = true
	}
}

// standardMembers are RFC 9457's own; an extension may not reuse them.
var standardMembers = map[string]bool{"type": true, "title": true, "status": true, "detail": true, "instance": true}

func (l *linter) members(e *Entry) {
	seen := map[string]bool{}
	for _, m := range l.c.Common.Members {
		seen[m.Name] = true
	}
	for i, m := range e.Members {
		if msg, enum := memberMistake(m, seen); msg != "" {
			ptr := fmt.Sprintf("/members/%d/name", i)
			if enum {
				ptr = fmt.Sprintf("/members/%d/enum", i)
			}
			l.errs.at(l.c.at(e, ptr), "%s", msg)
		}
		seen[m.Name] = true
	}
}

// commonMembers checks the members every error carries as members() does
// an error's own: each is in every error's schema, and a standard name
// or a second declaration would make those schemas invalid.
func (l *linter) commonMembers() {
	seen := map[string]bool{}
	for i, m := range l.c.Common.Members {
		if msg, _ := memberMistake(m, seen); msg != "" {
			l.errs.at(l.c.commonAt[i], "%s", msg)
		}
		seen[m.Name] = true
	}
}

// memberMistake is what is wrong with an extension member declared after
// those in seen, and whether it is its enum.
func memberMistake(m Member, seen map[string]bool) (msg string, enum bool) {
	switch {
	case standardMembers[m.Name]:
		return fmt.Sprintf("extension member %q reuses an RFC 9457 member name", m.Name), false
	case !memberRE.MatchString(m.Name):
		return fmt.Sprintf("extension member %q: RFC 9457 advises names that start with a letter, use only letters, digits and _, and have at least 3 characters", m.Name), false
	case seen[m.Name]:
		return fmt.Sprintf("extension member %q is declared twice", m.Name), false
	case len(m.Enum) > 0 && m.Type != "string":
		return fmt.Sprintf("enum is only for string members (%q is %s)", m.Name, m.Type), true
	}
	return "", false
}

func (l *linter) detail(e *Entry) {
	params := map[string]Param{}
	for i, p := range e.Detail.Params {
		if _, dup := params[p.Name]; dup {
			l.errs.at(l.c.at(e, fmt.Sprintf("/detail/params/%d/name", i)), "parameter %q is declared twice", p.Name)
		}
		params[p.Name] = p
		if p.Type == ParamUpstream && len(l.c.Upstreams) == 0 {
			l.errs.at(l.c.at(e, fmt.Sprintf("/detail/params/%d/type", i)), "parameter %q is an upstream, but the catalog declares no upstreams", p.Name)
		}
	}
	used := map[string]bool{}
	tp := l.c.at(e, "/detail/template")
	for _, m := range placeholderRE.FindAllStringSubmatch(e.Detail.Template, -1) {
		if _, ok := params[m[1]]; !ok {
			l.errs.at(tp, "detail template placeholder {%s} is not a declared parameter", m[1])
		}
		used[m[1]] = true
	}
	if rest := placeholderRE.ReplaceAllString(e.Detail.Template, ""); strings.ContainsAny(rest, "{}") {
		l.errs.at(tp, "detail template has an unmatched brace")
	}
	for i, p := range e.Detail.Params {
		if !used[p.Name] {
			l.errs.at(l.c.at(e, fmt.Sprintf("/detail/params/%d/name", i)), "parameter %q is not used in the detail template", p.Name)
		}
	}
}

func (l *linter) relations(e *Entry) {
	seen := map[string]bool{}
	for i, r := range e.Related {
		p := l.c.at(e, fmt.Sprintf("/related/%d/slug", i))
		other, ok := l.bySlug[r.Slug]
		switch {
		case r.Slug == e.Slug:
			l.errs.at(p, "%q is related to itself", e.Slug)
			continue
		case !ok && l.known[r.Slug]:
			continue // it exists, with mistakes of its own
		case !ok:
			l.missing = append(l.missing, Diagnostic{Pos: p, Msg: r.Slug}) // reported by suggest
			continue
		case seen[r.Slug]:
			l.errs.at(p, "related error %q is listed twice", r.Slug)
			continue // its inverse is checked once
		}
		seen[r.Slug] = true
		want := inverse[r.Kind]
		if want == "" {
			continue
		}
		if !hasRelation(other, e.Slug, want) {
			l.errs.at(p, "%q lists %q as %s, but %q does not list %q as %s", e.Slug, r.Slug, r.Kind, r.Slug, e.Slug, want)
		}
	}
}

// inverse gives the kind the other side must declare; see-also is one-way.
var inverse = map[RelationKind]RelationKind{Sibling: Sibling, Broader: Narrower, Narrower: Broader}

func hasRelation(e *Entry, slug string, kind RelationKind) bool {
	for _, r := range e.Related {
		if r.Slug == slug && r.Kind == kind {
			return true
		}
	}
	return false
}
