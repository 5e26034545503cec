// Package jsonstr writes JSON strings byte for byte as encoding/json
// does, without reflection or allocation: the problem runtime writes
// response bodies with it (HTML escaping on, like json.Marshal) and
// schemagen writes the JSON files people read (HTML escaping off, like an
// Encoder with SetEscapeHTML(false)).
package jsonstr

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// safe[html][c] says whether byte c may stand in a JSON string as it is:
// printable ASCII other than " and \, and with html also not <, > or &.
// Bytes from 0x80 up are never "safe": they start a rune to check.
var safe = func() (t [2][256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[0][c], t[1][c] = true, true
	}
	for _, c := range `"\` {
		t[0][c], t[1][c] = false, false
	}
	for _, c := range `<>&` {
		t[1][c] = false
	}
	return t
}()

// load64 reads s[i:i+8] as a little-endian word (one load on amd64/arm64).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasByte has the high bit of a lane set (among possibly others) exactly
// when some lane of x equals c: the classic "has a zero byte" word trick,
// exact as a whole-word yes or no, which is all needsEscape asks.
func hasByte(x uint64, c byte) uint64 {
	y := x ^ (ones * uint64(c))
	return (y - ones) &^ y
}

// needsEscape reports whether any of the eight bytes in x is not safe:
// a control byte (lane < 0x20), a byte of a multi-byte rune (high bit),
// " or \, and with html <, > or &.
func needsEscape(x uint64, html bool) bool {
	m := (x-ones*0x20)&^x | x | hasByte(x, '"') | hasByte(x, '\\')
	if html {
		m |= hasByte(x, '<') | hasByte(x, '>') | hasByte(x, '&')
	}
	return m&highs != 0
}

// Append appends s to b as a quoted JSON string: invalid UTF-8 becomes
// \ufffd, U+2028 and U+2029 are escaped for JavaScript, and with html so
// are <, > and &, all as encoding/json writes them.
func Append(b []byte, s string, html bool) []byte {
	tbl := &safe[0]
	if html {
		tbl = &safe[1]
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// The common case, a run of plain ASCII: eight bytes at a time,
		// then byte by byte up to the first one that needs a look.
		for i+8 <= len(s) && !needsEscape(load64(s, i), html) {
			i += 8
		}
		for i < len(s) && tbl[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
