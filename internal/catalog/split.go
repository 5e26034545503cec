package catalog

import (
	"bytes"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/ankatech/errgen/internal/par"
)

// The fast path. A catalog is one mapping whose errors key, usually last,
// holds a block sequence of thousands of entries. Cut at the lines that
// start an entry, the text parses piece by piece, on every core, and each
// piece's YAML tree is dropped as soon as its entry is decoded. The cut is
// taken only where it cannot change the meaning (see split), and the
// result only when every piece is clean: any mistake at all and the file
// is parsed whole, so a broken file gets exactly the whole parse's
// messages.

// unsure are tab, CR, NEL, LS, PS and BOM, searched one by one (with
// SIMD): bytes.ContainsAny is many times slower.
var unsure = [][]byte{[]byte("\t"), []byte("\r"), []byte("\u0085"), []byte("\u2028"), []byte("\u2029"), []byte("\ufeff")}

// piece is an entry's text and the file line it starts on.
type piece struct {
	text []byte
	line int
}

// split cuts data into the text before the entries (ending with the line
// "errors:") and one piece per entry, or reports that it cannot be sure
// of the cut. Sure means: no tab, CR, Unicode line break or BOM (they
// change how YAML counts lines and columns); no directive or document
// marker before "errors:"; after it, every line blank, a comment, or
// indented at least as much as the first entry's "- " (indent ≥ 1), so
// the list runs to the end of the file; and every line indented exactly
// that much starting an entry. A line inside a block scalar or a
// multi-line plain scalar is indented further than that; one inside a
// quoted scalar or a flow collection leaves the piece before it
// unterminated, which its parse then refuses.
func split(data []byte) (head []byte, headLines int, pieces []piece, ok bool) {
	if slices.ContainsFunc(unsure, func(b []byte) bool { return bytes.Contains(data, b) }) {
		return nil, 0, nil, false
	}
	indent := -1 // the entries' indentation, once known
	for off, line := 0, 1; off < len(data); line++ {
		end := bytes.IndexByte(data[off:], '\n') + 1
		if end == 0 {
			end = len(data) - off
		}
		text := data[off : off+end]
		switch spaces := len(text) - len(bytes.TrimLeft(text, " ")); {
		case head == nil && (bytes.HasPrefix(text, []byte("%")) || bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("..."))):
			return nil, 0, nil, false // directives and document markers
		case head == nil:
			if isErrorsLine(text) {
				head, headLines = data[:off+end], line
			}
		case isBlankOrComment(text[spaces:]):
		case indent < 0 && spaces > 0 && bytes.HasPrefix(text[spaces:], []byte("- ")):
			indent = spaces
			head = data[:off]
			pieces = append(pieces, piece{text: data[off:], line: line})
		case indent < 0 || spaces < indent:
			return nil, 0, nil, false
		case spaces == indent:
			if !bytes.HasPrefix(text[spaces:], []byte("- ")) {
				return nil, 0, nil, false
			}
			pieces = append(pieces, piece{text: data[off:], line: line})
		}
		off += end
	}
	if len(pieces) == 0 {
		return nil, 0, nil, false
	}
	for i := range len(pieces) - 1 { // each piece ends where the next starts
		pieces[i].text = pieces[i].text[:len(pieces[i].text)-len(pieces[i+1].text)]
	}
	return head, headLines, pieces, true
}

// isErrorsLine: "errors:" at the left margin, then nothing but a comment.
func isErrorsLine(text []byte) bool {
	rest, ok := bytes.CutPrefix(text, []byte("errors:"))
	if !ok {
		return false
	}
	trimmed := bytes.TrimLeft(rest, " ")
	if len(trimmed) > 0 && trimmed[0] == '#' {
		return len(trimmed) < len(rest) // a comment needs a space before it
	}
	return len(trimmed) == 0 || trimmed[0] == '\n'
}

func isBlankOrComment(text []byte) bool {
	t := bytes.TrimLeft(text, " ")
	return len(t) == 0 || t[0] == '\n' || t[0] == '#'
}

// parseSplit is parseFile's fast path. It returns nil when the file cannot
// be cut for sure or has any mistake; the whole parse then reports it.
func parseSplit(src Source) *file {
	head, headLines, pieces, ok := split(src.Data)
	if !ok || len(pieces) > MaxEntries {
		return nil
	}
	catalog, err := compiledCatalogSchema()
	if err != nil {
		return nil
	}
	var doc yaml.Node
	if yaml.Unmarshal(head, &doc) != nil || !endsWithErrors(&doc, headLines) {
		return nil
	}
	t := newTree(src.Name, &errs{})
	v, x := t.build(&doc, 0)
	top, ok := v.(map[string]any)
	if len(t.errs.list) > 0 || !ok {
		return nil
	}

	entries := make([]*Entry, len(pieces))
	var first any // entry 0's value
	trees := make([]*tree, par.Workers(len(pieces)))
	ok = par.Do(len(pieces), func(w, i int) bool {
		if trees[w] == nil {
			trees[w] = newTree(src.Name, &errs{})
		}
		v, e := trees[w].entry(pieces[i])
		entries[i] = e
		if i == 0 {
			first = v
		}
		return e != nil
	})
	if !ok {
		return nil
	}
	// The top level is checked with entry 0 as the whole list: every
	// entry has passed $defs/error on its own already.
	top["errors"] = []any{first}
	f := &file{src: src.Name}
	if catalog.Validate(top) != nil || doc.Decode(&f.Catalog) != nil {
		return nil
	}
	f.Errors = entries
	f.baseKey = isBase(top)
	f.placeUpstreams(x)
	f.placeHistory(x)
	return f
}

// endsWithErrors: the head's top level is a mapping whose last key is the
// "errors:" that split found (so its value is the empty one that the
// entries take the place of).
func endsWithErrors(doc *yaml.Node, line int) bool {
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return false
	}
	m := doc.Content[0].Content
	if len(m) < 2 {
		return false
	}
	k := m[len(m)-2]
	return k.Kind == yaml.ScalarNode && k.Value == "errors" && k.Line == line && k.Column == 1
}

// entry parses one piece, which must be a list of exactly one item with
// no mistake at all, into the entry's value and model (nil on a mistake).
func (t *tree) entry(p piece) (any, *Entry) {
	var doc yaml.Node
	if yaml.Unmarshal(p.text, &doc) != nil || len(doc.Content) != 1 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode || len(list.Content) != 1 {
		return nil, nil
	}
	t.line = p.line - 1
	item := list.Content[0]
	v, x := t.build(item, 3) // under the document, its mapping and the list
	var e Entry
	if len(t.errs.list) > 0 || entrySchema.Validate(v) != nil || item.Decode(&e) != nil {
		return nil, nil
	}
	e.pos = x
	return v, &e
}
