package catalog_test

import (
	"strings"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/catalog/lintcase"
)

// TestLinks: the catalog-wide links are read into the model, and a link
// that is neither http(s) nor mailto is refused at its position.
func TestLinks(t *testing.T) {
	cases, err := lintcase.Load("testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	base := cases[0].Files[0] // ok.yaml
	with := func(links string) catalog.Source {
		return catalog.Source{Name: "links.yaml", Data: []byte(strings.Replace(string(base.Data), "\nerrors:", "\n"+links+"\nerrors:", 1))}
	}
	c, err := catalog.Load(with("links:\n  feedback: mailto:docs@example.com\n  status: https://status.example.com/"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Links.Feedback != "mailto:docs@example.com" || c.Links.Status != "https://status.example.com/" {
		t.Errorf("links read as %+v", c.Links)
	}
	_, err = catalog.Load(with("links:\n  feedback: javascript:alert(1)"))
	if err == nil || !strings.Contains(err.Error(), "links.yaml:") {
		t.Errorf("a javascript: feedback link: %v", err)
	}
	if real := loadReal(t); !strings.HasPrefix(real.Links.Feedback, "mailto:") && !strings.HasPrefix(real.Links.Feedback, "https://") {
		t.Errorf("the AnkaSecure catalog's feedback link is %q", real.Links.Feedback)
	}
}
