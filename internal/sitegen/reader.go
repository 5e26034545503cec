package sitegen

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/parser"

	"github.com/ankatech/errgen/internal/catalog"
)

// This file renders the catalog's reader data: the links catalog text
// names ([contact support][support]), and the formats page
// (errors/formats/), which explains the body formats of older
// documentation and is linked from the pages of the errors that used them.

// parseOptions gives goldmark the catalog's links as link reference
// definitions, so [text][support] in any catalog text becomes a link.
// Text without a reference link is parsed as before, with no context.
func (w *worker) parseOptions(src []byte) []parser.ParseOption {
	if len(w.links) == 0 || !bytes.Contains(src, []byte("][")) {
		return nil
	}
	ctx := parser.NewContext()
	for _, l := range w.links {
		ctx.AddReference(parser.NewReference([]byte(l.Name), []byte(l.URL), nil))
	}
	return []parser.ParseOption{parser.WithContext(ctx)}
}

// formatsPath is the formats page, relative to errors/.
const formatsPath = catalog.FormatsSlug + "/"

// formatsPage is what templates/formats.html renders.
type formatsPage struct {
	Meta   meta
	Intro  template.HTML
	Shapes []shapeView
}

type shapeView struct {
	ID, Name    string
	Description template.HTML
	Example     template.HTML
	UsedBy      []relItemLink
	Fields      []fieldView
}

// relItemLink is an error a shape was used by.
type relItemLink struct{ Slug, Title, Href string }

type fieldView struct {
	Old       string
	New, Note template.HTML
}

// formatsPage renders errors/formats/index.html when the catalog has one.
func (r *builder) formatsPage(w *worker, out *pageFiles) {
	f := r.c.Formats
	if f == nil {
		return
	}
	m := mdErr{w: w}
	base := r.errMeta
	base.Title = "Older body formats"
	base.Description = "The error body formats of older " + r.c.Name + " documentation, and where each field is now."
	base.Canonical = r.c.BaseURI + catalog.FormatsSlug
	p := formatsPage{Meta: base, Intro: m.block(f.Intro)}
	bySlug := map[string]*catalog.Entry{}
	for _, e := range r.c.Errors {
		bySlug[e.Slug] = e
	}
	for _, s := range f.Shapes {
		v := shapeView{ID: s.ID, Name: s.Name, Description: m.block(s.Description), Example: w.jsonCode(s.Example)}
		for _, slug := range s.UsedBy {
			if e := bySlug[slug]; e != nil {
				v.UsedBy = append(v.UsedBy, relItemLink{Slug: slug, Title: e.Title, Href: href(base.Prefix, slug)})
			}
		}
		for _, fm := range s.Fields {
			v.Fields = append(v.Fields, fieldView{Old: fm.Old, New: m.inline(fm.New), Note: m.inline(fm.Note)})
		}
		p.Shapes = append(p.Shapes, v)
	}
	if m.err != nil {
		out.add("errors/"+formatsPath+"index.html", nil, m.err)
		return
	}
	page, err := r.exec(w, "formats.html", p)
	out.add("errors/"+formatsPath+"index.html", page, err)
}

// jsonCode highlights an example body, indented two spaces, as the
// example responses are; text that is not JSON (lint refuses it) is
// shown as it is.
func (w *worker) jsonCode(src string) template.HTML {
	var c codeBuf
	if v, err := decodeOrdered(json.NewDecoder(strings.NewReader(src))); err == nil {
		c.json(v, "")
		c.text("\n")
	} else {
		c.text(src)
	}
	return `<pre class="hl"><code class="language-json">` + c.html() + `</code></pre>` // #nosec: codeBuf escapes
}

// decodeOrdered reads one JSON value keeping the order of object members
// (as the example bodies of the catalog do), numbers as written.
func decodeOrdered(dec *json.Decoder) (any, error) {
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := catalog.OrderedObject{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, catalog.Field{Key: key.(string), Value: v})
		}
		_, err := dec.Token() // }
		return obj, err
	case json.Delim('['):
		list := []any{}
		for dec.More() {
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token() // ]
		return list, err
	}
	return tok, nil
}

// shapeLink is an older shape an error page links to.
type shapeLink struct{ Name, Href string }

// shapesOf lists the older shapes the entry's documentation used, for the
// link on its page.
func shapesOf(c *catalog.Catalog, e *catalog.Entry, prefix string) []shapeLink {
	if c.Formats == nil {
		return nil
	}
	var out []shapeLink
	for _, s := range c.Formats.Shapes {
		for _, slug := range s.UsedBy {
			if slug == e.Slug {
				out = append(out, shapeLink{Name: s.Name, Href: prefix + formatsPath + "#" + s.ID})
				break
			}
		}
	}
	return out
}
