package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// UnmarshalYAML reads a status code or a class (4xx, 5xx).
func (s *Status) UnmarshalYAML(n *yaml.Node) error {
	if n.ShortTag() == "!!int" {
		// The same reading as the schema check's, which has bounded it.
		r, ok := exactNumber(n.Value)
		if !ok || !r.IsInt() || !r.Num().IsInt64() || r.Num().Int64() > 999 {
			return fmt.Errorf("status %q is not a small integer", n.Value)
		}
		*s = Status{Code: int(r.Num().Int64())}
		return nil
	}
	*s = Status{Class: n.Value}
	return nil
}

// String is "502" or "4xx".
func (s Status) String() string {
	if s.Class != "" {
		return s.Class
	}
	return strconv.Itoa(s.Code)
}

// ClassDigit is 4 or 5: the hundreds digit of the code or class.
func (s Status) ClassDigit() int {
	if s.Class != "" {
		return int(s.Class[0] - '0')
	}
	return s.Code / 100
}

// Contains reports whether an HTTP status code matches s.
func (s Status) Contains(code int) bool {
	if s.Class != "" {
		return code/100 == s.ClassDigit()
	}
	return code == s.Code
}

// Field is one member of an OrderedObject.
type Field struct {
	Key   string
	Value any // string, json.Number, bool, nil, OrderedObject or []any
}

// OrderedObject is a JSON object that keeps its members' order, so an
// example body is shown and checked exactly as the catalog writes it.
type OrderedObject []Field

// Get returns the value of a member and whether it is present.
func (o OrderedObject) Get(key string) (any, bool) {
	for _, f := range o {
		if f.Key == key {
			return f.Value, true
		}
	}
	return nil, false
}

// UnmarshalYAML keeps member order.
func (o *OrderedObject) UnmarshalYAML(n *yaml.Node) error {
	v, err := orderedValue(n)
	if err != nil {
		return err
	}
	obj, ok := v.(OrderedObject)
	if !ok {
		return fmt.Errorf("line %d: expected a mapping", n.Line)
	}
	*o = obj
	return nil
}

func orderedValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		obj := make(OrderedObject, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := orderedValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			obj = append(obj, Field{Key: n.Content[i].Value, Value: v})
		}
		return obj, nil
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := orderedValue(c)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	default:
		return (&tree{}).scalar(n), nil
	}
}

// MarshalJSON writes the members in order.
func (o OrderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Indent renders the object as indented JSON (two spaces), the form shown
// in docs and examples.
func (o OrderedObject) Indent() string {
	raw, err := o.MarshalJSON()
	if err != nil {
		return ""
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}
