package problemtest_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/problem"
	"github.com/ankatech/errgen/problem/problemtest"
)

// The strict assertion passes every example response the catalog
// documents, as the site publishes it (site/errors/catalog.json). The
// service-module test in internal/gogen does the same with the responses
// the documented constructor calls produce.
func TestCatalogExamplesPass(t *testing.T) {
	data, err := os.ReadFile("../../site/errors/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat struct {
		Errors []struct {
			Slug    string
			Example struct {
				Headers []struct{ Name, Value string }
				Body    json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(data, &cat); err != nil {
		t.Fatal(err)
	}
	if len(cat.Errors) != len(ankaerr.All()) {
		t.Fatalf("catalog.json has %d errors, ankaerr %d", len(cat.Errors), len(ankaerr.All()))
	}
	for _, e := range cat.Errors {
		var head struct {
			Type   string
			Status int
		}
		if err := json.Unmarshal(e.Example.Body, &head); err != nil {
			t.Fatalf("%s: %v", e.Slug, err)
		}
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", problem.ContentType)
		for _, h := range e.Example.Headers {
			rec.Header().Add(h.Name, h.Value)
		}
		rec.WriteHeader(head.Status)
		rec.Write(e.Example.Body)
		typ := ankaerr.Lookup(head.Type)
		if typ == nil {
			t.Fatalf("%s: type %s not in ankaerr", e.Slug, head.Type)
		}
		problemtest.AssertProblem(t, rec, typ)
	}
}
