package schemagen_test

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/schemagen"
)

func real(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(catalog.Source{Name: builtin.Name, Data: builtin.AnkaSecure})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheckRealCatalog(t *testing.T) {
	c := real(t)
	set, err := schemagen.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemagen.CheckExamples(c, set); err != nil {
		t.Fatal(err)
	}
}

// TestExamplesValidate runs every catalog example through the generated
// package's Validate (the runtime validator on the embedded schemas).
func TestExamplesValidate(t *testing.T) {
	c := real(t)
	for _, e := range c.Errors {
		body, err := e.Example.Body.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if err := ankaerr.Validate(body); err != nil {
			t.Errorf("%s: example does not validate: %v", e.Slug, err)
		}
	}
}

// TestMutatedExamplesFail breaks examples one member at a time and wants
// an error that names the member.
func TestMutatedExamplesFail(t *testing.T) {
	c := real(t)
	cases := []struct {
		name, slug, member string
		value              any
		want               string
	}{
		{"wrong status", "upstream-unavailable", "status", 503, "/status"},
		{"wrong type", "upstream-unavailable", "type", "https://docs.ankatech.co/errors/nope", "unknown problem type"},
		{"missing title", "upstream-unavailable", "title", nil, "title"},
		{"ill-typed extension", "missing-private-key", "errorCode", 5, "/errorCode"},
		{"out-of-enum errorCode", "missing-private-key", "errorCode", "MISSING_EVERYTHING", "/errorCode"},
		{"ill-typed detail", "upstream-timeout", "detail", 42, "/detail"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := mutate(t, c, tc.slug, tc.member, tc.value)
			err := ankaerr.Validate(body)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate(%s) = %v; want an error naming %q", body, err, tc.want)
			}
		})
	}
	if err := ankaerr.Validate([]byte("<html>502</html>")); err == nil {
		t.Error("non-JSON body accepted")
	}
}

func mutate(t *testing.T, c *catalog.Catalog, slug, member string, value any) []byte {
	t.Helper()
	for _, e := range c.Errors {
		if e.Slug != slug {
			continue
		}
		var out catalog.OrderedObject
		for _, f := range e.Example.Body {
			if f.Key == member {
				if value == nil {
					continue
				}
				f.Value = value
			}
			out = append(out, f)
		}
		b, err := out.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("no %s", slug)
	return nil
}

// TestCatalogJSONValid checks catalog.json against its published schema
// and that it lists every error.
func TestCatalogJSONValid(t *testing.T) {
	checkCatalogJSON(t, real(t))
}

// TestCatalogJSONServices: the docs host's catalog.json, with two
// registered services' errors, matches its schema too, and says which
// service defines each of their errors.
func TestCatalogJSONServices(t *testing.T) {
	var srcs []catalog.Source
	for _, f := range []string{"platform.yaml", "services/keys.yaml", "services/billing.yaml"} {
		src, err := catalog.ReadFile("../cli/testdata/docshost/" + f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	c, err := catalog.Load(srcs...)
	if err != nil {
		t.Fatal(err)
	}
	doc := checkCatalogJSON(t, c)
	if n := len(doc["services"].([]any)); n != 2 {
		t.Errorf("catalog.json lists %d services, want 2", n)
	}
	for _, e := range doc["errors"].([]any) {
		m := e.(map[string]any)
		svc, _ := m["service"].(map[string]any)
		if want, _, _ := strings.Cut(m["slug"].(string), "-"); (svc != nil) != (want == "keys" || want == "billing") || svc != nil && svc["name"] != want {
			t.Errorf("%s: service %v", m["slug"], svc)
		}
	}
}

// checkCatalogJSON checks c's catalog.json against its published schema,
// its entries against the pages' index.json, and returns it.
func checkCatalogJSON(t *testing.T, c *catalog.Catalog) map[string]any {
	t.Helper()
	set, err := schemagen.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	files, err := schemagen.SiteFiles(c, set)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	comp := jsonschema.NewCompiler()
	comp.LoadURL = func(u string) (io.ReadCloser, error) { t.Fatalf("network load %s", u); return nil, nil }
	const id = "https://docs.ankatech.co/errors/catalog.json.schema.json"
	if err := comp.AddResource(id, bytes.NewReader(byPath["errors/catalog.json.schema.json"])); err != nil {
		t.Fatal(err)
	}
	s, err := comp.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(byPath["errors/catalog.json"], &doc); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(doc); err != nil {
		t.Fatalf("catalog.json does not match its schema: %v", err)
	}
	if n := len(doc["errors"].([]any)); n != len(c.Errors) {
		t.Errorf("catalog.json has %d errors, catalog %d", n, len(c.Errors))
	}
	// Each page's entry (errors/<slug>/index.json, which errgen serve
	// negotiates) is that error's item of catalog.json.
	for i, e := range c.Errors {
		var entry any
		if err := json.Unmarshal(byPath["errors/"+e.Slug+"/index.json"], &entry); err != nil {
			t.Fatalf("errors/%s/index.json: %v", e.Slug, err)
		}
		if !reflect.DeepEqual(entry, doc["errors"].([]any)[i]) {
			t.Errorf("errors/%s/index.json is not catalog.json's entry", e.Slug)
		}
	}
	var api struct {
		Components struct {
			Schemas, Responses map[string]any
		}
	}
	if err := json.Unmarshal(byPath["errors/openapi.json"], &api); err != nil {
		t.Fatal(err)
	}
	if len(api.Components.Schemas) != len(c.Errors)+1 {
		t.Errorf("openapi.json: %d schemas for %d errors", len(api.Components.Schemas), len(c.Errors))
	}
	for _, e := range c.Errors {
		if api.Components.Responses[catalog.GoName(e.Slug)] == nil {
			t.Errorf("openapi.json: no response %s", catalog.GoName(e.Slug))
		}
	}
	return doc
}
