package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// The 404 page has an empty "Did you mean" section that site.js fills
// from the address and the search data on any static host. errgen serve
// fills it before sending, so it works without scripts too: a status
// (/errors/502) lists that status's errors, a mistyped slug its nearest.

const (
	suggestOpen  = `<section id="suggestions" class="suggestions" aria-labelledby="suggestions-h" hidden="">`
	suggestHead  = `<h2 id="suggestions-h">Did you mean</h2>`
	suggestEmpty = `<ul class="search-results"></ul>`
)

var statusSlug = regexp.MustCompile(`^([1-5][0-9][0-9]|[45]xx)$`)

type catalogEntry struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Status  any      `json:"status"` // a number, or "4xx"
	Summary string   `json:"summary"`
	Aliases []string `json:"aliases"`
}

func (e catalogEntry) status() string { return fmt.Sprint(e.Status) }

// maxSuggestSlug bounds the address a 404 looks for near misses of: the
// edit distance costs its length times each slug's, for every error.
const maxSuggestSlug = 80

// readEntries reads the errors of the site's catalog.json (nil when it
// has none).
func readEntries(site fs.FS) []catalogEntry {
	data, err := fs.ReadFile(site, "errors/catalog.json")
	if err != nil {
		return nil
	}
	var cat struct {
		Errors []catalogEntry `json:"errors"`
	}
	if json.Unmarshal(data, &cat) != nil {
		return nil
	}
	return cat.Errors
}

// withSuggestions returns the 404 page for the address path with its
// suggestions filled in, or page unchanged when there are none.
func withSuggestions(entries func() []catalogEntry, page []byte, path string) []byte {
	slug, ok := strings.CutPrefix(strings.TrimSuffix(path, "/"), "/errors/")
	if !ok || slug == "" || len(slug) > maxSuggestSlug || strings.Contains(slug, "/") || !bytes.Contains(page, []byte(suggestOpen)) {
		return page
	}
	cat := struct{ Errors []catalogEntry }{entries()}
	if len(cat.Errors) == 0 {
		return page
	}
	slug = strings.ToLower(slug)
	heading, hits := "Did you mean", []catalogEntry(nil)
	if statusSlug.MatchString(slug) {
		for _, e := range cat.Errors {
			if e.status() == slug {
				hits = append(hits, e)
			}
		}
		if len(hits) > 0 {
			heading = "Errors with status " + slug
		}
	}
	if len(hits) == 0 {
		hits = nearest(cat.Errors, slug, 5)
	}
	if len(hits) == 0 {
		return page
	}
	var list strings.Builder
	list.WriteString(`<ul class="search-results">`)
	for _, e := range hits {
		st := html.EscapeString(e.status())
		if st == "" {
			st = "?" // a -site folder's catalog.json without a status
		}
		fmt.Fprintf(&list, `<li><a href="/errors/%s/"><span class="status-chip status-%s">%s</span>%s</a><span class="row-summary">%s</span></li>`,
			html.EscapeString(e.Slug), st[:1], st, html.EscapeString(e.Title), html.EscapeString(e.Summary))
	}
	list.WriteString(`</ul>`)
	out := strings.Replace(string(page), suggestOpen, strings.TrimSuffix(suggestOpen, ` hidden="">`)+`>`, 1)
	out = strings.Replace(out, suggestHead, `<h2 id="suggestions-h">`+heading+`</h2>`, 1)
	out = strings.Replace(out, suggestEmpty, list.String(), 1)
	return []byte(out)
}

// nearest returns up to n errors whose slug or an old slug is within a
// few edits of slug, closest first.
func nearest(errs []catalogEntry, slug string, n int) []catalogEntry {
	type scored struct {
		e catalogEntry
		d int
	}
	limit := max(2, len(slug)/3)
	// Readers mix '-' and '_': they count as the same letter.
	norm := func(s string) string { return strings.ReplaceAll(s, "_", "-") }
	slug = norm(slug)
	var found []scored
	for _, e := range errs {
		d := limit + 1
		for _, s := range append([]string{e.Slug}, e.Aliases...) {
			d = min(d, catalog.EditDistance(slug, norm(s), limit))
		}
		if d <= limit {
			found = append(found, scored{e, d})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return a.d - b.d })
	out := make([]catalogEntry, 0, n)
	for _, s := range found[:min(n, len(found))] {
		out = append(out, s.e)
	}
	return out
}
