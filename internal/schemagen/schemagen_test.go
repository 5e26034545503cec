package schemagen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/schemagen"
	"github.com/ankatech/errgen/problem"
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
	if err := schemagen.CheckExamples(c); err != nil {
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

// TestCheckAgreesWithSchemas: CheckExamples validates an example against
// the base schema and each member against its own subschema, each
// compiled once per distinct schema (the constants and the required
// members are lint's). For every error of the real catalog and every way
// to break a member of its example, it must refuse exactly what the
// error's published schema refuses; and so for testdata/shapes.yaml,
// whose errors share members and have members of every type and format.
func TestCheckAgreesWithSchemas(t *testing.T) {
	shapes, err := catalog.ReadFile("testdata/shapes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(shapes)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*catalog.Catalog{real(t), c} {
		t.Run(c.Name, func(t *testing.T) { checkAgrees(t, c) })
	}
}

func checkAgrees(t *testing.T, c *catalog.Catalog) {
	set, err := schemagen.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	full := make([]*jsonschema.Schema, len(c.Errors))
	for i, e := range c.Errors {
		comp := jsonschema.NewCompiler()
		comp.AssertFormat = true
		comp.LoadURL = func(u string) (io.ReadCloser, error) {
			if u != problem.BaseSchemaID {
				t.Fatalf("%s: schema loads %s", e.Slug, u)
			}
			return io.NopCloser(strings.NewReader(problem.BaseSchema)), nil
		}
		url := schemagen.SchemaURL(e)
		if err := comp.AddResource(url, bytes.NewReader(set.Schemas[i])); err != nil {
			t.Fatal(err)
		}
		if full[i], err = comp.Compile(url); err != nil {
			t.Fatalf("%s: published schema does not compile: %v", e.Slug, err)
		}
	}
	// Every way to break each member of each example, entry by entry; a
	// round breaks one member of every example at once.
	breaks := make([][]catalog.OrderedObject, len(c.Errors))
	rounds := 0
	for i, e := range c.Errors {
		for _, m := range slices.Concat(c.Common.Members, e.Members) {
			for _, v := range wrongValues(m) {
				breaks[i] = append(breaks[i], with(e.Example.Body, m.Name, v))
			}
		}
		breaks[i] = append(breaks[i], with(e.Example.Body, "detail", json.Number("42")), with(e.Example.Body, "instance", false))
		rounds = max(rounds, len(breaks[i]))
	}
	refusedOnce := 0
	for r := -1; r < rounds; r++ { // round -1: the examples as they are
		cc := *c
		cc.Errors = make([]*catalog.Entry, len(c.Errors))
		want := map[string]bool{}
		for i, e := range c.Errors {
			x := *e
			if r >= 0 && r < len(breaks[i]) {
				x.Example.Body = breaks[i][r]
			}
			cc.Errors[i] = &x
			b, err := x.Example.Body.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var doc any
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if full[i].Validate(doc) != nil {
				want[e.Slug] = true
				refusedOnce++
			}
		}
		got := map[string]bool{}
		var ds catalog.Diagnostics
		if err := schemagen.CheckExamples(&cc); err != nil && !errors.As(err, &ds) {
			t.Fatal(err)
		}
		for _, d := range ds {
			got[slugAt(t, &cc, d)] = true
		}
		for _, e := range c.Errors {
			if got[e.Slug] != want[e.Slug] {
				t.Errorf("round %d, %s: CheckExamples refuses: %v, the published schema refuses: %v", r, e.Slug, got[e.Slug], want[e.Slug])
			}
		}
	}
	if refusedOnce < len(c.Errors) {
		t.Fatalf("the published schemas refused only %d broken examples: the test breaks too little", refusedOnce)
	}
}

// wrongValues are values a member's schema may refuse: another JSON type,
// a string breaking its format, a value outside its enum.
func wrongValues(m catalog.Member) []any {
	vals := []any{map[string]any{}}
	switch m.Type {
	case "string":
		vals = append(vals, json.Number("7"), "not-a-"+m.Format+"-value")
	default:
		vals = append(vals, "seven")
	}
	if len(m.Enum) > 0 {
		vals = append(vals, m.Enum[0]+"-NOT")
	}
	return vals
}

// with is body with member set to v.
func with(body catalog.OrderedObject, member string, v any) catalog.OrderedObject {
	out := slices.Clone(body)
	for i, f := range out {
		if f.Key == member {
			out[i].Value = v
			return out
		}
	}
	return append(out, catalog.Field{Key: member, Value: v})
}

// slugAt is the entry a diagnostic of CheckExamples points at.
func slugAt(t *testing.T, c *catalog.Catalog, d catalog.Diagnostic) string {
	for _, e := range c.Errors {
		if d.Pos == c.PosOf(e, "/example/body") || d.Pos == c.PosOf(e, "") {
			return e.Slug
		}
	}
	t.Fatalf("diagnostic %s points at no entry", d)
	return ""
}
