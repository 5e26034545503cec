package schemagen

import (
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/problem"
)

// OpenAPI renders OpenAPI 3.1 components for every error: a schema under
// components.schemas and a response (with its headers and example) under
// components.responses, both named by the error's Go name, so an API spec
// writes `$ref: 'https://docs.ankatech.co/errors/openapi.json#/components/responses/UpstreamUnavailable'`
// instead of copying the error.
//
// The document stands alone, so linters check it offline: each error
// schema refines the base problem schema at #/components/schemas/Problem
// rather than at its URL, and the schemas carry no $id (an $id would make
// that pointer resolve against the schema's own URL). The generated note
// is an x- field: OpenAPI 3.1 allows no $comment at the top level.
func OpenAPI(c *catalog.Catalog) ([]byte, error) {
	base, err := problemComponent()
	if err != nil {
		return nil, err
	}
	compSchemas := o("Problem", base)
	responses := o()
	for _, e := range c.Errors {
		name := catalog.GoName(e.Slug)
		compSchemas = append(compSchemas, catalog.Field{Key: name, Value: schemaBody(c, e, "#/components/schemas/Problem")})
		responses = append(responses, catalog.Field{Key: name, Value: response(c, e, name)})
	}
	return encode(o(
		"openapi", "3.1.0",
		"x-generated", Generated,
		"info", o("title", c.Name+" errors", "version", apiVersion(c), "description",
			"Problem types (RFC 9457) of the "+c.Name+" catalog, as reusable components."),
		"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base",
		"paths", o(),
		"components", o("schemas", compSchemas, "responses", responses),
	))
}

// problemComponent is the base problem schema without $schema and $id,
// which the document's jsonSchemaDialect and its place in the document
// stand for. JSON is YAML, so the ordered decoder of the catalog keeps
// the members in the order problem.BaseSchema lists them.
func problemComponent() (obj, error) {
	var base obj
	if err := yaml.Unmarshal([]byte(problem.BaseSchema), &base); err != nil {
		return nil, fmt.Errorf("problem.BaseSchema: %w", err)
	}
	return slices.DeleteFunc(base, func(f catalog.Field) bool { return f.Key == "$schema" || f.Key == "$id" }), nil
}

func response(c *catalog.Catalog, e *catalog.Entry, name string) obj {
	headers := o()
	for _, h := range slices.Concat(c.Common.Headers, e.Headers) {
		headers = append(headers, catalog.Field{Key: h.Name, Value: o(
			"description", h.Description, "required", h.Required, "schema", o("type", "string"))})
	}
	if ra := e.Retry.RetryAfter; ra.Policy != catalog.RetryAfterNone {
		headers = append(headers, catalog.Field{Key: "Retry-After", Value: o(
			"description", ra.When,
			"required", ra.Policy == catalog.RetryAfterRequired,
			"schema", o("type", "integer", "minimum", ra.Min, "maximum", ra.Max))})
	}
	return o(
		"description", fmt.Sprintf("%s %s: %s", e.Status, e.Title, e.Summary),
		"headers", headers,
		"content", o(problem.ContentType, o(
			"schema", o("$ref", "#/components/schemas/"+name),
			"example", e.Example.Body,
		)),
	)
}
