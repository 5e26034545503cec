package serve

import (
	"net/http"
)

// Tombstones: an error removed from the catalog keeps its page at its type
// URI, and errgen serve answers that page with 410 Gone, so a client or a
// crawler learns the type is gone for good while a person still reads
// what to use instead. sitegen lists those paths in _redirects as forced
// rewrites with status 410 ("/errors/x /errors/x/index.html 410!", the
// Netlify form); static hosts without it serve the page with 200.

// withGone answers the paths in gone with next's answer, its 200 turned
// into 410 (304 and errors stay as they are).
func withGone(gone map[string]bool, next http.Handler) http.Handler {
	if len(gone) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gone[r.URL.Path] {
			w = &headWriter{ResponseWriter: w, head: func(code int) int {
				if code == http.StatusOK {
					return http.StatusGone
				}
				return code
			}}
		}
		next.ServeHTTP(w, r)
	})
}
