package problem

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

func marshalStd(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
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

// TestTypeCopies: a Type is a plain value; a copy edited after the
// original was used encodes its own URI and title.
func TestTypeCopies(t *testing.T) {
	orig := &Type{URI: "https://example.com/a", Title: "A", Status: 400}
	if _, err := New(orig, "").MarshalJSON(); err != nil {
		t.Fatal(err)
	}
	cp := *orig
	cp.Title = "Copy"
	b, err := New(&cp, "").MarshalJSON()
	if err != nil || string(b) != `{"type":"https://example.com/a","title":"Copy","status":400}` {
		t.Fatalf("%s %v", b, err)
	}
}
