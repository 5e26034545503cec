package cli

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"slices"
	"time"

	siteserve "github.com/ankatech/errgen/internal/serve"
)

// watchEvery is how often serve -watch reads the catalog files; reading a
// catalog is cheap next to rendering it, which happens only on a change.
const watchEvery = 300 * time.Millisecond

// renderSite runs the whole pipeline on the catalog files (the -catalog
// paths, else the default), so serve refuses what generate refuses, and
// returns the site as generate would write it.
func renderSite(paths []string) (fs.FS, error) {
	srcs, err := readSources(paths)
	if err != nil {
		return nil, err
	}
	_, dirs, err := build(context.Background(), srcs, everything)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, d := range dirs {
		if d.Kind != "site" {
			continue
		}
		for _, file := range d.Files {
			files[file.Path] = file.Data
		}
	}
	return siteserve.NewMemFS(files), nil
}

// handlerFor is serve's handler: the site, or with -watch a live site
// that re-renders while ctx lasts; onShutdown ends its event streams.
func handlerFor(ctx context.Context, f serveFlags, site fs.FS, stdout, stderr io.Writer) (http.Handler, func(), error) {
	if !f.watch {
		return siteserve.Handler(site), func() {}, nil
	}
	paths := []string(f.cat)
	if len(paths) == 0 {
		if _, err := os.Stat(defaultCatalog); err != nil {
			return nil, nil, errors.New("errgen serve: -watch watches catalog files: give -catalog FILE, or run where " + defaultCatalog + " is")
		}
		paths = []string{defaultCatalog}
	}
	live, err := siteserve.NewLive(site)
	if err != nil {
		return nil, nil, err
	}
	// The registered services' files are part of the site: watched too.
	watched := append(slices.Clone(paths), serviceFiles(paths)...)
	go live.Watch(ctx, watched, watchEvery, func() (fs.FS, error) { return renderSite(paths) }, stdout, stderr)
	return live, live.Close, nil
}
