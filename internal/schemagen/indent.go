package schemagen

import (
	"github.com/ankatech/errgen/internal/jsonstr"

	"bytes"
	"encoding/json"
	"strconv"

	"github.com/ankatech/errgen/internal/catalog"
)

// writeIndent writes v as JSON indented by two spaces, the layout
// json.MarshalIndent gives, in one pass: encoding/json would marshal an
// OrderedObject, re-scan it to compact it, then scan it again to indent,
// which was a sixth of a full build. nl is the newline plus the current
// indentation.
func writeIndent(b *bytes.Buffer, v any, nl string) error {
	switch v := v.(type) {
	case catalog.OrderedObject:
		if len(v) == 0 {
			b.WriteString("{}")
			return nil
		}
		b.WriteByte('{')
		for i, f := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(nl + "  ")
			writeString(b, f.Key)
			b.WriteString(": ")
			if err := writeIndent(b, f.Value, nl+"  "); err != nil {
				return err
			}
		}
		b.WriteString(nl + "}")
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(nl + "  ")
			if err := writeIndent(b, x, nl+"  "); err != nil {
				return err
			}
		}
		b.WriteString(nl + "]")
	case string:
		writeString(b, v)
	case json.Number:
		b.WriteString(string(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case nil:
		b.WriteString("null")
	case rawJSON:
		// Already indented from depth 0: shift it to this depth.
		b.Write(bytes.ReplaceAll(bytes.TrimSpace(v), []byte("\n"), []byte(nl)))
	default:
		raw, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		return writeIndent(b, rawJSON(raw), nl)
	}
	return nil
}

// rawJSON is JSON already indented by two spaces from depth 0, such as a
// rendered schema embedded in openapi.json.
type rawJSON []byte

// writeString writes a JSON string as encoding/json would with HTML
// escaping off.
func writeString(b *bytes.Buffer, s string) {
	b.Grow(len(s) + 2) // room for the common case, so Append does not allocate
	b.Write(jsonstr.Append(b.AvailableBuffer(), s, false))
}
