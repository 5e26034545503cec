package sitegen

import (
	"cmp"
	"html/template"
	"slices"

	"github.com/ankatech/errgen/internal/catalog"
)

// relGroup is one kind of relation with its heading, in a fixed order.
type relGroup struct {
	Heading string
	Kind    catalog.RelationKind
	Items   []relItem
}

type relItem struct {
	Slug, Title, Status string
	Chip                string // chip(Status)
	Href                string // "" when the slug is not in this catalog
	Note                template.HTML
}

// compareRow is one row of the side-by-side table of an error and its siblings.
type compareRow struct {
	Current  bool
	Status   string
	Chip     string // chip(Status)
	Slug     string
	Title    string
	Href     string
	Summary  string
	Retry    string
	RetryKey string
	After    string
	Note     template.HTML
}

var relKinds = []struct {
	kind    catalog.RelationKind
	heading string
}{
	{catalog.Sibling, "Often confused with"},
	{catalog.Broader, "More general"},
	{catalog.Narrower, "More specific"},
	{catalog.SeeAlso, "See also"},
}

func find(c *catalog.Catalog, slug string) *catalog.Entry {
	i, ok := slices.BinarySearchFunc(c.Errors, slug, func(e *catalog.Entry, s string) int {
		return cmp.Compare(e.Slug, s)
	})
	if !ok {
		return nil
	}
	return c.Errors[i]
}

// href links from an error page (or the index) to another error's page.
func href(prefix, slug string) string { return prefix + slug + "/" }

func related(c *catalog.Catalog, e *catalog.Entry, m *mdErr) []relGroup {
	var out []relGroup
	for _, k := range relKinds {
		g := relGroup{Heading: k.heading, Kind: k.kind}
		for _, r := range e.Related {
			if r.Kind != k.kind {
				continue
			}
			it := relItem{Slug: r.Slug, Title: r.Slug, Note: m.inline(r.Note)}
			if o := find(c, r.Slug); o != nil {
				it.Title, it.Status, it.Href = o.Title, o.Status.String(), href("../../errors/", o.Slug)
				it.Chip = chip(it.Status)
			}
			g.Items = append(g.Items, it)
		}
		if len(g.Items) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// compare builds the comparison table from the sibling relations: the
// entry and its siblings sorted by status then slug, each with the note
// this entry gives on how it differs. Nil when the entry has no siblings.
func compare(c *catalog.Catalog, e *catalog.Entry, m *mdErr) []compareRow {
	rows := []compareRow{row(e, true)}
	for _, r := range e.Related {
		if r.Kind != catalog.Sibling {
			continue
		}
		o := find(c, r.Slug)
		if o == nil {
			continue
		}
		rw := row(o, false)
		rw.Note = m.inline(r.Note)
		rows = append(rows, rw)
	}
	if len(rows) < 2 {
		return nil
	}
	slices.SortStableFunc(rows, func(a, b compareRow) int {
		return cmp.Or(cmp.Compare(statusKey(a.Status), statusKey(b.Status)), cmp.Compare(a.Slug, b.Slug))
	})
	return rows
}

func row(e *catalog.Entry, current bool) compareRow {
	status := e.Status.String()
	return compareRow{Current: current, Status: status, Chip: chip(status), Slug: e.Slug, Title: e.Title,
		Href: href("../../errors/", e.Slug), Summary: e.Summary,
		Retry: retryWord(e.Retry.Retryable), RetryKey: retryKey(e.Retry.Retryable),
		After: retryAfterShort(e)}
}

// statusKey sorts "5xx" after the 5nn codes.
func statusKey(s string) string {
	if len(s) == 3 && s[1] == 'x' {
		return s[:1] + "99"
	}
	return s
}
