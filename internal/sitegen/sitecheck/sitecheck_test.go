package sitecheck

import (
	"strings"
	"testing"
)

func page(body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>` + body + `</body></html>`)
}

// TestLinksCatchMistakes proves the checker fails the links it exists to
// catch, so a passing site test means something.
func TestLinksCatchMistakes(t *testing.T) {
	files := map[string][]byte{
		"errors/a/index.html": page(`<a href="../../errors/b/">ok</a><a href="../b/">slash only</a>` +
			`<a href="#nowhere">x</a><img src="https://cdn.example/x.png" alt=""><a href="../../../../etc/">up</a>`),
		"errors/b/index.html": page(`<p id="here">b</p><a href="#here">ok</a>`),
	}
	got := strings.Join(Links(files, nil), "\n")
	for _, want := range []string{
		`(at http://site.test/errors/a): a href="../b/": no such file: b`,
		`a href="#nowhere": no element with this id`,
		`img src="https://cdn.example/x.png": asset not served by the site`,
		`(at file:///srv/site/errors/a/index.html): a href="../../../../etc/": resolves outside the site`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("checker missed %s; it said:\n%s", want, got)
		}
	}
	if strings.Contains(got, `href="../../errors/b/"`) || strings.Contains(got, "errors/b/index.html") {
		t.Errorf("checker flagged a good link:\n%s", got)
	}
}

func TestParseRejectsUnbalanced(t *testing.T) {
	for _, bad := range []string{`<div><p>x</div></p>`, `<div>`, `<p a=b>x</p>`, `<br></br>`} {
		if _, err := Parse(page(bad)); err == nil {
			t.Errorf("Parse accepted %s", bad)
		}
	}
}
