// Package diff compares two loaded catalogs and says which changes break
// whom: HTTP clients (a status, a title, a member they read), Go services
// (the generated package's API: a constructor's parameters, a Go name), or
// nobody (a new error, a text edit).
//
// Compare returns the changes as data: errgen diff prints them, and the
// site's changelog can render the same list between two releases.
// Removals point at the old catalog (where the removed thing was), every
// other change at the new one.
package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// Kind says whether a change breaks someone.
type Kind int

const (
	Compatible Kind = iota
	Breaking
)

func (k Kind) String() string {
	if k == Breaking {
		return "breaking"
	}
	return "compatible"
}

// Change is one difference between the catalogs.
type Change struct {
	Pos  catalog.Pos
	Kind Kind
	// Slug is the error it concerns, or CatalogWide for the catalog's own
	// parts (base_uri, common headers and members, upstream roles).
	Slug string
	What string
}

// CatalogWide is the Slug of a change outside any one error.
const CatalogWide = "(catalog)"

func (c Change) String() string {
	return fmt.Sprintf("%s: %s: %s: %s", c.Pos, c.Kind, c.Slug, c.What)
}

// Result is every change, sorted by position, and the two versions.
type Result struct {
	Changes    []Change
	OldVersion string
	NewVersion string
}

// Breaking counts the breaking changes.
func (r Result) Breaking() int {
	n := 0
	for _, c := range r.Changes {
		if c.Kind == Breaking {
			n++
		}
	}
	return n
}

// MajorBump: the new major version is above the old one.
func (r Result) MajorBump() bool {
	if r.OldVersion == "" || r.NewVersion == "" {
		return false
	}
	return catalog.CompareVersions(catalog.Major(r.NewVersion)+".0.0", catalog.Major(r.OldVersion)+".0.0") > 0
}

// OK: nothing breaks, or the new version says so with a major bump.
func (r Result) OK() bool { return r.Breaking() == 0 || r.MajorBump() }

// Summary is the line after the changes, e.g. "2 breaking, 3 compatible
// changes; 1.0.0 → 1.1.0 is not a major version bump".
func (r Result) Summary() string {
	b := r.Breaking()
	s := fmt.Sprintf("%d %s (%d breaking, %d compatible); %s → %s", len(r.Changes), plural(len(r.Changes), "change", "changes"),
		b, len(r.Changes)-b, catalog.Describe(r.OldVersion), catalog.Describe(r.NewVersion))
	switch {
	case r.MajorBump():
		return s + " is a major version bump"
	case b > 0:
		return s + " is not a major version bump: bump the major version (and add it to history) or undo the breaking changes"
	}
	return s + " needs no major version bump"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Compare lists what changed from old to new.
func Compare(old, new *catalog.Catalog) Result {
	d := &differ{old: old, new: new, oldBy: bySlug(old), newBy: bySlug(new)}
	d.catalogWide()
	d.removedErrors()
	for _, e := range new.Errors {
		switch o := d.oldBy[e.Slug]; {
		case o != nil:
			d.entry(o, e)
		case d.renamedFrom(e) != nil:
			d.entry(d.renamedFrom(e), e) // removedErrors reports the rename itself
		default:
			d.added(e)
		}
	}
	d.tombstones()
	slices.SortFunc(d.changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), strings.Compare(a.String(), b.String()))
	})
	return Result{Changes: d.changes, OldVersion: old.Version, NewVersion: new.Version}
}

type differ struct {
	old, new     *catalog.Catalog
	oldBy, newBy map[string]*catalog.Entry
	changes      []Change
}

func bySlug(c *catalog.Catalog) map[string]*catalog.Entry {
	m := make(map[string]*catalog.Entry, len(c.Errors))
	for _, e := range c.Errors {
		m[e.Slug] = e
	}
	return m
}

func (d *differ) add(p catalog.Pos, k Kind, slug, format string, args ...any) {
	d.changes = append(d.changes, Change{Pos: p, Kind: k, Slug: slug, What: fmt.Sprintf(format, args...)})
}

// renamedFrom is the old error that e, new, took the slug of as an alias.
func (d *differ) renamedFrom(e *catalog.Entry) *catalog.Entry {
	for _, a := range e.Aliases {
		if o := d.oldBy[a]; o != nil && d.newBy[a] == nil {
			return o
		}
	}
	return nil
}

