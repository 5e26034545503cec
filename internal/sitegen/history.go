package sitegen

import (
	"html/template"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/templates"
)

// The catalog's history on the site: each error page says since when the
// error exists and when it last changed (catalog.LastChanged, which reads
// the history alone, so no older catalog is needed), a deprecated error
// carries a banner naming its replacement, each tombstone has a page at
// its slug, and errors/changelog/ lists the releases.

// changelogSlug is the changelog's folder under errors/ (a reserved slug).
const changelogSlug = "changelog"

// lifeView is what an error page shows of the error's history; empty for
// an unversioned catalog.
type lifeView struct {
	Since, SinceDate     string
	Changed, ChangedDate string
	// Changelog leads to the changelog page.
	Changelog  string
	Deprecated *deprecationView
}

type deprecationView struct {
	Version string
	Why     template.HTML
	// ReplacedBy is the replacement's slug, Href its page, Title its title.
	ReplacedBy, Href, Title string
}

// newLife builds the view of e's history for a page whose links start
// with prefix (the path to errors/).
func newLife(c *catalog.Catalog, e *catalog.Entry, prefix string, m *mdErr) lifeView {
	var v lifeView
	if c.Version != "" {
		changed := c.LastChanged(e)
		v = lifeView{Since: e.Since, SinceDate: c.ReleaseDate(e.Since), Changed: changed,
			ChangedDate: c.ReleaseDate(changed), Changelog: href(prefix, changelogSlug)}
	}
	if d := e.Deprecated; d != nil {
		v.Deprecated = &deprecationView{Version: d.Version, Why: m.inline(d.Why)}
		v.Deprecated.ReplacedBy, v.Deprecated.Href, v.Deprecated.Title = replacement(c, prefix, d.ReplacedBy)
	}
	return v
}

// replacement is the slug, link and title of a replacement, or nothing.
func replacement(c *catalog.Catalog, prefix, slug string) (string, string, string) {
	for _, e := range c.Errors {
		if e.Slug == slug {
			return slug, href(prefix, slug), e.Title
		}
	}
	return "", "", ""
}

// tombstonePage is what templates/tombstone.html renders.
type tombstonePage struct {
	Meta        meta
	T           catalog.Tombstone
	Title       string
	Date        string
	Why         template.HTML
	ReplacedBy  string
	Href        string
	ReplaceWith string // the replacement's title
	Changelog   string
}

// changelogPage is what templates/changelog.html renders.
type changelogPage struct {
	Meta     meta
	Name     string
	Version  string
	Releases []releaseView
}

type releaseView struct {
	Version, Date, Notes string
	// Major: the major version went up, so the release may break clients.
	Major                               bool
	First                               bool
	Added, Deprecated, Removed, Changed []slugLink
}

type slugLink struct {
	Slug, Title, Href string
}

// lifecyclePages renders the tombstone pages and the changelog.
func (r *builder) lifecyclePages(w *worker) {
	c := r.c
	for _, t := range c.Removed {
		path := "errors/" + t.Slug + "/index.html"
		title := t.Title
		if title == "" {
			title = t.Slug
		}
		m, err := r.withChrome(meta{Title: title + " (removed)", SiteName: c.Name, Prefix: "../../errors/",
			Canonical: c.BaseURI + t.Slug, Description: "This problem type was removed in version " + t.RemovedIn + "."})
		md := mdErr{w: w}
		p := tombstonePage{Meta: m, T: t, Title: title, Date: c.ReleaseDate(t.RemovedIn), Why: md.block(t.Why),
			Changelog: href(m.Prefix, changelogSlug)}
		p.ReplacedBy, p.Href, p.ReplaceWith = replacement(c, m.Prefix, t.ReplacedBy)
		if err == nil {
			err = md.err
		}
		if err != nil {
			r.add(path, nil, err)
			continue
		}
		page, err := r.exec(w, "tombstone.html", p)
		r.add(path, page, err)
	}
	if c.Version == "" {
		return
	}
	m, err := r.withChrome(meta{Title: c.Name + " error catalog changelog", SiteName: c.Name, Prefix: "../../errors/",
		Canonical: c.BaseURI + changelogSlug, Description: "Every release of the " + c.Name + " error catalog: what was added, changed, deprecated and removed."})
	if err != nil {
		r.add("errors/"+changelogSlug+"/index.html", nil, err)
		return
	}
	p := changelogPage{Meta: m, Name: c.Name, Version: c.Version, Releases: releases(c, m.Prefix)}
	page, err := r.exec(w, "changelog.html", p)
	r.add("errors/"+changelogSlug+"/index.html", page, err)
}

// releases lists the history, newest first, with what each release did
// by the catalog's own records: since, deprecated, removed_in, changes.
func releases(c *catalog.Catalog, prefix string) []releaseView {
	titles := map[string]string{}
	for _, e := range c.Errors {
		titles[e.Slug] = e.Title
	}
	link := func(slug string) slugLink {
		t := titles[slug]
		if t == "" {
			t = slug
		}
		return slugLink{Slug: slug, Title: t, Href: href(prefix, slug)}
	}
	out := make([]releaseView, 0, len(c.History))
	for i, h := range c.History {
		v := releaseView{Version: h.Version, Date: h.Date, Notes: h.Notes, First: i == len(c.History)-1}
		if !v.First {
			v.Major = catalog.Major(h.Version) != catalog.Major(c.History[i+1].Version)
		}
		for _, e := range c.Errors {
			if e.Since == h.Version {
				v.Added = append(v.Added, link(e.Slug))
			}
			if e.Deprecated != nil && e.Deprecated.Version == h.Version {
				v.Deprecated = append(v.Deprecated, link(e.Slug))
			}
		}
		for _, t := range c.Removed {
			if t.RemovedIn == h.Version {
				l := link(t.Slug)
				if t.Title != "" {
					l.Title = t.Title
				}
				v.Removed = append(v.Removed, l)
			}
		}
		for _, s := range h.Changes {
			v.Changed = append(v.Changed, link(s))
		}
		out = append(out, v)
	}
	return out
}

// lastmod is the sitemap date of an error's page: the date of the release
// that last changed it ("" for an unversioned catalog).
func lastmod(c *catalog.Catalog, e *catalog.Entry) string {
	return c.ReleaseDate(c.LastChanged(e))
}

// catalogDate is the date of the catalog's version, for the pages that
// list every error (the index, the changelog).
func catalogDate(c *catalog.Catalog) string {
	return c.ReleaseDate(c.Version)
}

// goneRules are the _redirects lines that make a host answer a tombstone
// with its page and 410 Gone (Netlify's forced rewrite with a status;
// errgen serve reads them too). Hosts without them serve the page.
func goneRules(c *catalog.Catalog) string {
	if len(c.Removed) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("# Removed error slugs: their page, answered with 410 Gone.\n")
	for _, t := range c.Removed {
		page := "/errors/" + t.Slug + "/index.html"
		b.WriteString("/errors/" + t.Slug + " " + page + " 410!\n")
		b.WriteString("/errors/" + t.Slug + "/ " + page + " 410!\n")
	}
	return b.String()
}

// lifecycleCSS styles the banner, the dates and the changelog; it is
// appended to site.css.
func lifecycleCSS() ([]byte, error) { return templates.FS.ReadFile("lifecycle.css") }
