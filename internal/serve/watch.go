package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// Live preview for catalog authors (errgen serve -watch). A Live serves
// the last good site and tells open pages when it changes: each HTML page
// it serves carries <meta name="errgen-watch" content="GEN">, the
// generation of the site it belongs to, and the site's own script, seeing
// it, listens to EventsPath (server-sent events). Each event is the
// current state, {"gen": ..., "problems": ...}: a page whose generation
// is not the current one reloads itself; problems (a catalog that no
// longer builds, FILE:LINE:COL messages) show in a banner. The generated
// files never carry the meta, so on a static host the script does nothing.

// EventsPath is where a watching server streams its state.
const EventsPath = "/errors/_events"

// Live is the handler of a watching server.
type Live struct {
	mu       sync.Mutex
	site     http.Handler
	gen      string
	problems string
	subs     map[chan struct{}]bool
	closed   bool
	epoch    int64 // server start, so a restarted server's pages differ
	n        int
}

// NewLive serves site, the first good build.
func NewLive(site fs.FS) (*Live, error) {
	l := &Live{subs: map[chan struct{}]bool{}, epoch: time.Now().UnixNano()}
	return l, l.Update(site)
}

// Update installs a new good site and tells open pages to reload.
func (l *Live) Update(site fs.FS) error {
	l.mu.Lock()
	gen := fmt.Sprintf("%x-%d", l.epoch, l.n+1)
	l.mu.Unlock()
	m, err := withWatchMeta(site, gen)
	if err != nil {
		return err
	}
	h := Handler(m)
	l.mu.Lock()
	l.n++
	l.site, l.gen, l.problems = h, gen, ""
	l.mu.Unlock()
	l.notify()
	return nil
}

// Fail keeps the last good site and shows problems on the open pages.
func (l *Live) Fail(problems string) {
	l.mu.Lock()
	l.problems = problems
	l.mu.Unlock()
	l.notify()
}

// Close ends the event streams, so a server can shut down (register it
// with http.Server.RegisterOnShutdown).
func (l *Live) Close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	l.notify()
}

func (l *Live) notify() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for ch := range l.subs {
		select {
		case ch <- struct{}{}:
		default: // a signal is already pending; the stream reads the newest state
		}
	}
}

func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EventsPath {
		l.events(w, r)
		return
	}
	l.mu.Lock()
	h := l.site
	l.mu.Unlock()
	// The pages open the event stream: connect-src 'self' joins their
	// Content-Security-Policy.
	h.ServeHTTP(&headWriter{ResponseWriter: w, head: func(code int) int {
		if csp := w.Header().Get("Content-Security-Policy"); csp != "" {
			w.Header().Set("Content-Security-Policy", csp+"; connect-src 'self'")
		}
		return code
	}}, r)
}

// events streams the state: once on connecting, then on every change,
// with a comment now and then so proxies keep the connection open.
func (l *Live) events(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // the server's write timeout is for pages, not for a stream
	ch := make(chan struct{}, 1)
	l.mu.Lock()
	l.subs[ch] = true
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.subs, ch)
		l.mu.Unlock()
	}()
	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		l.mu.Lock()
		state, _ := json.Marshal(struct {
			Gen      string `json:"gen"`
			Problems string `json:"problems"`
		}{l.gen, l.problems})
		closed := l.closed
		l.mu.Unlock()
		if closed {
			return
		}
		if _, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", state); err != nil || rc.Flush() != nil {
			return
		}
		for waiting := true; waiting; {
			select {
			case <-r.Context().Done():
				return
			case <-ch:
				waiting = false
			case <-ping.C:
				if _, err := io.WriteString(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
					return
				}
			}
		}
	}
}

// withWatchMeta copies site with the watch meta in every HTML page's head.
func withWatchMeta(site fs.FS, gen string) (*MemFS, error) {
	meta := []byte(`<head>` + "\n" + `<meta name="errgen-watch" content="` + gen + `" data-events="` + EventsPath + `">`)
	m := map[string][]byte{}
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			data = bytes.Replace(data, []byte("<head>"), meta, 1)
		}
		m[p] = data
		return nil
	})
	return NewMemFS(m), err
}

// Watch polls files every interval until ctx is done. When their
// contents change (an edit in place, or an editor's save by rename), it
// calls rebuild: a new site is installed and the open pages reload; an
// error keeps the last good site and its message goes to the open pages
// and to log.
func (l *Live) Watch(ctx context.Context, files []string, last [32]byte, every time.Duration, rebuild func() (fs.FS, error), out, log io.Writer) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h := ContentHash(files)
		if h == last {
			continue
		}
		last = h
		site, err := rebuild()
		if err == nil {
			err = l.Update(site)
		}
		if err != nil {
			msg := strings.TrimRight(err.Error(), "\n")
			fmt.Fprintf(log, "%s\nerrgen serve: the catalog does not build; still serving the last good site\n", msg)
			l.Fail(msg)
			continue
		}
		fmt.Fprintln(out, "errgen serve: catalog changed; site re-rendered")
	}
}

// contentHash is a hash of the files' contents ("missing" for a file that
// cannot be read, as between an editor's delete and rename).
func ContentHash(files []string) [32]byte {
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			data = []byte("missing")
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(data))
		h.Write(data)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}
