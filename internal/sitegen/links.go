package sitegen

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/par"
	"github.com/ankatech/errgen/internal/sitegen/sitecheck"
)

// A link in catalog markdown leads to a page of the site, another site,
// or a part of a page. An outward link is the author's business; a link or
// image inside the site must lead to something the site has, which only
// the rendered site can tell. FindLinks finds the links inside the site
// without rendering anything, and Check asks for the site only when there are
// some, so a catalog without such links (the usual case) pays one scan.

// siteRef is a link or image in an entry's markdown that the site itself
// must answer.
type siteRef struct {
	e   *catalog.Entry
	ptr string // JSON pointer of the text within the entry
	tag string // "a" or "img"
	url string
}

// Links are the links and images of a catalog's markdown, found without
// rendering anything: FindLinks runs beside the other checks, Check once
// the site is rendered.
type Links struct {
	c    *catalog.Catalog
	ds   catalog.Diagnostics // what is wrong whatever the site holds
	refs []siteRef           // what the site itself must answer
}

// FindLinks parses the markdown of every entry, on every core, and keeps
// its links and images.
func FindLinks(c *catalog.Catalog) *Links {
	type found struct {
		ds   catalog.Diagnostics
		refs []siteRef
	}
	per := make([]found, len(c.Errors))
	ws := make([]*worker, par.Workers(len(c.Errors)))
	par.Do(len(c.Errors), func(w, i int) bool {
		if ws[w] == nil {
			ws[w] = catalogWorker(c)
		}
		per[i].ds, per[i].refs = entryLinks(ws[w], c, c.Errors[i])
		return true
	})
	l := &Links{c: c}
	for _, f := range per {
		l.ds = append(l.ds, f.ds...)
		l.refs = append(l.refs, f.refs...)
	}
	return l
}

// entryLinks are the links and images of one entry's markdown.
func entryLinks(w *worker, c *catalog.Catalog, e *catalog.Entry) (ds catalog.Diagnostics, refs []siteRef) {
	for _, t := range markdownTexts(e) {
		for _, r := range linksIn(w, t.text) {
			u, err := url.Parse(r.url)
			switch {
			case err != nil:
				ds = append(ds, catalog.Diagnostic{Pos: c.PosOf(e, t.ptr), Msg: fmt.Sprintf("link %q is not a URL: %v", r.url, err)})
			case u.Scheme != "" || u.Host != "":
				if r.tag == "img" {
					ds = append(ds, catalog.Diagnostic{Pos: c.PosOf(e, t.ptr),
						Msg: fmt.Sprintf("image %q is on another site; pages show only the site's own images (their Content-Security-Policy)", r.url)})
				}
			default:
				refs = append(refs, siteRef{e, t.ptr, r.tag, r.url})
			}
		}
	}
	return ds, refs
}

// Check reports every link and image in catalog markdown that leads
// nowhere on the site the catalog renders to, at its text's position: a
// page, file or #anchor the site does not have, or an image from another
// site (the pages' Content-Security-Policy allows the site's own only).
// site gives the whole rendered site (pages and JSON files, path →
// contents); it is called only when a link points inside the site.
func (l *Links) Check(site func() (map[string][]byte, error)) error {
	ds := slices.Clone(l.ds)
	if len(l.refs) > 0 {
		files, err := site()
		if err != nil {
			return err
		}
		for _, r := range l.refs {
			if msg := sitecheck.CheckRef(files, "errors/"+r.e.Slug+"/index.html", r.tag, r.url); msg != "" {
				what, hint := "link", ""
				if r.tag == "img" {
					what = "image"
				}
				if !strings.HasPrefix(r.url, "#") {
					hint = "; a page reaches another as ../../errors/SLUG/ from any of its addresses"
				}
				ds = append(ds, catalog.Diagnostic{Pos: l.c.PosOf(r.e, r.ptr), Msg: fmt.Sprintf("%s %q leads nowhere on the site: %s%s", what, r.url, msg, hint)})
			}
		}
	}
	if len(ds) == 0 {
		return nil
	}
	return ds
}

// mdText is one markdown text of an entry and its JSON pointer.
type mdText struct{ ptr, text string }

// markdownTexts lists the markdown texts of an entry the page renders.
func markdownTexts(e *catalog.Entry) []mdText {
	out := []mdText{{"/when", e.When}, {"/retry/backoff", e.Retry.Backoff}, {"/retry/retry_after/when", e.Retry.RetryAfter.When}}
	list := func(prefix string, texts []string) {
		for i, s := range texts {
			out = append(out, mdText{prefix + "/" + strconv.Itoa(i), s})
		}
	}
	list("/causes", e.Causes)
	list("/resolve", e.Resolve)
	for i, h := range e.Headers {
		out = append(out, mdText{"/headers/" + strconv.Itoa(i) + "/description", h.Description})
	}
	for i, m := range e.Members {
		out = append(out, mdText{"/members/" + strconv.Itoa(i) + "/description", m.Description})
	}
	for i, p := range e.Detail.Params {
		out = append(out, mdText{"/detail/params/" + strconv.Itoa(i) + "/description", p.Description})
	}
	for i, r := range e.Related {
		out = append(out, mdText{"/related/" + strconv.Itoa(i) + "/note", r.Note})
	}
	if e.Deprecated != nil {
		out = append(out, mdText{"/deprecated/why", e.Deprecated.Why})
	}
	return out
}

// linkRef is one link or image destination in a markdown text.
type linkRef struct{ tag, url string }

// linksIn returns the links and images of a markdown text, as goldmark
// parses it with the site's own settings (the catalog's named links
// included). Text without "](" or "]:" has none, and is not parsed.
func linksIn(w *worker, s string) []linkRef {
	if !strings.Contains(s, "](") && !strings.Contains(s, "]:") && !strings.Contains(s, "][") {
		return nil
	}
	src := []byte(s)
	doc := w.gm.Parser().Parse(text.NewReader(src), w.parseOptions(src)...)
	var out []linkRef
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, linkRef{"a", string(n.Destination)})
		case *ast.Image:
			out = append(out, linkRef{"img", string(n.Destination)})
		}
		return ast.WalkContinue, nil
	})
	return out
}
