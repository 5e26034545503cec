package cli

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/gogen"
	"github.com/ankatech/errgen/internal/output"
	"github.com/ankatech/errgen/internal/schemagen"
	"github.com/ankatech/errgen/internal/sitegen"
)

// The pipeline every verb runs: load → check → render. lint prints its
// verdict, generate writes the rendered files, check compares them with
// the disk and serve serves the site. A catalog one verb rejects, every
// verb rejects, with the same messages, because they all go through build.

// build loads the catalog sources over the built-in catalog, runs every
// check, and renders the outputs t selects into memory. It stops with
// output.ErrInterrupted between steps once ctx ends.
func build(ctx context.Context, srcs []catalog.Source, t targets) (*catalog.Catalog, []output.Dir, error) {
	c, err := catalog.LoadOver(builtinSource, srcs...) // YAML, schema of the file, lint
	if err != nil {
		return nil, nil, err
	}
	pkg := model{c: c}
	site := pkg
	if t.siteDir != "" {
		// The docs host's site holds the registered services' errors too.
		if site.c, err = withServices(c, srcs); err != nil {
			return nil, nil, err
		}
	}
	if ctx.Err() != nil {
		return nil, nil, output.ErrInterrupted
	}
	// What the catalog's own lint cannot see, whatever outputs are
	// selected: the Go names the package would declare, every example
	// against the schema of its type (the site's hold the package's), and
	// the links of its markdown. They run beside the renderings the
	// outputs share.
	var checks error
	var links *sitegen.Links
	var wg sync.WaitGroup
	wg.Go(func() { checks = errors.Join(gogen.CheckNames(c), schemagen.CheckExamples(site.c)) })
	wg.Go(func() { links = sitegen.FindLinks(site.c) })
	err = shareBoth(&pkg, &site, t)
	wg.Wait()
	if err := errors.Join(err, checks); err != nil {
		return nil, nil, err
	}
	if ctx.Err() != nil {
		return nil, nil, output.ErrInterrupted
	}
	dirs, err := render(pkg, site, t)
	if err != nil {
		return nil, nil, err
	}
	// Every link of the catalog's markdown against the site it renders
	// to: the site just rendered, or, when no site is selected, one
	// rendered for the check (only if a link points inside the site).
	siteFiles := func() (map[string][]byte, error) {
		for _, d := range dirs {
			if d.Kind == "site" {
				return filesOf(d), nil
			}
		}
		only := targets{siteDir: "site"}
		if err := shareBoth(&pkg, &site, only); err != nil {
			return nil, err
		}
		rendered, err := render(pkg, site, only)
		if err != nil {
			return nil, err
		}
		return filesOf(rendered[0]), nil
	}
	if err := links.Check(siteFiles); err != nil {
		return nil, nil, err
	}
	if ctx.Err() != nil {
		return nil, nil, output.ErrInterrupted
	}
	return site.c, dirs, nil
}

// filesOf is a rendered folder as path → contents.
func filesOf(d output.Dir) map[string][]byte {
	m := make(map[string][]byte, len(d.Files))
	for _, f := range d.Files {
		m[f.Path] = f.Data
	}
	return m
}

// model is a loaded catalog with what its renderers share. The Go
// package and schema/ render the catalog given; the site may render a
// larger one, with the registered services' errors (withServices).
type model struct {
	c  *catalog.Catalog
	sh shared
}

// shared is what more than one renderer needs, computed once: the
// schemas (schema/, the site, the Go package's Validate), openapi.json
// (schema/ and the site) and the Go call each page shows.
type shared struct {
	schemas *schemagen.Set
	goCalls []string
}

// shareBoth computes what the outputs t selects share: for the package
// (and schema/), and for the site when it renders a larger catalog.
func shareBoth(pkg, site *model, t targets) error {
	own := t
	if site.c != pkg.c {
		own.siteDir = ""
	}
	var err error
	if pkg.sh, err = share(pkg.c, own); err != nil {
		return err
	}
	site.sh = pkg.sh
	if site.c != pkg.c && t.siteDir != "" {
		site.sh, err = share(site.c, targets{siteDir: t.siteDir})
	}
	return err
}

