package catalog_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/internal/catalog"
)

func loadReal(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(catalog.Source{Name: builtin.Name, Data: builtin.AnkaSecure})
	if err != nil {
		t.Fatalf("the AnkaSecure catalog does not load:\n%v", err)
	}
	return c
}

// TestRealCatalogCoversReference checks that every error of the reference
// is in the catalog with its documented status.
func TestRealCatalogCoversReference(t *testing.T) {
	c := loadReal(t)
	if len(c.Errors) < 50 {
		t.Errorf("catalog has %d errors, want at least 50", len(c.Errors))
	}
	bySlug := map[string]*catalog.Entry{}
	for _, e := range c.Errors {
		bySlug[e.Slug] = e
	}
	f, err := os.Open("testdata/reference-slugs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		slug, status, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(slug, "#") {
			continue
		}
		n++
		e := bySlug[slug]
		if e == nil {
			t.Errorf("reference error %s (%s) is missing from the catalog", slug, status)
			continue
		}
		if e.Status.String() != status {
			t.Errorf("%s: status %s, the reference says %s", slug, e.Status, status)
		}
	}
	if n < 50 {
		t.Fatalf("read %d reference slugs, want at least 50", n)
	}
}

// TestFamily checks the 502/503/504 family relates both ways, and that
// conflict points at the errors that replaced parts of it.
func TestFamily(t *testing.T) {
	c := loadReal(t)
	bySlug := map[string]*catalog.Entry{}
	for _, e := range c.Errors {
		bySlug[e.Slug] = e
	}
	related := func(a, b string, kind catalog.RelationKind) bool {
		for _, r := range bySlug[a].Related {
			if r.Slug == b && r.Kind == kind && r.Note != "" {
				return true
			}
		}
		return false
	}
	fam := []string{"upstream-unavailable", "service-unavailable", "upstream-timeout"}
	for _, a := range fam {
		for _, b := range fam {
			if a != b && !related(a, b, catalog.Sibling) {
				t.Errorf("%s does not list %s as a sibling with a note", a, b)
			}
		}
	}
	for _, n := range []string{"duplicate-kid", "concurrent-modification", "key-operation-incompatible", "stable-kid-status-invalid-transition"} {
		if !related("conflict", n, catalog.Narrower) {
			t.Errorf("conflict does not list %s as narrower", n)
		}
	}
	u := bySlug["upstream-unavailable"]
	if ra := u.Retry.RetryAfter; ra.Min != 1 || ra.Max != 30 || !ra.Breaker || u.Retry.Retryable != catalog.Retryable {
		t.Errorf("upstream-unavailable retry policy = %+v, want retryable, breaker-driven Retry-After 1..30", u.Retry)
	}
}

// TestSizeLimit: a file over MaxFileSize is refused before it is read
// (the test file is sparse, so this costs no memory).
func TestSizeLimit(t *testing.T) {
	path := t.TempDir() + "/huge.yaml"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(catalog.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = catalog.ReadFile(path)
	if err == nil || !strings.Contains(err.Error(), path+":1:1: file is") || !strings.Contains(err.Error(), "over the") {
		t.Fatalf("want a positioned size error, got %v", err)
	}
	if catalog.MaxFileSize <= 37<<20 {
		t.Errorf("MaxFileSize %d must stay above 37 MiB so bench/gencatalog's 10k-error catalog loads", catalog.MaxFileSize)
	}
}

// TestUpstreamDeclaredTwiceAcrossFiles: a file that adds to a base catalog
// and declares one of its upstreams again is told so at its own line.
func TestUpstreamDeclaredTwiceAcrossFiles(t *testing.T) {
	base := okSource(t)
	local := catalog.Source{Name: "local.yaml", Data: []byte(strings.Replace(string(base.Data), "base_uri:", "# base_uri:", 1))}
	_, err := catalog.Load(base, local)
	want := `local.yaml:6:11: upstream "admin-api" is declared twice (first at ok.yaml:6:11)`
	if err == nil || !strings.Contains(err.Error()+"\n", want+"\n") {
		t.Fatalf("want the message\n%s\ngot:\n%v", want, err)
	}
}

// TestStatusNumberForms: a status the schema check accepts as a number
// (hexadecimal, octal, binary, with _) is read as the same number, not
// refused without a position.
func TestStatusNumberForms(t *testing.T) {
	src := okSource(t)
	for _, form := range []string{"0x1F6", "0o766", "0b111110110", "5_02", "+502"} {
		data := strings.Replace(string(src.Data), "status: 502\n", "status: "+form+"\n", 1)
		c, err := catalog.Load(catalog.Source{Name: "ok.yaml", Data: []byte(data)})
		if err != nil {
			t.Errorf("status %s: %v", form, err)
			continue
		}
		for _, e := range c.Errors {
			if e.Slug == "upstream-unavailable" && e.Status.Code != 502 {
				t.Errorf("status %s read as %v, want 502", form, e.Status)
			}
		}
	}
}

// okSource is the catalog of the lint case ok.
func okSource(t testing.TB) catalog.Source {
	t.Helper()
	return sources(lintCases(t)[0])[0]
}
