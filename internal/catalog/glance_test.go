package catalog_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

const realCatalogFile = "../../catalog/errors.yaml"

func loadFile(t *testing.T, path string) *catalog.Catalog {
	t.Helper()
	src, err := catalog.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGlanceOK: the reader data of a clean catalog reaches the model.
func TestGlanceOK(t *testing.T) {
	c := loadFile(t, "testdata/glance/ok.yaml")
	if got := c.Links.Named(); len(got) != 2 || got[0] != (catalog.NamedLink{Name: "status", URL: "https://status.example.test/"}) ||
		got[1].Name != "support" {
		t.Errorf("links = %v, want status and support in name order", got)
	}
	if c.Formats == nil || len(c.Formats.Shapes) != 1 || c.Formats.Shapes[0].Fields[1].Old != "error.traceId" ||
		!slices.Equal(c.Formats.Shapes[0].UsedBy, []string{"lost-update"}) {
		t.Fatalf("formats = %+v", c.Formats)
	}
	e := c.Errors[0]
	if e.Slug != "lost-update" || e.Actor != catalog.ActorRequest || !strings.HasPrefix(e.Fault, "Your write") {
		t.Errorf("entry %s: actor %q, fault %q", e.Slug, e.Actor, e.Fault)
	}
	if c.Errors[1].Actor != catalog.ActorDependency || c.Errors[1].Fault != "" {
		t.Errorf("store-down: actor %q, fault %q", c.Errors[1].Actor, c.Errors[1].Fault)
	}
}

// TestRealCatalogGlance holds the AnkaSecure catalog to what the issue
// asks of its pages: every entry says who must act, in its own words;
// facts of the original docs are present.
func TestRealCatalogGlance(t *testing.T) {
	c := loadFile(t, realCatalogFile)
	faults := map[string]string{}
	for _, e := range c.Errors {
		if e.Actor == "" || e.Fault == "" {
			t.Errorf("%s: actor %q, fault %q: every AnkaSecure entry says who must act, in its own words", e.Slug, e.Actor, e.Fault)
		}
		if prev, dup := faults[e.Fault]; dup {
			t.Errorf("%s and %s share the fault sentence %q", prev, e.Slug, e.Fault)
		}
		faults[e.Fault] = e.Slug
		if e.Retry.RetryAfter.Policy != catalog.RetryAfterNone && !strings.Contains(e.Retry.RetryAfter.When, "SDK and CLI") {
			t.Errorf("%s documents Retry-After without saying that the SDK and CLI honour it", e.Slug)
		}
	}
	bySlug := map[string]*catalog.Entry{}
	for _, e := range c.Errors {
		bySlug[e.Slug] = e
	}
	text := func(slug string) string {
		e := bySlug[slug]
		return strings.Join(append(append([]string{e.Summary, e.When}, e.Causes...), e.Resolve...), "\n")
	}
	for slug, wants := range map[string][]string{
		"invalid-key-state": {"`ROTATED`", "`RETIRED`", "**409**", "**403**", "GET /api/v3/keys/{kid}"},
		"client-error":      {"405", "415", "**401**", "**429**", "**402**"},
		"unauthorized":      {"x-rapidapi-key", "X-Tenant-ID"},
	} {
		for _, want := range wants {
			if !strings.Contains(text(slug), want) {
				t.Errorf("%s does not mention %s", slug, want)
			}
		}
	}
	if strings.Contains(text("client-error"), "never reported this way") {
		t.Error("client-error still says a 401 is never reported as client-error")
	}
	for _, pair := range [][2]string{{"invalid_grant", "invalid_scope"}, {"upstream-unavailable", "data-source-unavailable"}} {
		for _, p := range [][2]string{pair, {pair[1], pair[0]}} {
			if !slices.ContainsFunc(bySlug[p[0]].Related, func(r catalog.Relation) bool { return r.Slug == p[1] }) {
				t.Errorf("%s does not compare %s", p[0], p[1])
			}
		}
	}
}

// TestRealCatalogCardContradiction breaks the real catalog the way the
// issue found it broken (a card telling the reader to send the request
// again, on an entry whose step forbids resending it unchanged) and wants
// the lint message at that step.
func TestRealCatalogCardContradiction(t *testing.T) {
	data, err := os.ReadFile(realCatalogFile)
	if err != nil {
		t.Fatal(err)
	}
	const backoff = "backoff: Re-read the resource and retry at once;"
	if !strings.Contains(string(data), backoff) {
		t.Fatal("concurrent-modification's backoff moved; update this test")
	}
	broken := strings.Replace(string(data), backoff, "backoff: Wait, then send it again;", 1)
	_, err = catalog.Load(catalog.Source{Name: "errors.yaml", Data: []byte(broken)})
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("a card that says to send it again loads: %v", err)
	}
	line := 0
	for i, l := range strings.Split(broken, "\n") {
		if strings.Contains(l, "Do not resend the original body unchanged") {
			line = i + 1
			break
		}
	}
	found := false
	for _, d := range ds {
		found = found || (d.Line == line-1 || d.Line == line) && strings.Contains(d.Msg, "forbids resending")
	}
	if !found {
		t.Errorf("want a message at the step near line %d, got:\n%v", line, ds)
	}
}

// TestReaderDataInAddedFile: links and formats belong to the base catalog;
// a file that only adds errors is told so at the key.
func TestReaderDataInAddedFile(t *testing.T) {
	base, err := catalog.ReadFile("testdata/glance/ok.yaml")
	if err != nil {
		t.Fatal(err)
	}
	addOn := catalog.Source{Name: "add.yaml", Data: []byte(`errors:
  - slug: tenant-gone
    title: Tenant Gone
    status: 410
    summary: The tenant was deleted.
    when: Always.
    causes: [Deleted.]
    resolve: [None.]
    retry: {retryable: "no"}
    detail: {template: Gone.}
    example: {body: {type: "https://example.test/errors/tenant-gone", title: Tenant Gone, status: 410}}
links:
  support: https://other.test/
`)}
	_, err = catalog.LoadOver(base, addOn)
	if err == nil || !strings.Contains(err.Error(), "add.yaml:12:1: links belongs to the base catalog (the file with base_uri); a file that adds errors has none of its own") {
		t.Errorf("an added file's links: %v", err)
	}
}
