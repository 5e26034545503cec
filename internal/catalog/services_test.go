package catalog_test

import (
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// TestServiceBaseURI: a service file with its own base_uri is layered over
// the platform catalog, not a base of its own: it keeps the platform's
// errors, with their type URIs, and only its own use its base_uri.
func TestServiceBaseURI(t *testing.T) {
	var c *catalog.Catalog
	for _, lc := range lintCases(t) {
		if lc.Name == "service-base-uri" {
			// As errgen loads a service's file: over the built-in
			// catalog, here the case's platform file.
			srcs := sources(lc)
			var err error
			if c, err = catalog.LoadOver(srcs[0], srcs[1:]...); err != nil {
				t.Fatal(err)
			}
		}
	}
	if c == nil {
		t.Fatal("no lint case service-base-uri")
	}
	want := map[string]string{
		"conflict":    "https://example.test/errors/conflict",
		"keys-locked": "https://keys.example.test/problems/keys-locked",
	}
	if len(c.Errors) != len(want) {
		t.Fatalf("%d errors, want the platform's and the service's (%d)", len(c.Errors), len(want))
	}
	for _, e := range c.Errors {
		if e.URI() != want[e.Slug] {
			t.Errorf("%s: type %s, want %s", e.Slug, e.URI(), want[e.Slug])
		}
		if got := e.Service != nil; got != (e.Slug == "keys-locked") {
			t.Errorf("%s: defined by a service: %v", e.Slug, got)
		}
	}
	if c.BaseURI != "https://example.test/errors/" || c.Service != "keys" || c.Title != "Key Management service" {
		t.Errorf("catalog: base %s, service %q %q", c.BaseURI, c.Service, c.Title)
	}
	if s := c.Registered("keys"); s == nil || s.Label() != "the Key Management service (keys)" {
		t.Errorf("registered keys: %+v", s)
	}
}
