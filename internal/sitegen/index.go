package sitegen

import (
	"cmp"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// indexPage is what templates/index.html renders.
type indexPage struct {
	Meta  meta
	Name  string
	Total int
	// Version is the catalog's version; the index links the changelog then.
	Version string
	Groups  []indexGroup
	// Formats leads to the formats page, "" when the catalog has none.
	Formats string
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
	// Service is the service that defines the error, nil for the platform.
	Service *catalog.Service
}

func (r *builder) indexPage(w *worker, out *pageFiles) {
	m, err := r.withChrome(meta{Title: r.c.Name + " error reference", SiteName: r.c.Name, Prefix: "../errors/",
		Canonical: r.c.BaseURI, Home: true,
		Description: "Every problem type the " + r.c.Name + " APIs answer with: status, meaning, whether to retry."})
	if err != nil {
		out.add("errors/index.html", nil, err)
		return
	}
	p := indexPage{Meta: m, Name: r.c.Name, Total: len(r.c.Errors), Version: r.c.Version}
	if r.c.Formats != nil {
		p.Formats = "../errors/" + formatsPath
	}
	client := indexGroup{ID: "client-errors", Heading: "Client errors (4xx)", Short: "4xx client errors",
		Intro: "The request, its credentials or the account must change before it can succeed, unless the row says otherwise."}
	server := indexGroup{ID: "server-errors", Heading: "Server errors (5xx)", Short: "5xx server errors",
		Intro: "The platform failed to complete a request that may well have been valid."}
	for _, e := range r.c.Errors {
		row := indexRow{Status: e.Status.String(), StatusKey: statusSortKey(e.Status), Reason: reason(e.Status),
			Title: e.Title, Slug: e.Slug, Href: href("../errors/", e.Slug), Summary: e.Summary,
			Retry: retryWord(e.Retry.Retryable), RetryKey: retryKey(e.Retry.Retryable), Service: e.Service}
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

// serverCompare picks the server error whose comparison table is the one
// a reader of the index most needs: the one covering the most distinct
// statuses, then the closest together (neighbouring codes are the ones
// confused: 502, 503 and 504 in AnkaSecure), then the most errors.
func serverCompare(c *catalog.Catalog) *compareLink {
	type group struct {
		e        *catalog.Entry
		statuses []string
		size     int
	}
	var best *group
	for _, e := range c.Errors {
		if e.Status.ClassDigit() != 5 || e.Status.Code == 0 {
			continue
		}
		codes, size := []int{e.Status.Code}, 1
		for _, rel := range e.Related {
			if o := find(c, rel.Slug); rel.Kind == catalog.Sibling && o != nil && o.Status.Code != 0 {
				codes, size = append(codes, o.Status.Code), size+1
			}
		}
		slices.Sort(codes)
		codes = slices.Compact(codes)
		if len(codes) < 2 {
			continue
		}
		g := &group{e: e, size: size}
		for _, code := range codes {
			g.statuses = append(g.statuses, strconv.Itoa(code))
		}
		// The best table compares the most statuses that follow each other
		// (502, 503, 504 rather than 500, 502, 503, 504), then the most rows.
		gaps := func(g *group) int {
			return statusNum(g.statuses[len(g.statuses)-1]) - statusNum(g.statuses[0]) - (len(g.statuses) - 1)
		}
		score := func(g *group) int { return len(g.statuses) - gaps(g) }
		if best == nil || cmp.Or(cmp.Compare(score(g), score(best)), cmp.Compare(gaps(best), gaps(g)),
			cmp.Compare(g.size, best.size)) > 0 {
			best = g
		}
	}
	if best == nil {
		return nil
	}
	last := len(best.statuses) - 1
	list := strings.Join(best.statuses[:last], ", ") + " and " + best.statuses[last]
	return &compareLink{Href: href("../errors/", best.e.Slug) + "#compare", Statuses: list}
}

func statusNum(s string) int { n, _ := strconv.Atoi(s); return n }

// sitemap lists the index and every page at its canonical URL: the type
// URI itself, without a trailing slash. Aliases are left out; they redirect.
func sitemap(c *catalog.Catalog) []byte {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"` // the date of the release that last changed the page
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: []url{{Loc: c.BaseURI, LastMod: catalogDate(c)}}}
	for _, e := range c.Errors {
		set.URLs = append(set.URLs, url{Loc: e.URI(), LastMod: lastmod(c, e)})
	}
	if c.Version != "" {
		set.URLs = append(set.URLs, url{Loc: c.BaseURI + changelogSlug, LastMod: catalogDate(c)})
	}
	if c.Formats != nil {
		set.URLs = append(set.URLs, url{Loc: c.BaseURI + catalog.FormatsSlug})
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
	b.WriteString(goneRules(c))
	return []byte(b.String())
}
