package catalog

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// tree turns a YAML node into plain JSON-like values (for the schema
// validator) and an index of its positions, so messages (many produced
// after Load, by Lint and PosOf) find their line once the YAML tree is
// gone. Anchors and aliases are refused: the catalog has no use for them
// and they are how alias bombs are built.
type tree struct {
	file  string
	line  int // added to every line: the parsed text's first line, minus one
	errs  *errs
	nodes index
	keys  map[string]string // member names, interned: the index keeps them
	bad   []int             // the line of every mistake, to tell which entry it is in
}

func (t *tree) fail(n *yaml.Node, format string, args ...any) {
	p := t.at(n)
	t.bad = append(t.bad, p.Line)
	t.errs.at(p, format, args...)
}

func newTree(file string, e *errs) *tree {
	return &tree{file: file, errs: e, keys: map[string]string{}}
}

func (t *tree) at(n *yaml.Node) Pos { return Pos{File: t.file, Line: t.line + n.Line, Col: n.Column} }

// build returns n's value and index; depth is n's depth in its file. The
// index grows in a buffer kept for the next build and is copied out at
// its final size.
func (t *tree) build(n *yaml.Node, depth int) (any, index) {
	t.nodes = append(t.nodes[:0], node{})
	v := t.value(n, depth, 0)
	return v, slices.Clone(t.nodes)
}

// value fills t.nodes[at] for n (its slot is already reserved).
func (t *tree) value(n *yaml.Node, depth int, at int32) any {
	t.nodes[at].line, t.nodes[at].col = int32(t.line+n.Line), int32(n.Column)
	if depth > maxDepth {
		t.fail(n, "nesting deeper than %d levels", maxDepth)
		return nil
	}
	if n.Anchor != "" {
		t.fail(n, "anchors (&%s) are not allowed in a catalog; write the value out", n.Anchor)
	}
	switch {
	case n.Style&yaml.TaggedStyle == 0:
	case n.ShortTag() == "!!binary":
		// yaml.v3 would decode it into the text as raw bytes.
		t.fail(n, "!!binary values are not allowed in a catalog; write the text out")
	default:
		// The schema check and yaml.v3's decoding read a tagged value
		// differently (!!int 3e1 is 30 to one, a mistake to the other).
		t.fail(n, "tags (%s) are not allowed in a catalog; write the value plainly, and quote text that must stay text", n.Tag)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return t.value(n.Content[0], depth+1, at)
	case yaml.AliasNode:
		t.fail(n, "aliases (*%s) are not allowed in a catalog; write the value out", n.Value)
		return nil
	case yaml.MappingNode:
		return t.mapping(n, depth, at)
	case yaml.SequenceNode:
		first := t.reserve(at, len(n.Content))
		list := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			list = append(list, t.value(c, depth+1, first+int32(i)))
		}
		return list
	default:
		switch {
		case strings.ContainsRune(n.Value, 0):
			t.fail(n, "text contains a NUL character")
		case strings.ContainsRune(n.Value, '\ufeff'):
			t.fail(n, "text contains a byte order mark (U+FEFF)")
		case unsafeTextAt(n.Value) >= 0:
			r, _ := utf8.DecodeRuneInString(n.Value[unsafeTextAt(n.Value):])
			// Titles and texts are copied into Go comments and pages, where
			// such a character hides or reorders what a reader sees.
			t.fail(n, "text contains %U, a control or bidi formatting character that changes how the text reads where it is copied (Go comments, pages); remove it", r)
		case (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") && leadingZero(n.Value):
			// yaml.v3 reads 030 as octal 24, JSON Schema tools as 30.
			t.fail(n, "number %s starts with 0, which YAML readers take as octal or as decimal; write it without the 0 (or with 0o for octal)", n.Value)
		}
		return t.scalar(n)
	}
}

// unsafeTextAt is the index of the first unsafeRune in s other than the
// tab and line feed text may hold, or -1. Printable ASCII, nearly all of
// a catalog, is passed over a byte at a time.
func unsafeTextAt(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f, c == '\n', c == '\t':
		case c < utf8.RuneSelf:
			return i
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unsafeRune(r) {
				return i
			}
			i += n - 1
		}
	}
	return -1
}

// reserve gives the node at slot at k child slots, next to each other.
func (t *tree) reserve(at int32, k int) int32 {
	first := int32(len(t.nodes))
	if k > 0 {
		t.nodes = append(t.nodes, make([]node, k)...)
		t.nodes[at].first, t.nodes[at].n = first, int32(k)
	}
	return first
}

