package schemagen

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// TestWriteIndentMatchesEncodingJSON: the one-pass writer gives the bytes
// encoding/json gives (HTML escaping off, two-space indent).
func TestWriteIndentMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", `q"uote\back`, "ctl\x00\x01\x1f\n\r\t\b\f", "<&>", "\u2028\u2029", "bad\xffutf8", "é漢🙂"}
	for _, s := range strs {
		var gotS, wantS bytes.Buffer
		writeString(&gotS, s)
		enc := json.NewEncoder(&wantS)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if gotS.String()+"\n" != wantS.String() {
			t.Errorf("string %q: got %s, want %s", s, gotS.String(), wantS.String())
		}
		if bytes.ContainsAny([]byte(s), "<&>") {
			continue // OrderedObject.MarshalJSON escapes HTML; the writer does not
		}
		v := catalog.OrderedObject{{Key: s, Value: []any{s, json.Number("1.5"), true, nil, catalog.OrderedObject{}, []any{}}}}
		var got bytes.Buffer
		if err := writeIndent(&got, v, "\n"); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc = json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if got.String()+"\n" != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
}
