package schemagen

import (
	_ "embed"

	"github.com/ankatech/errgen/internal/catalog"
)

// catalogJSONSchema describes catalog.json, so SDK authors can generate
// their own types from it.
//
//go:embed catalog.json.schema.json
var catalogJSONSchema []byte

// CatalogJSON renders the machine-readable catalog: every fact of every
// error that a client in another language needs (retry policy, members,
// relations), with markdown fields left as markdown.
func CatalogJSON(c *catalog.Catalog) ([]byte, error) {
	errs := make([]any, 0, len(c.Errors))
	for _, e := range c.Errors {
		errs = append(errs, entryJSON(c, e))
	}
	ups := make([]any, 0, len(c.Upstreams))
	for _, u := range c.Upstreams {
		ups = append(ups, o("name", u.Name, "description", u.Description))
	}
	top := o(
		"$schema", c.BaseURI+"catalog.json.schema.json",
		"$comment", Generated,
		"name", c.Name,
		"base_uri", c.BaseURI,
		"breaker_open_wait", c.BreakerOpenWait,
		"upstreams", ups,
		"common_headers", headersJSON(c.Common.Headers),
	)
	top = append(top, historyJSON(c)...)
	if len(c.Services) > 0 {
		svcs := make([]any, 0, len(c.Services))
		for _, s := range c.Services {
			svcs = append(svcs, serviceJSON(s))
		}
		top = append(top, o("services", svcs)...)
	}
	return encodeSized(append(top, o("errors", errs)...), 6*1024*len(c.Errors))
}

// EntryJSON renders one error as catalog.json has it.
func EntryJSON(c *catalog.Catalog, e *catalog.Entry) ([]byte, error) {
	return encode(entryJSON(c, e))
}

func entryJSON(c *catalog.Catalog, e *catalog.Entry) obj {
	ra := e.Retry.RetryAfter
	retryAfter := o("policy", string(ra.Policy))
	if ra.Policy != catalog.RetryAfterNone {
		retryAfter = append(retryAfter, o("min", ra.Min, "max", ra.Max, "breaker", ra.Breaker, "when", ra.When)...)
	}
	var status any = e.Status.Code
	if e.Status.Class != "" {
		status = e.Status.Class
	}
	related := make([]any, 0, len(e.Related))
	for _, r := range e.Related {
		related = append(related, o("slug", r.Slug, "type", e.BaseURI+r.Slug, "kind", string(r.Kind), "note", r.Note))
	}
	params := make([]any, 0, len(e.Detail.Params))
	for _, p := range e.Detail.Params {
		params = append(params, o("name", p.Name, "type", string(p.Type), "description", p.Description))
	}
	members := make([]any, 0, len(e.Members))
	for _, m := range e.Members {
		members = append(members, memberJSON(m))
	}
	exHeaders := make([]any, 0, len(e.Example.Headers))
	for _, h := range e.Example.Headers {
		exHeaders = append(exHeaders, o("name", h.Name, "value", h.Value))
	}
	out := append(o(
		"slug", e.Slug,
		"type", e.URI(),
		"title", e.Title,
		"status", status,
		"summary", e.Summary,
		"when", e.When,
		"causes", stringList(e.Causes),
		"resolve", stringList(e.Resolve),
		"retryable", string(e.Retry.Retryable),
		"backoff", e.Retry.Backoff,
		"retry_after", retryAfter,
		"headers", headersJSON(e.Headers),
		"detail", o("template", e.Detail.Template, "params", params),
		"members", members,
		"example", o("headers", exHeaders, "body", e.Example.Body),
		"related", related,
		"aliases", stringList(e.Aliases),
		"schema", SchemaURL(e),
	), entryLifecycle(c, e)...)
	if e.Service != nil {
		out = append(out, o("service", serviceJSON(e.Service))...)
	}
	return out
}

// serviceJSON is a service as catalog.json has it: name, and title if any.
func serviceJSON(s *catalog.Service) obj {
	if s.Title == "" {
		return o("name", s.Name)
	}
	return o("name", s.Name, "title", s.Title)
}

func memberJSON(m catalog.Member) obj {
	out := o("name", m.Name, "type", m.Type, "required", m.Required, "description", m.Description)
	if m.Format != "" {
		out = append(out, catalog.Field{Key: "format", Value: m.Format})
	}
	if len(m.Enum) > 0 {
		out = append(out, catalog.Field{Key: "enum", Value: stringList(m.Enum)})
	}
	return out
}

func headersJSON(hs []catalog.Header) []any {
	out := make([]any, 0, len(hs))
	for _, h := range hs {
		out = append(out, o("name", h.Name, "required", h.Required, "description", h.Description, "example", h.Example))
	}
	return out
}

// stringList makes a never-null JSON array.
func stringList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
