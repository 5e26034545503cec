package problem

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func marshalStd(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAppendStringAllRunes compares the escaper with encoding/json for
// every rune, alone and between ASCII neighbours.
func TestAppendStringAllRunes(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		s := string(r) // surrogates become U+FFFD here, like any invalid rune
		for _, in := range []string{s, "a" + s + "b"} {
			if got, want := appendString(nil, in), marshalStd(t, in); !bytes.Equal(got, want) {
				t.Fatalf("rune %U: got %s, want %s", r, got, want)
			}
		}
	}
}

func TestAppendStringInvalidUTF8(t *testing.T) {
	cases := []string{
		"\xff", "a\xffb", "\xc3", "\xc3(", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xf0\x9f\x98", "ok\u2028\u2029<script>&amp;</script>\x7f\x00\x1f\"\\",
		"\xe2\x80\xa8\xe2\x80", string([]byte{0x80, 0x81, 0xfe}),
	}
	for b := 0; b < 256; b++ {
		cases = append(cases, string([]byte{byte(b)}), string([]byte{'x', byte(b), 0xa8}))
	}
	for _, in := range cases {
		if got, want := appendString(nil, in), marshalStd(t, in); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

func TestAppendValue(t *testing.T) {
	values := []any{
		nil, "s<>", true, false, 0, -7, int32(-3), int64(math.MinInt64), uint(9), uint64(math.MaxUint64),
		1.5, 1e21, 1e20, 1e-7, 0.000001, math.Copysign(0, -1), 123456789.125, float32(3.14), float32(1e-7), float32(1e21),
		[]string{"a", "<b>"}, []string{}, []string(nil), map[string]int{"z": 1, "a": 2}, []int{1, 2},
		json.RawMessage(`{"x" : 1}`),
	}
	for _, v := range values {
		got, err := appendValue(nil, v)
		if err != nil {
			t.Errorf("%#v: %v", v, err)
			continue
		}
		if want := marshalStd(t, v); !bytes.Equal(got, want) {
			t.Errorf("%#v: got %s, want %s", v, got, want)
		}
	}
	for _, v := range []any{math.NaN(), math.Inf(1), float32(math.Inf(-1))} {
		if _, err := appendValue(nil, v); err == nil {
			t.Errorf("%v: want an error", v)
		}
	}
}

func TestMarshalJSON(t *testing.T) {
	p := sampleProblem()
	b, err := json.Marshal(p) // goes through MarshalJSON
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != wantBody {
		t.Errorf("got  %s\nwant %s", b, wantBody)
	}
	// Extensions may not shadow standard members; no type means about:blank.
	q := &Problem{Title: "T", Extensions: map[string]any{"status": 1, "type": "x", "b": 2, "a": 1}}
	b, _ = q.MarshalJSON()
	if want := `{"type":"about:blank","title":"T","a":1,"b":2}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	if !json.Valid(b) {
		t.Error("invalid JSON")
	}
}

// The encoded start of a body is cached per Type; it must follow a Type
// edited after use and never leak into a problem whose members were edited.
func TestEncodedHeadFollowsChanges(t *testing.T) {
	typ := &Type{URI: "https://example.com/a", Title: "A <one>", Status: 400}
	body := func(p *Problem) string {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := func(uri, title string) string {
		return `{"type":` + string(marshalStd(t, uri)) + `,"title":` + string(marshalStd(t, title)) + `,"status":400}`
	}
	if got := body(New(typ, "")); got != want("https://example.com/a", "A <one>") {
		t.Fatalf("first: %s", got)
	}
	p := New(typ, "")
	p.Title = "Edited"
	if got := body(p); got != want("https://example.com/a", "Edited") {
		t.Fatalf("edited problem: %s", got)
	}
	typ.URI, typ.Title = "https://example.com/b", "B"
	if got := body(New(typ, "")); got != want("https://example.com/b", "B") {
		t.Fatalf("edited type: %s", got)
	}
}

// TestAppendStringEveryByteEveryOffset puts each byte value (and a few
// multi-byte runes) at each offset of a long ASCII string, so the
// eight-bytes-at-a-time path meets every byte in every lane.
func TestAppendStringEveryByteEveryOffset(t *testing.T) {
	var specials []string
	for c := range 256 {
		specials = append(specials, string([]byte{byte(c)}))
	}
	specials = append(specials, "é", "\u2028", "\u2029", "😀", "\xe2\x80", "<>&\"\\")
	for _, sp := range specials {
		for off := range 17 {
			in := strings.Repeat("a", off) + sp + strings.Repeat("b", 19-off)
			if got, want := appendString(nil, in), marshalStd(t, in); !bytes.Equal(got, want) {
				t.Fatalf("%q at %d: got %s, want %s", sp, off, got, want)
			}
		}
	}
}

func TestNeedsEscape(t *testing.T) {
	for c := range 256 {
		for lane := range 8 {
			w := []byte("abcdefgh")
			w[lane] = byte(c)
			if got, want := needsEscape(load64(string(w), 0)), !safeByte[c]; got != want {
				t.Fatalf("byte %#x in lane %d: needsEscape %v, want %v", c, lane, got, want)
			}
		}
	}
}
