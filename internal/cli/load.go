package cli

import (
	"errors"
	"io/fs"
	"os"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/internal/catalog"
)

const defaultCatalog = "catalog/errors.yaml"

// builtinSource is the AnkaSecure catalog built into the binary.
var builtinSource = catalog.Source{Name: "builtin:" + builtin.Name, Data: builtin.AnkaSecure}

// readSources resolves the catalog files: the -catalog files, else
// catalog/errors.yaml in the working directory, else none (the built-in
// catalog alone).
func readSources(paths []string) ([]catalog.Source, error) {
	if len(paths) == 0 {
		if _, err := os.Stat(defaultCatalog); err == nil {
			paths = []string{defaultCatalog}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	srcs := make([]catalog.Source, 0, len(paths))
	for _, p := range paths {
		src, err := catalog.ReadFile(p)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, nil
}

// loadCatalog loads the sources over the built-in catalog (tests and
// benchmarks; the verbs run the whole pipeline, build).
func loadCatalog(paths []string) (*catalog.Catalog, error) {
	srcs, err := readSources(paths)
	if err != nil {
		return nil, err
	}
	return catalog.LoadOver(builtinSource, srcs...)
}
