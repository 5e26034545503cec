package catalog

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits that keep hostile input from exhausting the machine. The size
// limit is far above the 10k-error synthetic catalog (a few MiB).
const (
	MaxFileSize = 128 << 20
	maxDepth    = 64
)

// tree turns a YAML node into plain JSON-like values (for the schema
// validator). Positions are not copied: a message finds its line by
// walking the node tree along a JSON pointer (nodeAt), which costs nothing
// until there is a mistake to report. Anchors and aliases are refused: the
// catalog has no use for them and they are how alias bombs are built.
type tree struct {
	file string
	errs *errs
}

func (t *tree) at(n *yaml.Node) Pos { return Pos{File: t.file, Line: n.Line, Col: n.Column} }

func (t *tree) value(n *yaml.Node, depth int) any {
	if depth > maxDepth {
		t.errs.at(t.at(n), "nesting deeper than %d levels", maxDepth)
		return nil
	}
	if n.Anchor != "" {
		t.errs.at(t.at(n), "anchors (&%s) are not allowed in a catalog; write the value out", n.Anchor)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return t.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		t.errs.at(t.at(n), "aliases (*%s) are not allowed in a catalog; write the value out", n.Value)
		return nil
	case yaml.MappingNode:
		return t.mapping(n, depth)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			list = append(list, t.value(c, depth+1))
		}
		return list
	default:
		return t.scalar(n)
	}
}

func (t *tree) mapping(n *yaml.Node, depth int) any {
	obj := make(map[string]any, len(n.Content)/2)
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			t.errs.at(t.at(k), "mapping keys must be plain strings")
			continue
		}
		if k.Tag == "!!merge" {
			t.errs.at(t.at(k), "merge keys (<<) are not allowed in a catalog")
			continue
		}
		if prev, dup := first[k.Value]; dup {
			t.errs.at(t.at(k), "duplicate key %q (first at line %d)", k.Value, prev.Line)
			continue
		}
		first[k.Value] = k
		obj[k.Value] = t.value(v, depth+1)
	}
	return obj
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
		if r, ok := new(big.Rat).SetString(strings.ReplaceAll(n.Value, "_", "")); ok {
			if r.IsInt() {
				return json.Number(r.Num().String())
			}
			return json.Number(r.FloatString(12))
		}
		return n.Value
	}
	return n.Value
}

var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

func escapePointer(s string) string { return pointerEscaper.Replace(s) }

// nodeAt follows a JSON pointer ("/errors/3/retry") from a document node.
// It returns the deepest node it reached, that node's key (for a mapping
// member, nil otherwise) and whether it reached the whole pointer.
func nodeAt(doc *yaml.Node, ptr string) (n, key *yaml.Node, ok bool) {
	n = doc
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if ptr == "" {
		return n, nil, n != nil
	}
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		seg = pointerUnescaper.Replace(seg)
		next, nextKey := child(n, seg)
		if next == nil {
			return n, key, false
		}
		n, key = next, nextKey
	}
	return n, key, true
}

func child(n *yaml.Node, seg string) (value, key *yaml.Node) {
	switch {
	case n == nil:
		return nil, nil
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == seg {
				return n.Content[i+1], n.Content[i]
			}
		}
	case n.Kind == yaml.SequenceNode:
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], nil
		}
	}
	return nil, nil
}
