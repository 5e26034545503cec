package sitegen

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchIndex: the search data is a script assigning one global (so
// file:// pages can load it), holds every error once, and carries what
// each page says in plain words: machine codes, member and header text,
// causes, without markdown (named links as the words the page shows).
func TestSearchIndex(t *testing.T) {
	c := load(t, realCatalog)
	// A named link in the formats page's text too (the catalog has none).
	c.Formats.Intro += " Ask [contact support][support] for help."
	data := string(render(t, c)["errors/"+searchPath])
	const prefix = "window.errgenSearch = "
	i := strings.Index(data, prefix)
	if i < 0 || !strings.HasSuffix(data, ";\n") {
		t.Fatalf("search-index.js does not assign window.errgenSearch: %.200q", data)
	}
	var docs []searchDoc
	if err := json.Unmarshal([]byte(strings.TrimSuffix(data[i+len(prefix):], ";\n")), &docs); err != nil {
		t.Fatal(err)
	}
	// One per error, and the older body formats page.
	if len(docs) != len(c.Errors)+1 || docs[len(docs)-1].Slug != "formats" || docs[len(docs)-1].Status != guideStatus {
		t.Fatalf("%d search documents for %d errors and the formats page", len(docs), len(c.Errors))
	}
	bySlug := map[string]searchDoc{}
	for _, d := range docs {
		bySlug[d.Slug] = d
		// Named links ([contact support][support]) show as their text.
		if text := d.Body + d.Members + d.Headers; strings.ContainsAny(text, "`*") || strings.Contains(text, "][") {
			t.Errorf("%s: markdown left in the search text: %.120q", d.Slug, d.Body)
		}
	}
	for slug, want := range map[string][]string{
		"missing-private-key":  {"MISSING_SIGNER_PRIVATE_KEY", "errorCode", "issuerDN"},
		"upstream-unavailable": {"502 Bad Gateway", "Retry-After", "X-Request-Id", "circuit breaker"},
		"client-error":         {"405 Method Not Allowed", "415 Unsupported Media Type"},
		"formats":              {"correlationId", "error.code", "X-Request-Id", "Ask contact support for help."},
	} {
		d := bySlug[slug]
		all := strings.Join([]string{d.Title, d.Reason, d.Codes, d.Members, d.Headers, d.Body}, " ")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: search text lacks %q", slug, w)
			}
		}
	}
	// Machine codes are a field of their own, weighted like a title.
	if d := bySlug["missing-private-key"]; !strings.Contains(d.Codes, "MISSING_RECIPIENT_PRIVATE_KEY") {
		t.Errorf("missing-private-key: codes %q", d.Codes)
	}
	if d := bySlug["upstream-unavailable"]; d.Retry != "yes" || d.Status != "502" {
		t.Errorf("upstream-unavailable: retry %q status %q", d.Retry, d.Status)
	}
}

// TestIndexNavigation: the index starts with jump links to both status
// classes and to the 502/503/504 comparison, and every page links the
// favicon and the catalog's feedback address.
func TestIndexNavigation(t *testing.T) {
	files := render(t, load(t, realCatalog))
	index := string(files["errors/index.html"])
	for _, want := range []string{`<a href="#client-errors">`, `<a href="#server-errors">`,
		`<a href="../errors/service-unavailable/#compare">How 502, 503 and 504 differ</a>`} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	if strings.Index(index, "How 502, 503 and 504 differ") > strings.Index(index, `<table`) {
		t.Error("the comparison link comes after the first table, not near the top")
	}
	for _, page := range []string{"errors/index.html", "errors/upstream-unavailable/index.html", "404.html"} {
		for _, want := range []string{`<link rel="icon" href="`, `href="mailto:docs@ankatech.co" data-feedback=""`} {
			if !strings.Contains(string(files[page]), want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
	if len(files["errors/_assets/favicon.svg"]) == 0 {
		t.Error("no favicon.svg")
	}
}
