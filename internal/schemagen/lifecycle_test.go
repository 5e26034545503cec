package schemagen

import (
	"encoding/json"
	"testing"

	"github.com/ankatech/errgen/internal/catalog"
)

// TestVersionInJSON: catalog.json carries the version, the history and
// the tombstones, each entry its since, last change and deprecation, and
// openapi.json's info.version is the catalog's version.
func TestVersionInJSON(t *testing.T) {
	src, err := catalog.ReadFile("../sitegen/testdata/lifecycle.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	data, err := CatalogJSON(c)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Version string
		History []struct {
			Version string
			Changes []string
		}
		Removed []struct{ Slug, Type string }
		Errors  []struct {
			Slug        string
			Since       string
			LastChanged string `json:"last_changed"`
			Deprecated  *struct {
				Version    string
				ReplacedBy string `json:"replaced_by"`
			}
		}
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "2.0.0" || len(got.History) != 3 || got.History[1].Changes[0] != "upstream-unavailable" ||
		len(got.Removed) != 1 || got.Removed[0].Type != "https://example.test/errors/key-expired" {
		t.Errorf("catalog.json: %+v", got)
	}
	byslug := map[string]int{}
	for i, e := range got.Errors {
		byslug[e.Slug] = i
	}
	if e := got.Errors[byslug["upstream-unavailable"]]; e.Since != "1.0.0" || e.LastChanged != "1.1.0" || e.Deprecated != nil {
		t.Errorf("upstream-unavailable: %+v", e)
	}
	if e := got.Errors[byslug["upstream-timeout"]]; e.Since != "1.1.0" || e.LastChanged != "2.0.0" || e.Deprecated == nil ||
		e.Deprecated.Version != "2.0.0" || e.Deprecated.ReplacedBy != "upstream-unavailable" {
		t.Errorf("upstream-timeout: %+v", e)
	}
	api, err := OpenAPI(c)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Info struct{ Version string } }
	if err := json.Unmarshal(api, &doc); err != nil || doc.Info.Version != "2.0.0" {
		t.Errorf("openapi info.version %q (%v)", doc.Info.Version, err)
	}
}
