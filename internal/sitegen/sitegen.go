// Package sitegen renders the documentation site of an error catalog: one
// page per error at its type URI, an index, alias redirects, a 404 page, a
// sitemap and the local assets, all as data for internal/output to write.
//
// Layout, relative to the document root (site/):
//
//	errors/index.html            quick-reference table of every error
//	errors/<slug>/index.html     the page a problem's "type" URI leads to
//	errors/<alias>/index.html    redirect from an old slug to its page
//	errors/<removed>/index.html  a tombstone: when the error went, why, what to use
//	errors/changelog/index.html  the releases, newest first (versioned catalogs)
//	errors/_assets/site.css      layout, light and dark themes, print, highlighting
//	errors/_assets/site.js       search, index sort, copy buttons, snippet tabs, 404 suggestions
//	errors/_assets/minisearch.js the search library (MiniSearch, vendored), with its licence
//	errors/_assets/favicon.svg
//	errors/search-index.js       every page's words, for the search (a script: file:// cannot fetch)
//	404.html, sitemap.xml (lastmod: the release that last changed a page),
//	_redirects (alias 301s and tombstone 410s for hosts that read it)
//
// A type URI has no trailing slash, so a page is reached at /errors/x as
// well as /errors/x/ and from file://. Every link and asset on an error
// page therefore climbs to the document root and back down
// ("../../errors/_assets/site.css"): ".." past the root is dropped when a
// URL is resolved, so the link lands on the same file from all three. No
// <base> element or script is needed for that.
//
// The site's JSON files (errors/<slug>/schema.json and index.json,
// catalog.json, openapi.json) are internal/schemagen's; pages link to them.
//
// Output is deterministic: files are rendered from the sorted model and
// returned sorted by path, with no timestamps. Code blocks are written
// from what errgen knows of their shape (code.go), so no lexer, and no
// lexer's timeout, decides a byte.
package sitegen

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/par"
	"github.com/ankatech/errgen/templates"
)

// Asset paths, relative to errors/.
const (
	cssPath     = "_assets/site.css"
	jsPath      = "_assets/site.js"
	faviconPath = "_assets/favicon.svg"
)

// Inputs is what the site shows that other renderers compute; the
// caller computes it once and passes it in, so sitegen imports no other
// renderer.
type Inputs struct {
	// GoCalls are, in catalog order, the Go constructor calls that build
	// each error's example, in the package GoPackageOf names.
	GoCalls []string
}

// vendored are the assets copied as they are: the search library, loaded
// by site.js only when a reader searches, its licence, and the favicon.
var vendored = []string{"minisearch.js", "minisearch.LICENSE.txt", "favicon.svg"}

// Render returns every file of the site, paths relative to the document
// root, sorted by path.
func Render(c *catalog.Catalog, in Inputs) ([]output.File, error) {
	var mu sync.Mutex
	var files []output.File
	err := RenderTo(c, in, func(f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b output.File) int { return cmp.Compare(a.Path, b.Path) })
	return files, nil
}

