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
// removed_in, or a release's changes). Changes outside any one error and
// errors removed without a tombstone (already breaking) are left out.
// A slug listed in changes that did not change is let be: a release may
// be prepared over several commits, each compared with the one before.
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
