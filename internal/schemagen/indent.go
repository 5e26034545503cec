package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

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
// escaping off: quotes, backslashes, control characters, U+2028, U+2029
// and invalid UTF-8 escaped; everything else as is.
func writeString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				fmt.Fprintf(b, `\u%04x`, c)
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			fmt.Fprintf(b, `\u%04x`, r)
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
