package cli

import (
	"errors"
	"io/fs"
	"os"
	"regexp"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/internal/catalog"
)

const defaultCatalog = "catalog/errors.yaml"

var hasBase = regexp.MustCompile(`(?m)^base_uri\s*:`)

// loadCatalog resolves the catalog sources: the -catalog files, else
// catalog/errors.yaml in the working directory, else the built-in one;
// and the built-in one under -catalog files that only add errors.
func loadCatalog(paths []string) (*catalog.Catalog, error) {
	var srcs []catalog.Source
	if len(paths) == 0 {
		if _, err := os.Stat(defaultCatalog); err == nil {
			paths = []string{defaultCatalog}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	for _, p := range paths {
		src, err := catalog.ReadFile(p)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	if len(srcs) == 0 || !hasBase.Match(srcs[0].Data) {
		srcs = append([]catalog.Source{{Name: "builtin:" + builtin.Name, Data: builtin.AnkaSecure}}, srcs...)
	}
	return catalog.Load(srcs...)
}
