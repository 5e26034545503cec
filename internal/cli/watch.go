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

// watchedFiles are the files serve -watch polls: the catalog files and
// the registered services' files; none without -watch.
func watchedFiles(f serveFlags) ([]string, error) {
	if !f.watch {
		return nil, nil
	}
	paths := []string(f.cat)
	if len(paths) == 0 {
		if _, err := os.Stat(defaultCatalog); err != nil {
			return nil, errors.New("errgen serve: -watch watches catalog files: give -catalog FILE, or run where " + defaultCatalog + " is")
		}
		paths = []string{defaultCatalog}
	}
	return append(slices.Clone(paths), serviceFiles(paths)...), nil
}

// handlerFor is serve's handler: the site, or with -watch a live site
// that re-renders while ctx lasts; onShutdown ends its event streams.
// start is the watched files' hash when the site was rendered.
func handlerFor(ctx context.Context, f serveFlags, site fs.FS, watched []string, start [32]byte, stdout, stderr io.Writer) (http.Handler, func(), error) {
	if !f.watch {
		return siteserve.Handler(site), func() {}, nil
	}
	live, err := siteserve.NewLive(site)
	if err != nil {
		return nil, nil, err
	}
	paths := []string(f.cat)
	if len(paths) == 0 {
		paths = []string{defaultCatalog}
	}
	go live.Watch(ctx, watched, start, watchEvery, func() (fs.FS, error) { return renderSite(paths) }, stdout, stderr)
	return live, live.Close, nil
}
