package catalog

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/ankatech/errgen/schema"
)

// Source is one catalog file's name (for messages) and content.
type Source struct {
	Name string
	Data []byte
}

// Load parses, schema-checks and lints the sources, in order. A source
// with base_uri and no service (a platform catalog) starts the catalog;
// a service's file (service: NAME) adds its errors (and upstreams) to
// what came before (services.go). All mistakes of all files are returned
// together as Diagnostics; on any, the catalog is nil.
func Load(sources ...Source) (*Catalog, error) {
	return load(nil, sources)
}

// LoadOver is Load, with base put first when the first source is not a
// platform catalog: a service's own catalog file adds to the built-in one.
func LoadOver(base Source, sources ...Source) (*Catalog, error) {
	return load(&base, sources)
}

func load(base *Source, sources []Source) (*Catalog, error) {
	if len(sources) == 0 && base == nil {
		return nil, errors.New("no catalog given")
	}
	e := &errs{}
	var files []*file
	for _, src := range sources {
		if f := parseFile(src, e); f != nil {
			files = append(files, f)
		}
	}
	if len(files) < len(sources) {
		// A file that could not be read at all: its slugs are unknown, so
		// no relation can be called missing.
		if err := e.err(); err != nil {
			return nil, err
		}
		return nil, errors.New("internal: a catalog file was dropped without a message")
	}
	if base != nil && (len(files) == 0 || !files[0].baseKey) {
		be := &errs{}
		f := parseFile(*base, be)
		if err := be.err(); err != nil {
			return nil, err
		}
		files = append([]*file{f}, files...)
	}
	// partial: the top level of some file is unsound, so only the checks
	// across entries run (see lint).
	partial := false
	if !files[0].baseKey && !files[0].broken {
		e.at(Pos{File: files[0].src, Line: 1, Col: 1},
			"the first catalog must be a platform catalog, with base_uri and no service (a service's file adds errors to one)")
		partial = true
	}
	c := &Catalog{Digest: digest(base, sources, len(files) > len(sources))}
	known := map[string]bool{}
	for i, f := range files {
		c.merge(f, i == 0)
		for _, s := range f.unloaded {
			known[s] = true
		}
		partial = partial || f.broken
	}
	c.finish()
	// Whatever is wrong elsewhere, the entries that did load are checked
	// against each other: a run shows every mistake it can.
	lint(c, e, known, partial)
	if err := e.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// file is one parsed source before merging: all of it, or when it has
// mistakes (broken), the entries that passed their own checks.
type file struct {
	Catalog `yaml:",inline"`
	src     string
	// broken: the file has mistakes outside its entries, or cannot be
	// read at all; only cross-entry checks run on what did load.
	broken bool
	// unloaded are the slugs of entries left out for their mistakes, so
	// that a relation to one of them is not called missing.
	unloaded []string
	// baseKey: the file has a base_uri key (right or wrong) and no
	// service key, so it is a base catalog.
	baseKey bool
}

// parseFile parses one source, reporting its mistakes to e. It returns nil
// when nothing of the file can be used.
func parseFile(src Source, e *errs) *file {
	start := Pos{File: src.Name, Line: 1, Col: 1}
	switch {
	case len(src.Data) > MaxFileSize:
		e.at(start, "%s", tooBig(strconv.Itoa(len(src.Data))))
	case !utf8.Valid(src.Data):
		e.at(byteOffsetPos(src, invalidUTF8At(src.Data)), "file is not valid UTF-8")
	case bytes.IndexByte(src.Data, 0) >= 0:
		e.at(byteOffsetPos(src, bytes.IndexByte(src.Data, 0)), "file contains a NUL byte")
	case len(bytes.TrimSpace(src.Data)) == 0:
		e.at(start, "catalog is empty")
	case structure(src.Data) > MaxStructure:
		e.at(start, "file has more than %d lines and structure marks (, : - [ { ?): far more YAML than any catalog, and too costly to parse", MaxStructure)
	default:
		if f := parseSplit(src); f != nil {
			return f
		}
		return parseWhole(src, e)
	}
	return nil
}

// parseWhole parses the file as one document: the way every file can be
// read, and the one whose messages a broken file gets.
func parseWhole(src Source, e *errs) *file {
	start := Pos{File: src.Name, Line: 1, Col: 1}
	doc := parseYAML(src, e)
	if doc == nil {
		return nil
	}
	fe := &errs{}
	t := newTree(src.Name, fe)
	v, x := t.build(doc, 0)
	top, ok := v.(map[string]any)
	if !ok {
		e.merge(fe)
		e.at(start, "a catalog is a mapping with an errors list at the top, not %s", kindName(v))
		return nil
	}
	list, _ := top["errors"].([]any)
	entries := entryNodes(doc)
	f := &file{src: src.Name, baseKey: isBase(top)}
	if len(entries) != len(list) {
		e.merge(fe)
		f.broken = true
		return f
	}
	// A part (an entry, or the top level: -1) the tree refused bits of
	// gets no schema messages: they would be about what was refused.
	bad := map[int]bool{}
	t.attribute(entries, bad, doc)
	validateSchema(v, t, x, bad)
	e.merge(fe)
	f.broken = bad[-1]
	// Decode the top level without its entries, then each entry that has
	// no mistake of its own.
	if !f.broken {
		if err := topLevel(doc).Decode(&f.Catalog); err != nil {
			e.at(start, "cannot decode catalog: %v", err) // unexpected: the schema accepted the shape
			f.broken = true
		}
	}
	listAt, _ := x.find("/errors")
	for i, n := range entries {
		var entry Entry
		if !bad[i] {
			if err := n.Decode(&entry); err != nil {
				e.at(t.at(n), "cannot decode entry: %v", err) // unexpected, as above
				bad[i] = true
			}
		}
		if bad[i] {
			m, _ := list[i].(map[string]any)
			slug, _ := m["slug"].(string)
			f.unloaded = append(f.unloaded, slug)
			continue
		}
		entry.pos = x.subtree(listAt.first + int32(i))
		f.Errors = append(f.Errors, &entry)
	}
	f.placeUpstreams(x)
	f.placeHistory(x)
	return f
}

// parseYAML parses the file's one YAML document, with at most MaxEntries
// entries, or reports why not.
func parseYAML(src Source, e *errs) *yaml.Node {
	var doc, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src.Data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		e.add(yamlError(src, err))
		return nil
	}
	// A second document would be ignored: refuse it, and its mistakes.
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		e.add(yamlError(src, err))
		return nil
	case len(next.Content) > 0:
		e.at(Pos{File: src.Name, Line: next.Line, Col: next.Column}, "a catalog is one YAML document; remove the second one (or its --- line)")
		return nil
	}
	if entries := entryNodes(&doc); len(entries) > MaxEntries {
		e.at(Pos{File: src.Name, Line: entries[0].Line, Col: entries[0].Column}, "%d errors in one file, over the limit of %d", len(entries), MaxEntries)
		return nil
	}
	return &doc
}

