package jsonstr

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// std is what encoding/json writes for s, with or without HTML escaping.
func std(t testing.TB, s string, html bool) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func check(t *testing.T, in string) {
	t.Helper()
	for _, html := range []bool{true, false} {
		if got, want := Append(nil, in, html), std(t, in, html); !bytes.Equal(got, want) {
			t.Fatalf("%q (html %v): got %s, want %s", in, html, got, want)
		}
	}
}

// TestEveryRune compares with encoding/json for every rune, alone and
// between ASCII neighbours; with -short, every rune of the Basic
// Multilingual Plane (all the escapes live there) and every 61st above.
func TestEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if testing.Short() && r > 0xffff && r%61 != 0 {
			continue
		}
		s := string(r) // surrogates become U+FFFD here, like any invalid rune
		check(t, s)
		check(t, "a"+s+"b")
	}
}

func TestInvalidUTF8(t *testing.T) {
	cases := []string{
		"\xff", "a\xffb", "\xc3", "\xc3(", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xf0\x9f\x98", "ok\u2028\u2029<script>&amp;</script>\x7f\x00\x1f\"\\",
		"\xe2\x80\xa8\xe2\x80", string([]byte{0x80, 0x81, 0xfe}),
	}
	for b := range 256 {
		cases = append(cases, string([]byte{byte(b)}), string([]byte{'x', byte(b), 0xa8}))
	}
	for _, in := range cases {
		check(t, in)
	}
}

// TestEveryByteEveryOffset puts each byte value (and a few multi-byte
// runes) at each offset of a longer ASCII string, so every escape meets
// runs of plain bytes on both sides.
func TestEveryByteEveryOffset(t *testing.T) {
	var specials []string
	for c := range 256 {
		specials = append(specials, string([]byte{byte(c)}))
	}
	specials = append(specials, "é", "\u2028", "\u2029", "😀", "\xe2\x80", "<>&\"\\")
	for _, sp := range specials {
		for off := range 17 {
			check(t, strings.Repeat("a", off)+sp+strings.Repeat("b", 19-off))
		}
	}
}