// RenderTo renders every file of the site and hands each to put as soon
// as it is rendered, so the site is never in memory whole; put is called
// from several goroutines. The first error put returns stops the
// rendering and is returned.
//
// Pages are rendered on every core (par.Do), each worker with its own
// markdown renderer and buffers. The bytes of every file, and the render
// error reported (the first in catalog order, then the index page's, then the search data's), do
// not depend on the number of workers or their timing; only the order of
// the calls to put does.
func RenderTo(c *catalog.Catalog, in Inputs, put func(output.File) error) error {
	if len(in.GoCalls) != len(c.Errors) {
		return fmt.Errorf("site: %d Go example calls for %d errors", len(in.GoCalls), len(c.Errors))
	}
	r, err := newBuilder(c)
	if err != nil {
		return err
	}
	// Job 0 is the index and the 404 page, the biggest page first so it
	// does not end up alone at the end; job i > 0 is error i-1.
	errs := make([]error, 1+len(c.Errors))
	var putErr error
	var putErrOnce sync.Once
	// Each page's worker also writes its error's search document, from
	// the markdown it has just parsed for the page.
	docs := make([]searchDoc, len(c.Errors))
	ws := make([]*worker, par.Workers(len(errs)))
	par.Do(len(errs), func(k, i int) bool {
		if ws[k] == nil {
			ws[k] = catalogWorker(c)
		}
		w := ws[k]
		var p pageFiles
		if i == 0 {
			r.indexPage(w, &p)
			r.notFound(w, &p)
			r.formatsPage(w, &p)
		} else {
			p = r.errorFiles(w, c.Errors[i-1], in.GoCalls[i-1])
			docs[i-1] = searchDocOf(w, c, c.Errors[i-1])
		}
		if errs[i] = p.err; p.err != nil {
			return true
		}
		for _, f := range p.files {
			if err := put(f); err != nil {
				putErrOnce.Do(func() { putErr = err })
				return false
			}
		}
		return true
	})
	if putErr != nil {
		return putErr
	}
	for _, err := range append(errs[1:len(errs):len(errs)], errs[0]) {
		if err != nil {
			return err
		}
	}
	r.lifecyclePages(catalogWorker(c))
	search, searchErr := searchIndex(catalogWorker(c), c, docs)
	if searchErr != nil {
		return fmt.Errorf("site: errors/%s: %w", searchPath, searchErr)
	}
	r.add("errors/"+searchPath, search, nil)
	r.add("sitemap.xml", sitemap(c), nil)
	r.add("_redirects", redirects(c), nil)
	for _, f := range r.files {
		if err := put(f); err != nil {
			return err
		}
	}
	return nil
}

// newBuilder parses the templates, renders the assets and the chrome of
// the error pages.
func newBuilder(c *catalog.Catalog) (*builder, error) {
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	r := &builder{c: c, t: t}
	r.assets()
	if r.err != nil {
		return nil, r.err
	}
	if r.errMeta, err = r.withChrome(meta{SiteName: c.Name, Prefix: "../../errors/"}); err != nil {
		return nil, err
	}
	return r, nil
}

// builder collects files and keeps the first error. Its add is for the
// goroutine that calls Render; workers return their files in a pageFiles.
type builder struct {
	c       *catalog.Catalog
	t       map[string]*template.Template
	errMeta meta // what every error page's meta starts from
	files   []output.File
	err     error
}

func (r *builder) add(path string, data []byte, err error) {
	if err != nil {
		if r.err == nil {
			r.err = fmt.Errorf("site: %s: %w", path, err)
		}
		return
	}
	r.files = append(r.files, output.File{Path: path, Data: data})
}

// pageFiles is what a worker renders for one error, with its first error.
type pageFiles struct {
	files []output.File
	err   error
}

func (p *pageFiles) add(path string, data []byte, err error) {
	if err != nil {
		if p.err == nil {
			p.err = fmt.Errorf("site: %s: %w", path, err)
		}
		return
	}
	p.files = append(p.files, output.File{Path: path, Data: data})
}

// worker holds what one goroutine reuses from page to page.
type worker struct {
	gm    goldmark.Markdown
	src   []byte        // markdown source
	md    bytes.Buffer  // markdown output
	mdOut *bufio.Writer // over md, so goldmark does not allocate one per call
	memo  map[memoKey]template.HTML
	plain map[string]string   // markdown → its words, for the search data
	page  bytes.Buffer        // template output
	links []catalog.NamedLink // the catalog's links, for [text][name] in markdown
}

// catalogWorker is a worker that knows c's named links ([text][support]).
func catalogWorker(c *catalog.Catalog) *worker {
	w := newWorker()
	w.links = c.Links.Named()
	return w
}

func newWorker() *worker {
	w := &worker{gm: newMarkdown(), memo: map[memoKey]template.HTML{}, plain: map[string]string{}}
	w.mdOut = bufio.NewWriter(&w.md)
	return w
}

// exec renders a page template into the worker's buffer and returns a
// copy of exactly its size.
func (r *builder) exec(w *worker, name string, data any) ([]byte, error) {
	w.page.Reset()
	if err := r.t[name].ExecuteTemplate(&w.page, "page", data); err != nil {
		return nil, err
	}
	return bytes.Clone(w.page.Bytes()), nil
}

