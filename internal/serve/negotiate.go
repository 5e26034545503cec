package serve

import (
	"bufio"
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// representation is one form of an error's page at its type URI.
type representation struct {
	mediaType string // what Accept is matched against
	file      string // the file's name inside the error's folder
}

// representations in order of preference when Accept ranks them equally:
// a browser's or curl's */* gets the page, application/* the entry.
var representations = []representation{
	{"text/html", "index.html"},
	{"application/json", "index.json"},
	{"application/schema+json", "schema.json"},
}

// serveTypeURI answers at /errors/<slug> and /errors/<slug>/ when that
// folder holds an error page, choosing the representation by Accept.
// It reports false when name is not a type URI.
func (h *handler) serveTypeURI(w http.ResponseWriter, r *http.Request, name string) bool {
	dir, slug := path.Split(name)
	if dir != "errors/" || slug == "" || strings.HasPrefix(slug, "_") {
		return false
	}
	var avail []representation
	for _, rep := range representations {
		if fi, err := fs.Stat(h.site, name+"/"+rep.file); err == nil && fi.Mode().IsRegular() {
			avail = append(avail, rep)
		}
	}
	if len(avail) == 0 || avail[0].file != "index.html" {
		return false
	}
	// Accept on several header lines is one comma-separated list.
	rep := negotiate(strings.Join(r.Header.Values("Accept"), ","), avail)
	file := name + "/" + rep.file
	data, err := fs.ReadFile(h.site, file)
	if err != nil {
		return false
	}
	hdr := w.Header()
	hdr.Add("Vary", "Accept")
	hdr.Set("Content-Location", "/"+file)
	if _, err := fs.Stat(h.site, name+"/schema.json"); err == nil {
		// Path-absolute, so it holds behind any host name; every Link
		// errgen serve sends has this form.
		hdr.Set("Link", "</"+name+`/schema.json>; rel="describedby"`)
	}
	h.send(w, r, file, data)
	return true
}

// negotiate picks the representation Accept ranks highest (RFC 9110
// section 12.5.1: the most specific matching range sets the quality).
// When nothing is acceptable it still answers with the page: a useful
// body beats a bare 406 for a person following a link.
func negotiate(accept string, avail []representation) representation {
	if strings.TrimSpace(accept) == "" {
		return avail[0]
	}
	ranges := parseAccept(accept)
	best, bestQ := avail[0], 0.0
	for _, rep := range avail {
		if q := quality(ranges, rep.mediaType); q > bestQ {
			best, bestQ = rep, q
		}
	}
	return best
}

type mediaRange struct {
	typ, sub string
	q        float64
}

func parseAccept(accept string) []mediaRange {
	var out []mediaRange
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		typ, sub, ok := strings.Cut(mt, "/")
		if !ok {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || f > 1 {
				continue // a weight that is not one: the range is dropped, not taken as q=1
			}
			q = f
		}
		out = append(out, mediaRange{typ, sub, q})
	}
	return out
}

// quality is the q of the most specific range matching mediaType.
func quality(ranges []mediaRange, mediaType string) float64 {
	typ, sub, _ := strings.Cut(mediaType, "/")
	q, spec := 0.0, -1
	for _, r := range ranges {
		s := -1
		switch {
		case r.typ == typ && r.sub == sub:
			s = 2
		case r.typ == typ && r.sub == "*":
			s = 1
		case r.typ == "*" && r.sub == "*":
			s = 0
		}
		if s > spec {
			q, spec = r.q, s
		}
	}
	return q
}

// readRedirects reads the site's _redirects file ("FROM TO [STATUS]" per
// line, the Netlify syntax sitegen writes): the 301 and 302 lines with
// path-absolute targets (old slugs), and the paths of the 410 lines
// ("/errors/x /errors/x/index.html 410!": removed errors' pages).
func readRedirects(site fs.FS) (moved map[string]string, gone map[string]bool) {
	moved, gone = map[string]string{}, map[string]bool{}
	data, err := fs.ReadFile(site, "_redirects")
	if err != nil {
		return moved, gone
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || !strings.HasPrefix(f[0], "/") {
			continue
		}
		status := "301"
		if len(f) > 2 {
			status = strings.TrimSuffix(f[2], "!")
		}
		switch {
		case status == "410" && len(f) == 3:
			gone[f[0]] = true
		case (status == "301" || status == "302") && strings.HasPrefix(f[1], "/") && !strings.HasPrefix(f[1], "//"):
			moved[f[0]] = f[1]
		}
	}
	return moved, gone
}