// aliasOwner is the error in c that has slug as an alias, or nil.
func aliasOwner(c *catalog.Catalog, slug string) *catalog.Entry {
	for _, e := range c.Errors {
		if slices.Contains(e.Aliases, slug) {
			return e
		}
	}
	return nil
}

func tombstone(c *catalog.Catalog, slug string) (catalog.Tombstone, bool) {
	for _, t := range c.Removed {
		if t.Slug == slug {
			return t, true
		}
	}
	return catalog.Tombstone{}, false
}

// removedErrors reports every old error missing from the new catalog: a
// rename (a new error took its slug as an alias), a merge into another
// error (an alias), a tombstone, or a plain removal.
func (d *differ) removedErrors() {
	for _, o := range d.old.Errors {
		if d.newBy[o.Slug] != nil {
			continue
		}
		at := d.old.PosOf(o, "/slug")
		owner := aliasOwner(d.new, o.Slug)
		t, dead := tombstone(d.new, o.Slug)
		switch {
		case owner != nil && d.oldBy[owner.Slug] == nil:
			p := d.new.PosOf(owner, "/slug")
			d.add(p, Compatible, owner.Slug, "renamed from %s, which stays as an alias", o.Slug)
			d.add(p, Breaking, owner.Slug, "Go names change: %s", goNames(o.Slug, owner.Slug))
		case owner != nil:
			d.add(at, Compatible, o.Slug, "removed; its type URI now resolves to %s (an alias)", owner.Slug)
		case dead:
			d.add(t.PosOf("/slug"), Compatible, o.Slug, "removed in %s, with a tombstone%s", t.RemovedIn, use(t.ReplacedBy))
		default:
			d.add(at, Breaking, o.Slug, "removed without a tombstone or an alias%s", d.renameHint(o))
		}
	}
}

func use(slug string) string {
	if slug == "" {
		return ""
	}
	return " (use " + slug + ")"
}

// renameHint names a new error that looks like the removed one renamed.
func (d *differ) renameHint(o *catalog.Entry) string {
	for _, e := range d.new.Errors {
		if d.oldBy[e.Slug] == nil && e.Title == o.Title {
			return fmt.Sprintf("; if it was renamed to %s, add aliases: [%s] there", e.Slug, o.Slug)
		}
	}
	return ""
}

func goNames(from, to string) string {
	a, b := catalog.GoName(from), catalog.GoName(to)
	if a == b {
		return a + " stays"
	}
	return fmt.Sprintf("%s, New%s, Is%s become %s, New%s, Is%s", a, a, a, b, b, b)
}

// added reports a new error, and a since that does not say it is new.
func (d *differ) added(e *catalog.Entry) {
	p := d.new.PosOf(e, "/slug")
	if aliasOwner(d.old, e.Slug) != nil {
		d.add(p, Breaking, e.Slug, "was an alias of %s and is now an error of its own", aliasOwner(d.old, e.Slug).Slug)
		return
	}
	if _, was := tombstone(d.old, e.Slug); was {
		d.add(p, Compatible, e.Slug, "added again (it was removed)")
		return
	}
	if d.old.Version != "" && e.Since != "" && catalog.CompareVersions(e.Since, d.old.Version) <= 0 {
		d.add(d.new.PosOf(e, "/since"), Compatible, e.Slug, "added, but its since (%s; without since, the first release) is not above the old version %s: add since: %s",
			e.Since, d.old.Version, catalog.Describe(d.new.Version))
		return
	}
	d.add(p, Compatible, e.Slug, "added")
}

// tombstones reports tombstones that are new (of errors already gone,
// the others are reported with the removal) or gone.
func (d *differ) tombstones() {
	for _, t := range d.new.Removed {
		_, had := tombstone(d.old, t.Slug)
		if !had && d.oldBy[t.Slug] == nil {
			d.add(t.PosOf("/slug"), Compatible, t.Slug, "tombstone added")
		}
	}
	for _, t := range d.old.Removed {
		if _, has := tombstone(d.new, t.Slug); has || d.newBy[t.Slug] != nil || aliasOwner(d.new, t.Slug) != nil {
			continue
		}
		d.add(t.PosOf("/slug"), Breaking, t.Slug, "tombstone removed: its type URI no longer resolves")
	}
}
