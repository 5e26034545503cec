package sitegen

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchIndex: the search data is a script assigning one global (so
// file:// pages can load it), holds every error once, and carries what
// each page says in plain words: machine codes, member and header text,
// causes, without markdown.
func TestSearchIndex(t *testing.T) {
	c := load(t, realCatalog)
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
	if len(docs) != len(c.Errors) {
		t.Fatalf("%d search documents for %d errors", len(docs), len(c.Errors))
	}
	bySlug := map[string]searchDoc{}
	for _, d := range docs {
		bySlug[d.Slug] = d
		if strings.ContainsAny(d.Body+d.Members+d.Headers, "`*") {
			t.Errorf("%s: markdown left in the search text: %.120q", d.Slug, d.Body)
		}
	}
	for slug, want := range map[string][]string{
		"missing-private-key":  {"MISSING_SIGNER_PRIVATE_KEY", "errorCode", "issuerDN"},
		"upstream-unavailable": {"502 Bad Gateway", "Retry-After", "X-Request-Id", "circuit breaker"},
		"client-error":         {"405 Method Not Allowed", "415 Unsupported Media Type"},
	} {
		d := bySlug[slug]
		all := strings.Join([]string{d.Title, d.Reason, d.Codes, d.Members, d.Headers, d.Body}, " ")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: search text lacks %q", slug, w)
			}
		}
	}
	if d := bySlug["upstream-unavailable"]; d.Retry != "yes" || d.Status != "502" {
		t.Errorf("upstream-unavailable: retry %q status %q", d.Retry, d.Status)
	}
}
