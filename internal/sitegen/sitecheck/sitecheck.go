// Package sitecheck checks a rendered site the way a reader's browser
// would meet it: every page well-formed, every link and asset resolving
// to a file of the site from each address a page can be reached at.
// Tests of sitegen, errgen serve and the CLI share it.
package sitecheck

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"
)

// Page is what the parser found in one HTML file.
type Page struct {
	Refs    []Ref          // href, src and meta-refresh targets, in order
	IDs     map[string]int // id attribute → count
	Tags    map[string]int // element name → count
	Scripts []string       // src of every script element ("" for inline)
	Text    string         // all character data, for content assertions
}

// Ref is one URL reference on a page.
type Ref struct {
	Tag, Attr, URL string
	Rel            string // of a <link>
}

// Parse reads an HTML page strictly: it must be well-formed (every element
// closed in order, attributes quoted, entities known), with the HTML void
// elements closing themselves. Stricter than a browser, on purpose.
func Parse(data []byte) (*Page, error) {
	// encoding/xml lexes strictly (quotes, entities); RawToken leaves
	// nesting to us, so void elements need no end tag and every other
	// element must be closed in order.
	d := xml.NewDecoder(strings.NewReader(string(data)))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	p := &Page{IDs: map[string]int{}, Tags: map[string]int{}}
	var text strings.Builder
	var open []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.element(t)
			if !void[strings.ToLower(t.Name.Local)] {
				open = append(open, strings.ToLower(t.Name.Local))
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if len(open) == 0 || open[len(open)-1] != name {
				line, _ := d.InputPos()
				return nil, fmt.Errorf("line %d: </%s> does not close the open element (open: %v)", line, name, open)
			}
			open = open[:len(open)-1]
		case xml.CharData:
			text.Write(t)
		}
	}
	if len(open) > 0 {
		return nil, fmt.Errorf("elements never closed: %v", open)
	}
	p.Text = text.String()
	return p, nil
}

// void elements have no end tag in HTML.
var void = map[string]bool{}

func init() {
	for _, name := range xml.HTMLAutoClose {
		void[name] = true
	}
}

func (p *Page) element(t xml.StartElement) {
	name := strings.ToLower(t.Name.Local)
	p.Tags[name]++
	attr := func(k string) (string, bool) {
		for _, a := range t.Attr {
			if strings.EqualFold(a.Name.Local, k) {
				return a.Value, true
			}
		}
		return "", false
	}
	if id, ok := attr("id"); ok {
		p.IDs[id]++
	}
	rel, _ := attr("rel")
	for _, k := range []string{"href", "src"} {
		if v, ok := attr(k); ok {
			p.Refs = append(p.Refs, Ref{Tag: name, Attr: k, URL: v, Rel: rel})
		}
	}
	if name == "script" {
		src, _ := attr("src")
		p.Scripts = append(p.Scripts, src)
	}
	if eq, _ := attr("http-equiv"); strings.EqualFold(eq, "refresh") {
		content, _ := attr("content")
		if _, u, ok := strings.Cut(content, "url="); ok {
			p.Refs = append(p.Refs, Ref{Tag: name, Attr: "refresh", URL: u})
		}
	}
}

// Bases are the addresses a page at path (relative to the document root)
// is reached at: an error page at /errors/x, /errors/x/ and from disk;
// 404.html at any depth.
func Bases(p string) []string {
	dir := path.Dir(p)
	switch {
	case p == "404.html":
		return []string{"http://site.test/no/such/page", "http://site.test/errors/no-such-error"}
	case path.Base(p) == "index.html" && dir != ".":
		return []string{"http://site.test/" + dir, "http://site.test/" + dir + "/", "file:///srv/site/" + p}
	}
	return []string{"http://site.test/" + p, "file:///srv/site/" + p}
}

// Links checks every reference on every HTML page of files (path → data)
// from every base of the page. missingOK names files that another
// renderer produces, for checks on a partial site; it may be nil.
// It returns one message per problem, sorted.
func Links(files map[string][]byte, missingOK func(string) bool) []string {
	var out []string
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page, err := Parse(data)
		if err != nil {
			out = append(out, fmt.Sprintf("%s: not well-formed: %v", name, err))
			continue
		}
		for _, ref := range page.Refs {
			for _, base := range Bases(name) {
				if msg := check(files, page, base, ref, missingOK); msg != "" {
					out = append(out, fmt.Sprintf("%s (at %s): %s %s=%q: %s", name, base, ref.Tag, ref.Attr, ref.URL, msg))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func check(files map[string][]byte, page *Page, base string, ref Ref, missingOK func(string) bool) string {
	u, err := url.Parse(ref.URL)
	if err != nil {
		return "bad URL"
	}
	if u.Scheme != "" || u.Host != "" {
		if ref.Tag == "a" || ref.Rel == "canonical" {
			return "" // an outward link, or the page's own public address
		}
		return "asset not served by the site (no external resources)"
	}
	if ref.URL != "" && ref.URL[0] == '#' {
		if page.IDs[u.Fragment] == 0 {
			return "no element with this id"
		}
		return ""
	}
	b, _ := url.Parse(base)
	abs := b.ResolveReference(u)
	name, ok := strings.CutPrefix(abs.Path, "/")
	if b.Scheme == "file" {
		name, ok = strings.CutPrefix(abs.Path, "/srv/site/")
	}
	if !ok {
		return "resolves outside the site to " + abs.Path
	}
	if target(files, name) {
		return ""
	}
	if missingOK != nil && missingOK(name) {
		return ""
	}
	return "no such file: " + name
}

// target reports whether name is a file, or a folder with an index.html
// (which a static host serves at the folder's URL, and which the site's
// script turns into an explicit index.html link under file://).
func target(files map[string][]byte, name string) bool {
	name = strings.TrimSuffix(name, "/")
	if _, ok := files[name]; ok && name != "" {
		return true
	}
	if name == "" {
		_, ok := files["index.html"]
		return ok
	}
	_, ok := files[name+"/index.html"]
	return ok
}

// CheckRef checks one reference that the page at pagePath holds, as Links
// checks each reference of a page: from every address the page is reached
// at, and, for a reference to another page with a #fragment, that the
// other page has an element with that id. It returns "" when the
// reference resolves, else what is wrong.
func CheckRef(files map[string][]byte, pagePath, tag, ref string) string {
	page, err := Parse(files[pagePath])
	if err != nil {
		return fmt.Sprintf("%s: not well-formed: %v", pagePath, err)
	}
	r := Ref{Tag: tag, Attr: "href", URL: ref}
	if tag == "img" {
		r.Attr = "src"
	}
	for _, base := range Bases(pagePath) {
		if msg := check(files, page, base, r, nil); msg != "" {
			return msg + " (from " + strings.TrimPrefix(base, "http://site.test") + ")"
		}
	}
	u, err := url.Parse(ref)
	if err != nil || u.Fragment == "" || ref[0] == '#' || u.Scheme != "" || u.Host != "" {
		return ""
	}
	// The fragment of a reference to another page of the site.
	b, _ := url.Parse(Bases(pagePath)[0])
	name := strings.TrimPrefix(b.ResolveReference(u).Path, "/")
	if !strings.HasSuffix(name, ".html") {
		name = strings.TrimSuffix(name, "/") + "/index.html"
	}
	other, err := Parse(files[name])
	if err != nil {
		return ""
	}
	if other.IDs[u.Fragment] == 0 {
		return "no element with id " + strconvQuote(u.Fragment) + " on " + name
	}
	return ""
}

func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }
