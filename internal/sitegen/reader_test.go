package sitegen

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

var whoCard = regexp.MustCompile(`<dt>Who must act\?</dt><dd>(.*?)</dd>`)

// TestWhoMustAct: every page of the real catalog answers "who must act"
// from its entry, and no two pages share the answer unless their entries
// say the same (actor and fault).
func TestWhoMustAct(t *testing.T) {
	c := load(t, realCatalog)
	files := render(t, c)
	type said struct {
		actor catalog.Actor
		fault string
		slug  string
	}
	seen := map[string]said{}
	for _, e := range c.Errors {
		page := string(files["errors/"+e.Slug+"/index.html"])
		m := whoCard.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no Who must act card", e.Slug)
			continue
		}
		if strings.Contains(page, "Is it my fault?") {
			t.Errorf("%s: the old fixed card is still there", e.Slug)
		}
		if !strings.Contains(m[1], escaped(e.Fault)) || !strings.Contains(m[1], escaped(actorLabel(e.Actor))) {
			t.Errorf("%s: card %q does not say the entry's actor and fault", e.Slug, m[1])
		}
		if prev, ok := seen[m[1]]; ok && (prev.actor != e.Actor || prev.fault != e.Fault) {
			t.Errorf("%s and %s say different things but share the card %q", prev.slug, e.Slug, m[1])
		}
		seen[m[1]] = said{e.Actor, e.Fault, e.Slug}
	}
	if len(seen) != len(c.Errors) {
		t.Errorf("%d distinct cards for %d errors; the AnkaSecure entries each have their own", len(seen), len(c.Errors))
	}
}

// escaped is s as html/template writes it in text.
func escaped(s string) string {
	return strings.NewReplacer("'", "&#39;", `"`, "&#34;", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// TestFaultFallback: without a fault sentence the card says what the
// actor implies, and without either it never tells the reader to resend.
func TestFaultFallback(t *testing.T) {
	for _, a := range []catalog.Actor{catalog.ActorRequest, catalog.ActorCredentials, catalog.ActorAccount,
		catalog.ActorEnvironment, catalog.ActorPlatform, catalog.ActorDependency} {
		if actorLabel(a) == "" || fault(&catalog.Entry{Actor: a}) == fault(&catalog.Entry{}) {
			t.Errorf("actor %s has no words of its own", a)
		}
	}
	for _, class := range []string{"4xx", "5xx"} {
		if f := fault(&catalog.Entry{Status: catalog.Status{Class: class}}); strings.Contains(f, "again") {
			t.Errorf("%s fallback %q tells the reader to resend", class, f)
		}
	}
}

// TestNamedLinks: [text][name] in catalog text becomes a link to the
// catalog's URL, on every page that uses one, and no reference syntax
// is left over as text.
func TestNamedLinks(t *testing.T) {
	c := load(t, realCatalog)
	files := render(t, c)
	for path, want := range map[string]string{
		"errors/internal/index.html":             `<a href="https://www.ankatech.co/support">contact support</a>`,
		"errors/upstream-unavailable/index.html": `<a href="https://status.ankatech.co/">status page</a>`,
		"errors/not-found/index.html":            `<a href="https://docs.ankatech.co/api-reference/">API reference</a>`,
		"errors/payment-required/index.html":     `<a href="https://console.ankatech.co/">admin console</a>`,
	} {
		if !strings.Contains(string(files[path]), want) {
			t.Errorf("%s lacks %s", path, want)
		}
	}
	leftover := regexp.MustCompile(`\]\[(support|status|api_reference|console|feedback)\]`)
	for path, data := range files {
		if strings.HasSuffix(path, ".html") && leftover.Match(data) {
			t.Errorf("%s shows a reference link as text: %s", path, leftover.Find(data))
		}
	}
}

// TestFormatsPage: the formats page shows every shape with its fields, is
// linked from the index and from the pages of the errors that used each
// shape, and does not exist for a catalog without formats.
func TestFormatsPage(t *testing.T) {
	c := load(t, realCatalog)
	files := render(t, c)
	page := string(files["errors/formats/index.html"])
	if page == "" {
		t.Fatal("no errors/formats/index.html")
	}
	for _, s := range c.Formats.Shapes {
		sec := section(t, page, s.ID)
		for _, f := range s.Fields {
			if !strings.Contains(sec, "<code>"+escaped(f.Old)+"</code>") {
				t.Errorf("shape %s lacks its field %s", s.ID, f.Old)
			}
		}
		for _, slug := range s.UsedBy {
			link := `href="../../errors/formats/#` + s.ID + `"`
			if !strings.Contains(string(files["errors/"+slug+"/index.html"]), link) {
				t.Errorf("%s used the %s shape but its page does not link it", slug, s.ID)
			}
		}
	}
	for _, want := range []string{"correlationId", "X-Request-Id", "traceId", "error.code", "extensions.errorCode", "details"} {
		if !strings.Contains(page, want) {
			t.Errorf("formats page does not mention %s", want)
		}
	}
	if !strings.Contains(string(files["errors/index.html"]), `href="../errors/formats/"`) {
		t.Error("the index does not link the formats page")
	}
	if strings.Contains(string(files["errors/upstream-unavailable/index.html"]), "formats-note") {
		t.Error("upstream-unavailable always had the current shape, yet links the formats page")
	}
	small := render(t, load(t, "testdata/small.yaml"))
	if _, ok := small["errors/formats/index.html"]; ok || strings.Contains(string(small["errors/index.html"]), "formats/") {
		t.Error("a catalog without formats gets a formats page or a link to one")
	}
}

// TestRetryAfterSDK: every page that documents Retry-After says that the
// SDK and CLI honour it, so SDK users add no second retry loop.
func TestRetryAfterSDK(t *testing.T) {
	c := load(t, realCatalog)
	files := render(t, c)
	n := 0
	for _, e := range c.Errors {
		if e.Retry.RetryAfter.Policy == catalog.RetryAfterNone {
			continue
		}
		n++
		sec := section(t, string(files["errors/"+e.Slug+"/index.html"]), "retry-after")
		if !strings.Contains(sec, "SDK and CLI") || !strings.Contains(sec, "retry loop") {
			t.Errorf("%s: the Retry-After section does not say the SDK and CLI honour it", e.Slug)
		}
	}
	if n < 6 {
		t.Errorf("only %d pages document Retry-After", n)
	}
}
