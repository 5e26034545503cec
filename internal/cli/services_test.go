package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	siteserve "github.com/ankatech/errgen/internal/serve"
)

const docsHost = "testdata/docshost/platform.yaml"

// TestServiceTypeURIsResolve is the docs host end to end: errgen builds
// the site from a platform catalog that registers two services; each
// service generates its Go package as its go generate would (its file over
// the platform catalog); every type URI either package can emit, followed
// on the served site, is a page, and a service's page names the service.
func TestServiceTypeURIsResolve(t *testing.T) {
	out := t.TempDir()
	site := filepath.Join(out, "site")
	if code, _, stderr := runCLI("generate", "-catalog", docsHost, "-site", site); code != 0 {
		t.Fatalf("docs host: exit %d\n%s", code, stderr)
	}
	srv := httptest.NewServer(siteserve.Handler(os.DirFS(site)))
	defer srv.Close()

	services := map[string]string{ // service file → who the pages must name
		"keys.yaml":    "Defined by the Key Management service (keys)",
		"billing.yaml": "Defined by the Billing service (billing)",
	}
	// The Go a service's page shows imports the service's package: the
	// registered go_package, else a placeholder.
	goImport := map[string]string{"keys.yaml": `"example.test/keys/apierr"`, "billing.yaml": `"example.com/billing/billingerr"`}
	for file, label := range services {
		pkg := filepath.Join(out, strings.TrimSuffix(file, ".yaml")+"err")
		code, _, stderr := runCLI("generate", "-catalog", docsHost, "-catalog", "testdata/docshost/services/"+file,
			"-go", pkg, "-package", filepath.Base(pkg))
		if code != 0 {
			t.Fatalf("%s: go generate: exit %d\n%s", file, code, stderr)
		}
		uris := typeURIs(t, pkg)
		if len(uris) < 3 {
			t.Fatalf("%s: %d type URIs in the generated package, want the platform's and the service's", file, len(uris))
		}
		own := 0
		for _, u := range uris {
			body := get(t, srv.URL, u)
			slug := u[strings.LastIndexByte(u, '/')+1:]
			if !strings.Contains(body, "<code>"+slug+"</code>") && !strings.Contains(body, u) {
				t.Errorf("%s: the page does not name its error", u)
			}
			switch service := strings.HasPrefix(slug, strings.TrimSuffix(file, ".yaml")+"-"); {
			case service && !strings.Contains(body, label):
				t.Errorf("%s: the page does not say %q", u, label)
			case !service && strings.Contains(body, "Defined by"):
				t.Errorf("%s: a platform error's page says a service defines it", u)
			case service && (!strings.Contains(body, html.EscapeString(goImport[file])) || strings.Contains(body, "ankaerr")):
				t.Errorf("%s: the page's Go does not import the service's package %s", u, goImport[file])
			case service:
				own++
			}
		}
		if own == 0 {
			t.Errorf("%s: no error of the service itself among %v", file, uris)
		}
	}
	index := get(t, srv.URL, "https://docs.example.test/errors/")
	for _, label := range services {
		if !strings.Contains(index, label) {
			t.Errorf("the index does not label the errors %q", label)
		}
	}
	if cat := get(t, srv.URL, "https://docs.example.test/errors/catalog.json"); !strings.Contains(cat, `"service": {`) {
		t.Errorf("catalog.json does not say which service defines an error")
	}
}

// typeURIs are the type URIs of a generated package: the URI fields of
// its descriptors, read from the Go source.
func typeURIs(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var uris []string
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			if k, _ := kv.Key.(*ast.Ident); k != nil && k.Name == "URI" {
				if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					uris = append(uris, s)
				}
			}
			return true
		})
	}
	return uris
}

// get follows a URI's path on the served site, redirects included, and
// returns the page; anything but 200 fails the test.
func get(t *testing.T, server, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(server + u.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%s: %s", uri, resp.Status)
	}
	return string(body)
}

// TestDocsHostServiceMistakes: a registered service's catalog file that
// is missing, or that names another service, is reported at the catalog
// line of the platform's list, and nothing is written.
func TestDocsHostServiceMistakes(t *testing.T) {
	platform, err := os.ReadFile(docsHost)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := os.ReadFile("testdata/docshost/services/keys.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct{ keys, want string }{
		"missing":       {"", "platform.yaml:6:58: the catalog of service \"keys\" cannot be read: "},
		"other service": {strings.ReplaceAll(strings.Replace(string(keys), "service: keys", "service: billing", 1), "keys-", "billing-keys-"), "platform.yaml:6:58: services/keys.yaml is listed as the catalog of service \"keys\" but does not say service: keys"},
	}
	for name, tc := range cases {
		dir := t.TempDir()
		write := func(path, data string) {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(filepath.Join(dir, "platform.yaml"), string(platform))
		billing, _ := os.ReadFile("testdata/docshost/services/billing.yaml")
		write(filepath.Join(dir, "services", "billing.yaml"), string(billing))
		if tc.keys != "" {
			write(filepath.Join(dir, "services", "keys.yaml"), tc.keys)
		}
		site := filepath.Join(dir, "site")
		code, _, stderr := runCLI("generate", "-catalog", filepath.Join(dir, "platform.yaml"), "-site", site)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant %q", name, code, stderr, tc.want)
		}
		if _, err := os.Stat(site); err == nil {
			t.Errorf("%s: a failed run wrote the site", name)
		}
	}
}

// TestServeWatchesServiceFiles: serve -watch re-renders when a registered
// service's file changes, not only the -catalog files.
func TestServeWatchesServiceFiles(t *testing.T) {
	got := serviceFiles([]string{docsHost})
	want := []string{"testdata/docshost/services/keys.yaml", "testdata/docshost/services/billing.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("watched service files %q, want %q", got, want)
	}
}
