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
// validator) and records the position of every value by JSON pointer, so
// any later message can point at the line. Anchors and aliases are refused:
// the catalog has no use for them and they are how alias bombs are built.
type tree struct {
	file string
	pos  map[string]Pos
	errs *errs
}

func (t *tree) at(n *yaml.Node) Pos { return Pos{File: t.file, Line: n.Line, Col: n.Column} }

func (t *tree) value(n *yaml.Node, ptr string, depth int) any {
	t.pos[ptr] = t.at(n)
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
		return t.value(n.Content[0], ptr, depth+1)
	case yaml.AliasNode:
		t.errs.at(t.at(n), "aliases (*%s) are not allowed in a catalog; write the value out", n.Value)
		return nil
	case yaml.MappingNode:
		return t.mapping(n, ptr, depth)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			list = append(list, t.value(c, ptr+"/"+strconv.Itoa(i), depth+1))
		}
		return list
	default:
		return t.scalar(n)
	}
}

func (t *tree) mapping(n *yaml.Node, ptr string, depth int) any {
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
		child := ptr + "/" + escapePointer(k.Value)
		obj[k.Value] = t.value(v, child, depth+1)
		// A key's own position is what "unknown key" messages point at.
		t.pos[child+"#key"] = t.at(k)
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

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