// share renders what the outputs t selects need of c, side by side: the
// schemas always, openapi.json for schema/ and the site, the Go calls for
// the site. (openapi.json cannot fail for a catalog that loaded: it only
// encodes what the schemas hold, so a Go-only build loses no check.)
func share(c *catalog.Catalog, t targets) (shared, error) {
	sh := shared{schemas: &schemagen.Set{}}
	var schemaErr, apiErr error
	var wg sync.WaitGroup
	wg.Go(func() { sh.schemas.Schemas, schemaErr = schemagen.Schemas(c) })
	if t.schemaDir != "" || t.siteDir != "" {
		wg.Go(func() { sh.schemas.OpenAPI, apiErr = schemagen.OpenAPI(c) })
	}
	if t.siteDir != "" {
		// Each page's Go call names the package that declares its error:
		// the platform's, or a service's own.
		sh.goCalls = make([]string, len(c.Errors))
		for i, e := range c.Errors {
			pkg, _ := sitegen.GoPackageOf(e)
			sh.goCalls[i] = gogen.ExampleCall(c, e, pkg)
		}
	}
	wg.Wait()
	if err := errors.Join(schemaErr, apiErr); err != nil {
		return shared{}, err
	}
	return sh, nil
}

// everything selects every output, at made-up places: lint and serve
// render them all so a catalog that cannot be rendered fails there too.
var everything = targets{goDir: "go", pkg: "errors", schemaDir: "schema", siteDir: "site"}

// job is one renderer and the folder (index into targets.dirs) it fills;
// several jobs may fill one folder.
type job struct {
	dir int
	run func() ([]output.File, error)
}

// jobs lists the selected renderers, in the order of targets.dirs.
func (t targets) jobs(pkg, site model) []job {
	var jobs []job
	dir := -1 // the folder the next jobs fill
	add := func(run func() ([]output.File, error)) { jobs = append(jobs, job{dir, run}) }
	if t.goDir != "" {
		dir++
		add(func() ([]output.File, error) { return gogen.Render(pkg.c, t.pkg, pkg.sh.schemas.Schemas) })
	}
	if t.schemaDir != "" {
		dir++
		add(func() ([]output.File, error) { return schemagen.SchemaDir(pkg.c, pkg.sh.schemas) })
	}
	if t.siteDir != "" {
		// The site's JSON files and its pages are independent: two jobs.
		dir++
		add(func() ([]output.File, error) { return schemagen.SiteFiles(site.c, site.sh.schemas) })
		add(func() ([]output.File, error) { return sitegen.Render(site.c, sitegen.Inputs{GoCalls: site.sh.goCalls}) })
	}
	return jobs
}

// dirs lists the selected output folders, in the order of jobs.
func (t targets) dirs() []output.Dir {
	var d []output.Dir
	for _, x := range []struct{ root, kind string }{{t.goDir, "go"}, {t.schemaDir, "schema"}, {t.siteDir, "site"}} {
		if x.root != "" {
			// The site folder is errgen's alone: swapped whole, strays refused.
			d = append(d, output.Dir{Root: x.root, Kind: x.kind, Alone: x.kind == "site"})
			if x.kind == "go" { // errgen's Go files carry its header: no manifest
				d[len(d)-1].Headed = gogen.FileName
			}
		}
	}
	return d
}

// render runs the selected renderers side by side (they share nothing
// but the read-only catalogs) and returns every folder with its files in
// a fixed order.
func render(pkg, site model, t targets) ([]output.Dir, error) {
	jobs := t.jobs(pkg, site)
	files := make([][]output.File, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() { files[i], errs[i] = j.run() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	dirs := t.dirs()
	for i, j := range jobs {
		dirs[j.dir].Files = append(dirs[j.dir].Files, files[i]...)
	}
	for _, d := range dirs {
		slices.SortFunc(d.Files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	}
	return dirs, nil
}
