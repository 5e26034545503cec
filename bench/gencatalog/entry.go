package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// generator draws entries from the vocabulary with one seeded PRNG, so
// the output depends only on the seed and N.
type generator struct {
	rng  *rand.Rand
	hdr  *catalog.Catalog
	used map[string]bool // slugs and aliases
	// idents are the Go identifiers the generated package would declare
	// (mirrors internal/gogen.Check), so no slug or member clashes.
	idents map[string]bool
}

func newGenerator(rng *rand.Rand, hdr *catalog.Catalog) *generator {
	g := &generator{rng: rng, hdr: hdr, used: map[string]bool{}, idents: map[string]bool{}}
	for _, id := range []string{"All", "Lookup", "Validate", "Upstream", "Upstreams"} {
		g.idents[id] = true
	}
	for _, u := range hdr.Upstreams {
		g.idents[catalog.GoName(u.Name)] = true
	}
	// Reserve the header's own slugs too, in case it is merged with them.
	for _, e := range hdr.Errors {
		g.used[e.Slug] = true
	}
	return g
}

// shape is the parts an entry is built from.
type shape struct {
	subj  subject
	qual  string
	cond  condition
	slug  string
	title string
}

func (g *generator) pick(n int) int { return g.rng.IntN(n) }

func (g *generator) catalog(n int) *catalogDoc {
	doc := &catalogDoc{Name: g.hdr.Name, BaseURI: g.hdr.BaseURI, BreakerOpenWait: g.hdr.BreakerOpenWait}
	for _, u := range g.hdr.Upstreams {
		doc.Upstreams = append(doc.Upstreams, upstreamDoc{u.Name, u.Description})
	}
	if len(g.hdr.Common.Headers)+len(g.hdr.Common.Members) > 0 {
		doc.Common = &commonDoc{}
		for _, h := range g.hdr.Common.Headers {
			doc.Common.Headers = append(doc.Common.Headers, headerDoc{h.Name, h.Required, h.Example, h.Description})
		}
		for _, m := range g.hdr.Common.Members {
			doc.Common.Members = append(doc.Common.Members, memberDoc{m.Name, m.Type, m.Format, m.Enum, m.Required, m.Description})
		}
	}
	shapes := make([]shape, n)
	for i := range shapes {
		shapes[i] = g.shape()
	}
	for _, s := range shapes {
		doc.Errors = append(doc.Errors, g.entry(s))
	}
	g.aliases(doc.Errors)
	newRelater(g.rng, shapes, doc.Errors).relate()
	return doc
}

// shape draws an unused subject × qualifier × condition whose Go names
// are all free; past the combinations, a numeric suffix keeps it unique.
func (g *generator) shape() shape {
	for attempt := 0; ; attempt++ {
		s := shape{subj: subjects[g.pick(len(subjects))], cond: conditions[g.pick(len(conditions))]}
		words := []string{}
		if g.pick(4) > 0 {
			s.qual = qualifiers[g.pick(len(qualifiers))]
			words = append(words, s.qual)
		}
		words = append(words, s.subj.slug, s.cond.slug)
		if attempt > 50 {
			words = append(words, strconv.Itoa(attempt))
		}
		s.slug = strings.Join(words, "-")
		if g.used[s.slug] || !g.claim(s.slug) {
			continue
		}
		g.used[s.slug] = true
		s.title = titleCase(strings.Join(words[:len(words)-1], "-")) + " " + s.cond.title
		if attempt > 50 {
			s.title = titleCase(strings.Join(words[:len(words)-2], "-")) + " " + s.cond.title + " " + words[len(words)-1]
		}
		return s
	}
}

// claim reserves the identifiers gogen declares for a slug.
func (g *generator) claim(slug string) bool {
	name := catalog.GoName(slug)
	ids := []string{name, "New" + name, "Is" + name, "schema" + name}
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

func titleCase(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if up, ok := initialisms[w]; ok {
			words[i] = up
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func (g *generator) entry(s shape) *entryDoc {
	name := s.subj.name
	if up, ok := initialisms[s.qual]; ok {
		name = up + " " + name
	} else if s.qual != "" {
		name = s.qual + " " + name
	}
	e := &entryDoc{
		Slug:    s.slug,
		Title:   s.title,
		Status:  s.cond.status,
		Summary: fmt.Sprintf("The %s you referenced %s.", name, strings.ReplaceAll(s.cond.phrase, "`", "")),
		When:    g.when(s, name),
		Causes:  g.items(causeTemplates, s, name, 3+g.pick(4)),
		Resolve: g.items(resolveTemplates, s, name, 3+g.pick(4)),
		Retry:   g.retry(s.cond),
	}
	if h := s.cond.header; h != nil {
		e.Headers = []headerDoc{*h}
	}
	params, values := g.detail(s, e)
	e.Members = g.members(s, e)
	e.Example = g.example(s, e, params, values)
	return e
}

// when is two or three paragraphs with emphasis, inline code, a link and a list.
func (g *generator) when(s shape, name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, whenOpeners[g.pick(len(whenOpeners))]+" ", name, s.cond.phrase)
	fmt.Fprintf(&b, "The check runs *before* any change is made, so the request had no effect;\nthe `%s` field of the request is what the service looked up.\n\n", s.subj.field)
	fmt.Fprintf(&b, "Problem details follow %s: read `type` to tell this error apart, and\n`detail` for the specific %s. This happens most often when:\n\n", links[g.pick(len(links))], s.subj.name)
	for _, c := range g.items(causeTemplates, s, name, 2+g.pick(2)) {
		b.WriteString("- " + c + "\n")
	}
	if s.cond.retryable != "yes" && g.pick(2) == 0 {
		fmt.Fprintf(&b, "\nA **%s** response is final for this request: sending it again unchanged gives the same answer\nunless the %s changes in between.\n", statusText(s.cond.status), s.subj.name)
	}
	return b.String()
}

func statusText(status any) string { return fmt.Sprint(status) }

// items fills n distinct templates, in a random order.
func (g *generator) items(templates []string, s shape, name string, n int) []string {
	out := make([]string, 0, n)
	for _, i := range g.rng.Perm(len(templates))[:n] {
		r := strings.NewReplacer("$field", s.subj.field, "$name", name, "$phrase", s.cond.phrase, "$path", s.subj.path)
		out = append(out, r.Replace(templates[i]))
	}
	return out
}

func (g *generator) retry(c condition) retryDoc {
	r := retryDoc{Retryable: c.retryable}
	if c.retryable == "yes" {
		r.Backoff = "Exponential, starting at 1 s and doubling (1 s, 2 s, 4 s), with *jitter*."
	}
	if c.ra != nil {
		a := *c.ra
		a.When = fmt.Sprintf("Sent when the service knows how long the condition lasts: a whole number of seconds\nfrom %d to %d. No header means it cannot tell; back off exponentially.\n", a.Min, a.Max)
		r.RetryAfter = &a
	}
	return r
}
