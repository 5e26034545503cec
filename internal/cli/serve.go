package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	siteserve "github.com/ankatech/errgen/internal/serve"
)

// serveFlags are the flags of `errgen serve`.
type serveFlags struct {
	addr  string
	site  string
	cat   files
	watch bool
}

func serve(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, stdout, stderr)
}

func newServeFlags() (*flag.FlagSet, *serveFlags) {
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	f := new(serveFlags)
	fset.StringVar(&f.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	fset.StringVar(&f.site, "site", "", "serve the rendered site in `DIR` instead of rendering the catalog")
	fset.Var(&f.cat, "catalog", "catalog `FILE` to render (repeatable, as for generate)")
	fset.BoolVar(&f.watch, "watch", false, "re-render when a catalog file changes and reload the open pages")
	return fset, f
}

// serveUntil runs the server until ctx is done (a signal, or a test).
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(ctx) // ends a -watch poller with the server
	defer cancel()
	fset, f := newServeFlags()
	if code, ok := parse(fset, args, stderr); !ok {
		return code
	}
	if f.site != "" && (len(f.cat) > 0 || f.watch) {
		fmt.Fprintln(stderr, "errgen serve: -site serves a rendered folder; it cannot be combined with -catalog or -watch")
		return exitUsage
	}
	// What -watch watches is hashed before the first render reads it, so
	// an edit saved while the server starts is seen on the first tick.
	watched, err := watchedFiles(*f)
	if err != nil {
		return report(stderr, err)
	}
	start := siteserve.ContentHash(watched)
	site, err := siteFS(*f)
	if err != nil {
		return report(stderr, err)
	}
	h, onShutdown, err := handlerFor(ctx, *f, site, watched, start, stdout, stderr)
	if err != nil {
		return report(stderr, err)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		fmt.Fprintf(stderr, "errgen serve: %v\n", err)
		if errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, syscall.EACCES) {
			return exitFail // a good address this machine cannot give
		}
		return exitUsage
	}
	fmt.Fprintf(stdout, "errgen serve: http://%s/errors/ (Ctrl+C to stop)\n", ln.Addr())
	srv := newServer(h)
	srv.RegisterOnShutdown(onShutdown)
	return run(ctx, srv, ln, stderr)
}

// siteFS is the document root: the -site folder, or the site rendered
// in memory from the catalog, exactly as generate would write it.
func siteFS(f serveFlags) (fs.FS, error) {
	if f.site != "" {
		fi, err := os.Stat(f.site)
		if err != nil {
			return nil, siteError(f.site, err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("errgen serve: -site %s is not a folder", f.site)
		}
		// os.Root, unlike os.DirFS, refuses symlinks that lead out of the folder.
		root, err := os.OpenRoot(f.site)
		if err != nil {
			return nil, siteError(f.site, err)
		}
		// A folder that is not a generated site would answer 404 to
		// everything: say so now instead.
		if _, err := fs.Stat(root.FS(), "errors/index.html"); err != nil {
			return nil, fmt.Errorf("errgen serve: -site %s has no errors/index.html: give the folder errgen generate -site wrote", f.site)
		}
		return root.FS(), nil
	}
	return renderSite(f.cat)
}

// siteError names the -site folder and the cause, without the system
// call's name ("errgen serve: -site DIR: no such file or directory").
func siteError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("errgen serve: -site %s: %w", dir, err)
}

// newServer sets the timeouts a server facing the internet (or a CDN's
// origin pulls) needs, so slow or idle clients cannot hold connections.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// run serves until ctx is done, then lets requests in flight finish.
func run(ctx context.Context, srv *http.Server, ln net.Listener, stderr io.Writer) int {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return report(stderr, fmt.Errorf("errgen serve: %w", err))
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return report(stderr, fmt.Errorf("errgen serve: shutdown: %w", err))
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return report(stderr, fmt.Errorf("errgen serve: %w", err))
	}
	return exitOK
}