// entryNodes are the items of the top-level errors list, if it is one.
func entryNodes(doc *yaml.Node) []*yaml.Node {
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0].Content
	for i := 0; i+1 < len(m); i += 2 {
		if m[i].Value == "errors" && m[i+1].Kind == yaml.SequenceNode {
			return m[i+1].Content
		}
	}
	return nil
}

// topLevel is the document's mapping without its errors list.
func topLevel(doc *yaml.Node) *yaml.Node {
	top := *doc.Content[0]
	top.Content = nil
	for i := 0; i+1 < len(doc.Content[0].Content); i += 2 {
		if k := doc.Content[0].Content[i]; k.Value != "errors" {
			top.Content = append(top.Content, k, doc.Content[0].Content[i+1])
		}
	}
	return &top
}

// attribute marks the entries that hold a mistake the tree found (bad[i]),
// or the top level (bad[-1]) for one outside every entry. An entry runs
// from its first line to the next one's; the last to the next top-level
// key, if the errors list is not the last.
func (t *tree) attribute(entries []*yaml.Node, bad map[int]bool, doc *yaml.Node) {
	end := math.MaxInt
	m := doc.Content[0].Content
	for i := 0; i+1 < len(m); i += 2 {
		if m[i].Value == "errors" && i+2 < len(m) {
			end = m[i+2].Line
		}
	}
	for _, line := range t.bad {
		i, _ := slices.BinarySearchFunc(entries, line, func(n *yaml.Node, l int) int { return cmp.Compare(n.Line, l+1) })
		// entries[i-1] is the last entry that starts on or before line.
		if i == 0 || line >= end {
			bad[-1] = true
			continue
		}
		bad[i-1] = true
		if i < len(entries) && entries[i].Line == line {
			bad[i] = true // a flow list: entries on one line
		}
	}
}