func (r *builder) assets() {
	css, err := templates.FS.ReadFile("site.css")
	life, lerr := lifecycleCSS()
	css, err = append(append(css, '\n'), life...), errors.Join(err, lerr)
	r.add("errors/"+cssPath, css, err)
	js, err := templates.FS.ReadFile("site.js")
	r.add("errors/"+jsPath, js, err)
	for _, name := range vendored {
		data, err := templates.FS.ReadFile(name)
		r.add("errors/_assets/"+name, data, err)
	}
}

func (r *builder) errorFiles(w *worker, e *catalog.Entry, call string) (out pageFiles) {
	out.files = make([]output.File, 0, 1+len(e.Aliases))
	p, err := newErrorPage(w, r.c, e, call, r.errMeta)
	if err != nil {
		out.add("errors/"+e.Slug+"/index.html", nil, err)
		return out
	}
	page, err := r.exec(w, "error.html", p)
	out.add("errors/"+e.Slug+"/index.html", page, err)
	for _, alias := range e.Aliases {
		page, err := r.exec(w, "redirect.html", redirectPage{Slug: alias, Title: e.Title,
			Canonical: e.URI(), Href: "../../errors/" + e.Slug + "/index.html"})
		out.add("errors/"+alias+"/index.html", page, err)
	}
	return out
}

// redirectPage is what templates/redirect.html renders for an old slug.
type redirectPage struct {
	Slug, Title, Canonical string
	// Href ends in index.html so the refresh also works from file://,
	// where a folder URL shows a listing instead of the page.
	Href string
}

// notFoundPage is what templates/404.html renders. It is served at any
// depth, so its links are absolute paths.
type notFoundPage struct {
	Meta    meta
	BaseURI string
}

func (r *builder) notFound(w *worker, out *pageFiles) {
	m, err := r.withChrome(meta{Title: "Page not found", Description: "No page at this address.",
		SiteName: r.c.Name, Prefix: "/errors/"})
	if err != nil {
		out.add("404.html", nil, err)
		return
	}
	page, err := r.exec(w, "404.html", notFoundPage{Meta: m, BaseURI: r.c.BaseURI})
	out.add("404.html", page, err)
}

// chrome is the markup a page shares with every page of its kind: the
// layout's "assets", "header" and "footer" blocks, which read only the
// meta's Prefix, SiteName and Home. Rendered once per kind, it costs a
// page one template action each instead of a dozen escaped ones.
type chrome struct {
	Assets, Header, Footer template.HTML
}

// withChrome returns m with its Chrome rendered.
func (r *builder) withChrome(m meta) (meta, error) {
	m.Feedback = r.c.Links.Feedback
	var b strings.Builder
	for _, part := range []struct {
		block string
		html  *template.HTML
	}{{"assets", &m.Chrome.Assets}, {"header", &m.Chrome.Header}, {"footer", &m.Chrome.Footer}} {
		b.Reset()
		if err := r.t["layout.html"].ExecuteTemplate(&b, part.block, m); err != nil {
			return m, err
		}
		*part.html = template.HTML(b.String()) // #nosec: rendered by html/template
	}
	return m, nil
}

// parseTemplates parses each page template together with the layout, so
// every page defines its own "content" block; "layout.html" is the layout
// alone, for its chrome blocks.
func parseTemplates() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templates.FS, "layout.html", "lifecycle.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{"layout.html": layout}
	for _, name := range []string{"error.html", "index.html", "404.html", "redirect.html", "tombstone.html", "changelog.html", "formats.html"} {
		t, err := layout.Clone()
		if err == nil {
			t, err = t.ParseFS(templates.FS, name)
		}
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

var funcs = template.FuncMap{
	"css":     func() string { return cssPath },
	"js":      func() string { return jsPath },
	"favicon": func() string { return faviconPath },
}

// chip is the CSS class of a status chip: status-4 or status-5 colours it.
func chip(status string) string {
	if status == "" {
		return "status-chip"
	}
	return "status-chip status-" + status[:1]
}
