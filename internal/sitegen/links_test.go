package sitegen

import (
	"os"
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// TestCheckLinks: FindLinks and Check report a link or image of catalog markdown that the site cannot
// answer is reported at its text, and those it can answer are not.
func TestCheckLinks(t *testing.T) {
	data, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "      - An unexpected fault.\n", `      - An unexpected fault.
      - "Fine: [the other page](../../errors/bad-thing/), [its causes](../../errors/bad-thing/#causes), [these steps](#resolve), [outside](https://example.com/x#y), [the index](../../errors/), ![a local picture](../../errors/_assets/favicon.svg)."
      - "Broken: [a page](../../errors/no-such-error/), [an anchor](#no-such-part), [an anchor elsewhere](../../errors/bad-thing/#nowhere), [a slash-free miss](../bad-thing/), ![a picture](https://cdn.example.com/x.png), ![a local picture](../_assets/none.png)."
`, 1)
	c, err := catalog.Load(catalog.Source{Name: "links.yaml", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	err = FindLinks(c).Check(pagesOf(t, c))
	if err == nil {
		t.Fatal("no mistakes reported")
	}
	got := err.Error()
	for _, want := range []string{
		`links.yaml:61:9: link "../../errors/no-such-error/" leads nowhere on the site: no such file: errors/no-such-error/`,
		`links.yaml:61:9: link "#no-such-part" leads nowhere on the site: no element with this id`,
		`links.yaml:61:9: link "../../errors/bad-thing/#nowhere" leads nowhere on the site: no element with id "nowhere" on errors/bad-thing/index.html`,
		`links.yaml:61:9: link "../bad-thing/" leads nowhere on the site: no such file: bad-thing/ (from /errors/other-failure)`,
		`links.yaml:61:9: image "https://cdn.example.com/x.png" is on another site`,
		`links.yaml:61:9: image "../_assets/none.png" leads nowhere on the site`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 6 || strings.Contains(got, ":60:") {
		t.Errorf("want the six broken ones only, on line 61; got %d:\n%s", n, got)
	}
	// The real catalog has none.
	real := load(t, realCatalog)
	if err := FindLinks(real).Check(pagesOf(t, real)); err != nil {
		t.Errorf("the real catalog: %v", err)
	}
}

// pagesOf renders c's pages for Links.Check (the JSON files are
// schemagen's; these links do not need them).
func pagesOf(t *testing.T, c *catalog.Catalog) func() (map[string][]byte, error) {
	return func() (map[string][]byte, error) {
		files, err := Render(c, Inputs{GoCalls: make([]string, len(c.Errors))})
		m := map[string][]byte{}
		for _, f := range files {
			m[f.Path] = f.Data
		}
		return m, err
	}
}
