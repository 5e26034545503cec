package schemagen_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/ankatech/errgen/internal/schemagen"
)

// TestOpenAPIValid: openapi.json is a valid OpenAPI 3.1 document by the
// 3.1 specification's own schema (libopenapi-validator), stands alone
// (every $ref is a pointer inside it, so linters work offline) and
// builds into a model whose error schemas all reach the base Problem.
func TestOpenAPIValid(t *testing.T) {
	c := real(t)
	spec, err := schemagen.OpenAPI(c)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Errorf("OpenAPI version %q", v)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("not valid OpenAPI 3.1: %s: %s", e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  at %s: %s", se.KeywordLocation, se.Reason)
			}
		}
	}
	for _, line := range strings.Split(string(spec), "\n") {
		if ref, ok := strings.CutPrefix(strings.TrimSpace(line), `"$ref": "`); ok && !strings.HasPrefix(ref, "#/") {
			t.Errorf("a $ref outside the document: %s", strings.TrimSpace(line))
		}
	}
	if _, err := doc.BuildV3Model(); err != nil {
		t.Fatalf("building the model: %v", err)
	}
	var parsed struct {
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(spec, &parsed); err != nil {
		t.Fatal(err)
	}
	if len(parsed.Components.Schemas) != len(c.Errors)+1 {
		t.Errorf("%d component schemas for %d errors and the base", len(parsed.Components.Schemas), len(c.Errors))
	}
	for name, s := range parsed.Components.Schemas {
		if _, ok := s["$id"]; ok {
			t.Errorf("%s has an $id: its pointers would resolve against it", name)
		}
		if name != "Problem" && s["$ref"] != "#/components/schemas/Problem" {
			t.Errorf("%s refines %v, not #/components/schemas/Problem", name, s["$ref"])
		}
	}
}
