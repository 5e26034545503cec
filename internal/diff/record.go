package diff

import (
	"fmt"
	"slices"

	"github.com/ankatech/errgen/internal/catalog"
)

// Unrecorded checks that the new catalog's history records what changed
// since the old one, so the site's "last changed" dates (which read the
// history alone) are right. It applies when new is a later release than
// old: every error r finds a change to must have changed in a release
// above old by the history (its since, its deprecation, its tombstone's
// removed_in, or a release's changes), and every slug a release above
// old lists in changes must have changed. Changes outside any one error
// and errors removed without a tombstone (already breaking) are left out.
func Unrecorded(old, new *catalog.Catalog, r Result) catalog.Diagnostics {
	if old.Version == "" || new.Version == "" || catalog.CompareVersions(new.Version, old.Version) <= 0 {
		return nil
	}
	var ds catalog.Diagnostics
	changed := map[string]bool{}
	for _, c := range r.Changes {
		slug, recorded, ok := lastChange(new, c.Slug)
		if !ok || changed[slug] {
			continue
		}
		changed[slug] = true
		if recorded == "" || catalog.CompareVersions(recorded, old.Version) <= 0 {
			ds = append(ds, catalog.Diagnostic{Pos: c.Pos, Msg: fmt.Sprintf(
				"unrecorded: %s: changed since %s (%s), but no release after %s records it: add it to changes of %s",
				slug, old.Version, c.What, old.Version, new.Version)})
		}
	}
	for _, rel := range new.History {
		if catalog.CompareVersions(rel.Version, old.Version) <= 0 {
			break // newest first
		}
		for i, slug := range rel.Changes {
			if !changed[slug] {
				ds = append(ds, catalog.Diagnostic{Pos: rel.PosOf(new.TopPos("/history").File, fmt.Sprintf("/changes/%d", i)),
					Msg: fmt.Sprintf("unrecorded: %s: %s lists it as changed, but nothing changed in it since %s: drop it from changes", slug, rel.Version, old.Version)})
			}
		}
	}
	return ds
}

// lastChange maps the slug of a change to the page it shows on (an alias
// to its owner) and that page's last change by the history; ok is false
// for a change no page shows.
func lastChange(c *catalog.Catalog, slug string) (page, version string, ok bool) {
	for _, e := range c.Errors {
		if e.Slug == slug || slices.Contains(e.Aliases, slug) {
			return e.Slug, c.LastChanged(e), true
		}
	}
	if t, dead := c.Tombstone(slug); dead {
		return slug, t.RemovedIn, true
	}
	return "", "", false
}