func (t *tree) mapping(n *yaml.Node, depth int, at int32) any {
	obj := make(map[string]any, len(n.Content)/2)
	slot := t.reserve(at, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i, slot = i+2, slot+1 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			t.fail(k, "mapping keys must be plain strings")
			continue
		}
		if k.Tag == "!!merge" {
			t.fail(k, "merge keys (<<) are not allowed in a catalog")
			continue
		}
		if _, dup := obj[k.Value]; dup {
			t.fail(k, "duplicate key %q (first at line %d)", k.Value, t.line+firstKey(n, k.Value).Line)
			continue
		}
		key, ok := t.keys[k.Value]
		if !ok {
			key = k.Value
			t.keys[key] = key
		}
		t.nodes[slot].key, t.nodes[slot].keyLine, t.nodes[slot].keyCol = key, int32(t.line+k.Line), int32(k.Column)
		obj[key] = t.value(v, depth+1, slot)
	}
	return obj
}

// firstKey finds the first plain key named k (the one in the value tree).
func firstKey(n *yaml.Node, k string) *yaml.Node {
	for i := 0; ; i += 2 {
		if c := n.Content[i]; c.Kind == yaml.ScalarNode && c.Tag != "!!merge" && c.Value == k {
			return c
		}
	}
}

// scalar resolves a YAML scalar the way yaml.v3 would, keeping numbers
// exact (json.Number) so an enormous number is reported, not rounded.
func (t *tree) scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int", "!!float":
		if r, ok := exactNumber(n.Value); ok {
			if r.IsInt() {
				return json.Number(r.Num().String())
			}
			return json.Number(r.FloatString(12))
		}
		return n.Value
	}
	return n.Value
}

// leadingZero: an integer written with a 0 before its digits (030, -07,
// and 039, which yaml.v3 takes for a float since it is no octal).
func leadingZero(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if len(s) < 2 || s[0] != '0' {
		return false
	}
	for _, c := range s[1:] {
		if (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// exactNumber reads a YAML number (4_02, 0x1F6, 0o766, 0b1, 4.02e2) as the
// schema check sees it.
func exactNumber(s string) (*big.Rat, bool) {
	return new(big.Rat).SetString(strings.ReplaceAll(s, "_", ""))
}

var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// EscapePointer escapes s as one token of a JSON Pointer (RFC 6901).
func EscapePointer(s string) string { return pointerEscaper.Replace(s) }

// node is what a message needs of a YAML node: its position, its key's
// (for a mapping member) and its children.
type node struct {
	key             string
	line, col       int32
	keyLine, keyCol int32 // 0 unless a mapping member
	first, n        int32 // children: index[first : first+n]
}

// index is a YAML tree's nodes, flattened: the root first, each node's
// children next to each other. It is a fraction of the size of the
// yaml.Node tree.
type index []node

// find follows a JSON pointer ("/errors/3/retry") from the root. It
// returns the deepest node it reached and whether it reached the whole
// pointer; on an empty index, the start of the file.
func (x index) find(ptr string) (node, bool) {
	if len(x) == 0 {
		return node{line: 1, col: 1}, false
	}
	n := x[0]
	if ptr == "" {
		return n, true
	}
	for seg := range strings.SplitSeq(strings.TrimPrefix(ptr, "/"), "/") {
		if strings.Contains(seg, "~") {
			seg = pointerUnescaper.Replace(seg)
		}
		next, ok := x.child(n, seg)
		if !ok {
			return n, false
		}
		n = next
	}
	return n, true
}

func (x index) child(n node, seg string) (node, bool) {
	kids := x[n.first : n.first+n.n]
	if len(kids) > 0 && kids[0].keyLine != 0 { // a mapping's members
		for _, k := range kids {
			if k.key == seg {
				return k, true
			}
		}
		return node{}, false
	}
	if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(kids) {
		return kids[i], true
	}
	return node{}, false
}

// subtree copies the nodes under x[root] into an index of their own, laid
// out as build would lay them out.
func (x index) subtree(root int32) index {
	out := index{x[root]}
	var copyKids func(from, to int32)
	copyKids = func(from, to int32) {
		n := x[from]
		if n.n == 0 {
			return
		}
		first := int32(len(out))
		out = append(out, x[n.first:n.first+n.n]...)
		out[to].first = first
		for i := range n.n {
			copyKids(n.first+i, first+i)
		}
	}
	copyKids(root, 0)
	return out
}

func (n node) pos(file string) Pos { return Pos{File: file, Line: int(n.line), Col: int(n.col)} }
