package problem

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestNilOption: a nil Option (a conditional option left unset) is
// ignored, not a nil-pointer panic.
func TestNilOption(t *testing.T) {
	typ := &Type{URI: "https://example.test/errors/x", Title: "X", Status: 502}
	var none Option
	p := New(typ, "d", none, Instance("/a"), nil)
	if p.Instance != "/a" || p.Detail != "d" {
		t.Errorf("%+v", p)
	}
	if p := (Middleware{}).internal(nil); p.Status != 500 {
		t.Errorf("internal with a nil option: %+v", p)
	}
}

// TestServeErrorSharedProblem: a handler returning a package-level
// problem gets each request's own instance, and the shared value is left
// as it was.
func TestServeErrorSharedProblem(t *testing.T) {
	shared := New(&Type{URI: "https://example.test/errors/x", Title: "X", Status: 404}, "gone")
	m := Middleware{}
	for _, path := range []string{"/first", "/second"} {
		rec := httptest.NewRecorder()
		m.ServeError(rec, httptest.NewRequest("GET", path, nil), fmt.Errorf("wrapped: %w", shared))
		if !strings.Contains(rec.Body.String(), `"instance":"`+path+`"`) {
			t.Errorf("%s answered %s", path, rec.Body.String())
		}
	}
	if shared.Instance != "" {
		t.Errorf("the shared problem was changed: instance %q", shared.Instance)
	}
}
