package schemagen

import (
	"fmt"
	"slices"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/problem"
)

// OpenAPI renders OpenAPI 3.1 components for every error: a schema under
// components.schemas and a response (with its headers and example) under
// components.responses, both named by the error's Go name, so an API spec
// writes `$ref: 'https://docs.ankatech.co/errors/openapi.json#/components/responses/UpstreamUnavailable'`
// instead of copying the error.
func OpenAPI(c *catalog.Catalog, schemas [][]byte) ([]byte, error) {
	compSchemas := o("Problem", rawJSON(problem.BaseSchema))
	responses := o()
	for i, e := range c.Errors {
		name := catalog.GoName(e.Slug)
		compSchemas = append(compSchemas, catalog.Field{Key: name, Value: rawJSON(schemas[i])})
		responses = append(responses, catalog.Field{Key: name, Value: response(c, e, name)})
	}
	return encode(o(
		"openapi", "3.1.0",
		"$comment", Generated,
		"info", o("title", c.Name+" errors", "version", apiVersion(c), "description",
			"Problem types (RFC 9457) of the "+c.Name+" catalog, as reusable components."),
		"jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base",
		"paths", o(),
		"components", o("schemas", compSchemas, "responses", responses),
	))
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
