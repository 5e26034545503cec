// Package jsonstr writes a Go string as a JSON string, byte for byte as
// encoding/json does, without reflection or allocation: the problem
// runtime writes response bodies with it (HTML escaping on, like
// json.Marshal) and schemagen writes the JSON files people read (HTML
// escaping off, like an Encoder with SetEscapeHTML(false)).
package jsonstr

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// plain[html][c] says whether the byte c stands in a JSON string as it
// is: printable ASCII other than " and \, and with html also not <, >, &.
// Bytes from 0x80 up start a rune to look at.
var plain = func() (t [2][256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[0][c], t[1][c] = c != '"' && c != '\\', c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// Append appends s to b as a quoted JSON string: invalid UTF-8 becomes
// \ufffd, U+2028 and U+2029 are escaped for JavaScript, and with html so
// are <, > and &, all as encoding/json writes them. It is the plain loop:
// runs of bytes that need nothing are copied in one append.
func Append(b []byte, s string, html bool) []byte {
	ok := &plain[0]
	if html {
		ok = &plain[1]
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if ok[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default: // other control bytes, and <, > and & with html
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			}
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