// placeUpstreams gives each upstream the position of its name.
func (f *file) placeUpstreams(x index) {
	for i := range f.Upstreams {
		n, _ := x.find("/upstreams/" + strconv.Itoa(i) + "/name")
		f.Upstreams[i].pos = n.pos(f.src)
	}
}

func kindName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "a list"
	case string:
		return "a string"
	default:
		return "a scalar"
	}
}

var (
	catalogSchemaOnce sync.Once
	catalogSchema     *jsonschema.Schema
	entrySchema       *jsonschema.Schema // $defs/error: one entry of errors
	catalogSchemaErr  error
)

func compiledCatalogSchema() (*jsonschema.Schema, error) {
	catalogSchemaOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.LoadURL = func(s string) (r io.ReadCloser, err error) { return nil, fmt.Errorf("no network: %s", s) }
		const id = "https://docs.ankatech.co/errors/catalog.schema.json"
		if catalogSchemaErr = c.AddResource(id, bytes.NewReader(schema.Catalog)); catalogSchemaErr != nil {
			return
		}
		if catalogSchema, catalogSchemaErr = c.Compile(id); catalogSchemaErr == nil {
			entrySchema, catalogSchemaErr = c.Compile(id + "#/$defs/error")
		}
	})
	return catalogSchema, catalogSchemaErr
}

// merge adds a parsed file. The first file (or any platform catalog) sets
// the catalog-wide fields; every file adds errors and upstreams.
func (c *Catalog) merge(f *file, first bool) {
	base := first || f.baseKey
	if base {
		if f.BaseURI != "" {
			c.BaseURI = f.BaseURI
		}
		if f.Name != "" {
			c.Name = f.Name
		}
		if f.BreakerOpenWait != 0 {
			c.BreakerOpenWait = f.BreakerOpenWait
		}
		c.Common.Headers = append(c.Common.Headers, f.Common.Headers...)
		c.Common.Members = append(c.Common.Members, f.Common.Members...)
		for i := range f.Common.Members {
			n, _ := f.meta["common"].find("/members/" + strconv.Itoa(i) + "/name")
			c.commonAt = append(c.commonAt, n.pos(f.src))
		}
	} else if f.Name != "" {
		c.LayerName = f.Name
	}
	c.Files = append(c.Files, f.src)
	c.mergeHistory(f, base)
	c.mergeReaderData(f, base)     // links, formats (glance.go)
	svc := c.mergeService(f, base) // services.go
	c.Upstreams = append(c.Upstreams, f.Upstreams...)
	for i, e := range f.Errors {
		e.File = f.src
		e.Path = "/errors/" + strconv.Itoa(i)
		e.BaseURI = c.BaseURI
		if f.BaseURI != "" {
			e.BaseURI = f.BaseURI
		}
		e.Service = svc
		c.Errors = append(c.Errors, e)
	}
}

// finish fills defaults and sorts, so renderers see a settled model.
func (c *Catalog) finish() {
	if c.BreakerOpenWait == 0 {
		c.BreakerOpenWait = 30
	}
	for _, e := range c.Errors {
		ra := &e.Retry.RetryAfter
		if ra.Policy == "" {
			ra.Policy = RetryAfterNone
		}
		if ra.Policy != RetryAfterNone {
			if ra.Min == 0 {
				ra.Min = 1
			}
			if ra.Breaker && ra.Max == 0 {
				ra.Max = c.BreakerOpenWait
			}
		}
	}
	slices.SortStableFunc(c.Errors, func(a, b *Entry) int { return strings.Compare(a.Slug, b.Slug) })
}
