package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
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

// ReadFile reads a catalog file, refusing one over MaxFileSize before
// reading it whole.
func ReadFile(path string) (Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return Source{}, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > MaxFileSize {
			return Source{}, Diagnostics{{Pos: Pos{File: path, Line: 1, Col: 1},
				Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit", fi.Size(), MaxFileSize)}}
		}
		// Room for the whole file and the read that finds its end, so the
		// buffer is not grown (and kept) at twice the size.
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(f); err != nil {
		return Source{}, err
	}
	return Source{Name: path, Data: buf.Bytes()}, nil
}

// Load parses, schema-checks and lints the sources, in order. A source
// with base_uri starts the catalog; one without adds its errors (and
// upstreams) to what came before. All mistakes of all files are returned
// together as Diagnostics; on any, the catalog is nil.
func Load(sources ...Source) (*Catalog, error) {
	return load(nil, sources)
}

// LoadOver is Load, with base put first when the first source has no
// base_uri: a service's own catalog file adds to the built-in one.
func LoadOver(base Source, sources ...Source) (*Catalog, error) {
	return load(&base, sources)
}

func load(base *Source, sources []Source) (*Catalog, error) {
	if len(sources) == 0 && base == nil {
		return nil, errors.New("no catalog given")
	}
	var files []*file
	var all Diagnostics
	for _, src := range sources {
		f, err := parseFile(src)
		if err != nil {
			all = append(all, asDiagnostics(err)...)
			continue
		}
		files = append(files, f)
	}
	if len(all) > 0 {
		return nil, all.sort()
	}
	if base != nil && (len(files) == 0 || files[0].BaseURI == "") {
		f, err := parseFile(*base)
		if err != nil {
			return nil, err
		}
		files = append([]*file{f}, files...)
	}
	if files[0].BaseURI == "" {
		return nil, Diagnostics{{Pos: Pos{File: files[0].src, Line: 1, Col: 1},
			Msg: "the first catalog must set base_uri (a file without it only adds errors to a base catalog)"}}
	}
	c := &Catalog{}
	for i, f := range files {
		c.merge(f, i == 0)
	}
	c.finish()
	if err := Lint(c); err != nil {
		return nil, err
	}
	return c, nil
}

func asDiagnostics(err error) Diagnostics {
	var ds Diagnostics
	if errors.As(err, &ds) {
		return ds
	}
	return Diagnostics{{Msg: err.Error()}}
}

// file is one parsed source before merging.
type file struct {
	Catalog `yaml:",inline"`
	src     string
}

func parseFile(src Source) (*file, error) {
	e := &errs{}
	start := Pos{File: src.Name, Line: 1, Col: 1}
	switch {
	case len(src.Data) > MaxFileSize:
		e.at(start, "file is %d bytes, over the %d-byte limit", len(src.Data), MaxFileSize)
	case !utf8.Valid(src.Data):
		e.at(byteOffsetPos(src, invalidUTF8At(src.Data)), "file is not valid UTF-8")
	case bytes.IndexByte(src.Data, 0) >= 0:
		e.at(byteOffsetPos(src, bytes.IndexByte(src.Data, 0)), "file contains a NUL byte")
	case len(bytes.TrimSpace(src.Data)) == 0:
		e.at(start, "catalog is empty")
	}
	if err := e.err(); err != nil {
		return nil, err
	}
	if f := parseSplit(src); f != nil {
		return f, nil
	}
	return parseWhole(src, e)
}

// parseWhole parses the file as one document: the way every file can be
// read, and the one whose messages a broken file gets.
func parseWhole(src Source, e *errs) (*file, error) {
	start := Pos{File: src.Name, Line: 1, Col: 1}
	var doc, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src.Data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		e.list = append(e.list, yamlError(src.Name, err))
		return nil, e.err()
	}
	// A second document would be ignored: refuse it, and its mistakes.
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		e.list = append(e.list, yamlError(src.Name, err))
		return nil, e.err()
	case len(next.Content) > 0:
		e.at(Pos{File: src.Name, Line: next.Line, Col: next.Column}, "a catalog is one YAML document; remove the second one (or its --- line)")
		return nil, e.err()
	}
	t := newTree(src.Name, e)
	v, x := t.build(&doc, 0)
	if err := e.err(); err != nil {
		return nil, err
	}
	if _, ok := v.(map[string]any); !ok {
		e.at(start, "a catalog is a mapping with an errors list at the top, not %s", kindName(v))
		return nil, e.err()
	}
	validateSchema(v, t, x)
	if err := e.err(); err != nil {
		return nil, err
	}
	f := &file{src: src.Name}
	if err := doc.Decode(&f.Catalog); err != nil {
		// The schema has already accepted the shape, so this is unexpected;
		// still a message, never a panic.
		e.at(start, "cannot decode catalog: %v", err)
		return nil, e.err()
	}
	// Each entry keeps its own positions; the rest is dropped.
	list, _ := x.find("/errors")
	for i, entry := range f.Errors {
		entry.pos = x.subtree(list.first + int32(i))
	}
	f.placeUpstreams(x)
	return f, nil
}

// placeUpstreams gives each upstream the position of its name.
func (f *file) placeUpstreams(x index) {
	for i := range f.Upstreams {
		n, _ := x.find("/upstreams/" + strconv.Itoa(i) + "/name")
		f.Upstreams[i].pos = n.pos(f.src)
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError keeps the parser's own line; yaml.v3 gives no column.
func yamlError(name string, err error) Diagnostic {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Diagnostic{Pos: Pos{File: name, Line: line, Col: 1}, Msg: "YAML syntax: " + m[2]}
	}
	return Diagnostic{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

func byteOffsetPos(src Source, off int) Pos {
	before := src.Data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := off - bytes.LastIndexByte(before, '\n')
	return Pos{File: src.Name, Line: line, Col: col}
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

// merge adds a parsed file. The first file (or any with base_uri) sets the
// catalog-wide fields; every file adds errors and upstreams.
func (c *Catalog) merge(f *file, first bool) {
	if first || f.BaseURI != "" {
		if f.BaseURI != "" {
			c.BaseURI = f.BaseURI
		}
		if f.Name != "" {
			c.Name = f.Name
		}
		if f.BreakerOpenWait != 0 {
			c.BreakerOpenWait = f.BreakerOpenWait
		}
		if f.Links != (Links{}) {
			c.Links = f.Links
		}
		c.Common.Headers = append(c.Common.Headers, f.Common.Headers...)
		c.Common.Members = append(c.Common.Members, f.Common.Members...)
	}
	c.Files = append(c.Files, f.src)
	c.Upstreams = append(c.Upstreams, f.Upstreams...)
	for i, e := range f.Errors {
		e.File = f.src
		e.Path = "/errors/" + strconv.Itoa(i)
		e.BaseURI = c.BaseURI
		if f.BaseURI != "" {
			e.BaseURI = f.BaseURI
		}
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
	slices.SortStableFunc(c.Errors, func(a, b *Error) int { return strings.Compare(a.Slug, b.Slug) })
}
