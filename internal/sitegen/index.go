package sitegen

import (
	"cmp"
	"encoding/xml"
	"slices"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// indexPage is what templates/index.html renders.
type indexPage struct {
	Meta   meta
	Name   string
	Total  int
	Groups []indexGroup
	// Compare is the server errors' comparison table most worth a
	// shortcut from the top (502/503/504 in AnkaSecure); nil when none.
	Compare *compareLink
}

// compareLink leads to an error page's "Compared with similar errors".
type compareLink struct {
	Href     string
	Statuses string // "502, 503 and 504"
}

// indexGroup is one status class: a table of its own, so the quick
// reference reads "client errors, then server errors" without scripts.
type indexGroup struct {
	ID, Heading, Short, Intro string
	Rows                      []indexRow
}

type indexRow struct {
	Status    string
	Chip      string
	StatusKey int
	Reason    string
	Title     string
	Slug      string
	Href      string
	Summary   string
	Retry     string
	RetryKey  string
}

func (r *builder) indexPage(w *worker, out *pageFiles) {
	m, err := r.withChrome(meta{Title: r.c.Name + " error reference", SiteName: r.c.Name, Prefix: "../errors/",
		Canonical: r.c.BaseURI, Home: true,
		Description: "Every problem type the " + r.c.Name + " APIs answer with: status, meaning, whether to retry."})
	if err != nil {
		out.add("errors/index.html", nil, err)
		return
	}
	p := indexPage{Meta: m, Name: r.c.Name, Total: len(r.c.Errors)}
	client := indexGroup{ID: "client-errors", Heading: "Client errors (4xx)", Short: "4xx client errors",
		Intro: "The request, its credentials or the account must change before it can succeed, unless the row says otherwise."}
	server := indexGroup{ID: "server-errors", Heading: "Server errors (5xx)", Short: "5xx server errors",
		Intro: "The platform failed to complete a request that may well have been valid."}
	for _, e := range r.c.Errors {
		row := indexRow{Status: e.Status.String(), StatusKey: statusSortKey(e.Status), Reason: reason(e.Status),
			Title: e.Title, Slug: e.Slug, Href: href("../errors/", e.Slug), Summary: e.Summary,
			Retry: retryWord(e.Retry.Retryable), RetryKey: retryKey(e.Retry.Retryable)}
		row.Chip = chip(row.Status)
		if e.Status.ClassDigit() == 5 {
			server.Rows = append(server.Rows, row)
		} else {
			client.Rows = append(client.Rows, row)
		}
	}
	for _, g := range []indexGroup{client, server} {
		slices.SortStableFunc(g.Rows, func(a, b indexRow) int {
			return cmp.Or(cmp.Compare(a.StatusKey, b.StatusKey), cmp.Compare(a.Slug, b.Slug))
		})
		if len(g.Rows) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	p.Compare = serverCompare(r.c)
	page, err := r.exec(w, "index.html", p)
	out.add("errors/index.html", page, err)
}

// serverCompare picks the server error with the most siblings (the
// lowest status, then slug, on a tie): its comparison table is the one a
// reader of the index most needs, 502 vs 503 vs 504 in AnkaSecure.
func serverCompare(c *catalog.Catalog) *compareLink {
	var best *catalog.Error
	var bestSiblings []*catalog.Error
	for _, e := range c.Errors {
		var sib []*catalog.Error
		for _, rel := range e.Related {
			if o := find(c, rel.Slug); rel.Kind == catalog.Sibling && o != nil {
				sib = append(sib, o)
			}
		}
		if e.Status.ClassDigit() != 5 || len(sib) == 0 {
			continue
		}
		if best == nil || len(sib) > len(bestSiblings) ||
			(len(sib) == len(bestSiblings) && statusSortKey(e.Status) < statusSortKey(best.Status)) {
			best, bestSiblings = e, sib
		}
	}
	if best == nil {
		return nil
	}
	var statuses []string
	for _, e := range append(bestSiblings, best) {
		statuses = append(statuses, e.Status.String())
	}
	slices.SortFunc(statuses, func(a, b string) int { return cmp.Compare(statusKey(a), statusKey(b)) })
	statuses = slices.Compact(statuses)
	last := len(statuses) - 1
	list := statuses[0]
	if last > 0 {
		list = strings.Join(statuses[:last], ", ") + " and " + statuses[last]
	}
	return &compareLink{Href: href("../errors/", best.Slug) + "#compare", Statuses: list}
}

// sitemap lists the index and every page at its canonical URL: the type
// URI itself, without a trailing slash. Aliases are left out; they redirect.
func sitemap(c *catalog.Catalog) []byte {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: []url{{Loc: c.BaseURI}}}
	for _, e := range c.Errors {
		set.URLs = append(set.URLs, url{Loc: e.URI()})
	}
	out, _ := xml.MarshalIndent(set, "", "  ") // plain strings cannot fail to marshal
	return append(append([]byte(xml.Header), out...), '\n')
}

// redirects is a _redirects file (Netlify and Cloudflare Pages syntax,
// also read by errgen serve): a real 301 from every old slug to its type
// URI, where the host supports it; elsewhere the alias pages do the job.
func redirects(c *catalog.Catalog) []byte {
	var b strings.Builder
	b.WriteString("# Old error slugs, moved permanently to their current type URI. Generated by errgen.\n")
	for _, e := range c.Errors {
		for _, a := range e.Aliases {
			b.WriteString("/errors/" + a + " /errors/" + e.Slug + " 301\n")
			b.WriteString("/errors/" + a + "/ /errors/" + e.Slug + " 301\n")
		}
	}
	return []byte(b.String())
}
