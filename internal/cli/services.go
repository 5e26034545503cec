package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// The docs host renders one site: the platform catalog's errors and those
// of every service it registers with a catalog file (services: in the
// platform catalog), so each type URI a service emits has a page. The Go
// package and the schema folder stay the platform's (or, in a service,
// the service's): a service generates its own Go package.

// withServices loads, for the site, the platform catalog c was loaded
// from with the catalog files of the services it registers, each path
// relative to the platform catalog file. It returns c itself when no
// registered service has a file c does not hold already (a service's own
// go generate loads the service's file over the platform catalog).
func withServices(c *catalog.Catalog, srcs []catalog.Source) (*catalog.Catalog, error) {
	base := c.BaseFile()
	if strings.HasPrefix(base, "builtin:") {
		// The built-in catalog's service files are not in the binary:
		// the docs host runs errgen on its catalog/errors.yaml.
		return c, nil
	}
	var more []catalog.Source
	var ds catalog.Diagnostics
	for _, s := range c.Services {
		if s.Catalog == "" || c.HasService(s.Name) {
			continue
		}
		src, err := catalog.ReadFile(serviceFile(base, s))
		if err != nil {
			ds = append(ds, catalog.Diagnostic{Pos: s.PosOf(base, "/catalog"),
				Msg: fmt.Sprintf("the catalog of service %q cannot be read: %v", s.Name, err)})
			continue
		}
		more = append(more, src)
	}
	if len(ds) > 0 {
		return nil, ds
	}
	if len(more) == 0 {
		return c, nil
	}
	site, err := catalog.LoadOver(builtinSource, append(slices.Clone(srcs), more...)...)
	if err != nil {
		return nil, err
	}
	for _, s := range c.Services {
		if s.Catalog != "" && !site.HasService(s.Name) {
			ds = append(ds, catalog.Diagnostic{Pos: s.PosOf(base, "/catalog"),
				Msg: fmt.Sprintf("%s is listed as the catalog of service %q but does not say service: %s", s.Catalog, s.Name, s.Name)})
		}
	}
	if len(ds) > 0 {
		return nil, ds
	}
	return site, nil
}

// listsServices says whether a catalog source may register services, whose
// files the generate stamp (generate.go) does not cover: a run with the
// site selected then always renders.
func listsServices(srcs []catalog.Source) bool {
	for _, s := range srcs {
		if bytes.HasPrefix(s.Data, []byte("services:")) || bytes.Contains(s.Data, []byte("\nservices:")) {
			return true
		}
	}
	return false
}

// serviceFiles are the catalog files of the services the platform catalog
// at paths registers (none when it does not load: serve -watch then
// watches the -catalog files alone).
func serviceFiles(paths []string) []string {
	c, err := loadCatalog(paths)
	if err != nil || strings.HasPrefix(c.BaseFile(), "builtin:") {
		return nil
	}
	var files []string
	for _, s := range c.Services {
		if s.Catalog != "" {
			files = append(files, serviceFile(c.BaseFile(), s))
		}
	}
	return files
}

// serviceFile is where a registered service's catalog file is: its path
// is relative to the platform catalog file.
func serviceFile(base string, s *catalog.Service) string {
	return filepath.Join(filepath.Dir(base), filepath.FromSlash(s.Catalog))
}
