package cli

import (
	"errors"
	"io/fs"
	"os"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/internal/catalog"
)

const defaultCatalog = "catalog/errors.yaml"

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
	return catalog.LoadOver(catalog.Source{Name: "builtin:" + builtin.Name, Data: builtin.AnkaSecure}, srcs...)
}
