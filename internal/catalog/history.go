package catalog

import (
	"strings"
	"time"

	"golang.org/x/mod/semver"
)

// The catalog's history: a version, releases, since/deprecated on entries
// and tombstones. Load places and merges it (placeHistory, mergeHistory);
// Lint checks it is consistent (linter.history).

// historyKeys are the top-level keys whose positions the model keeps for
// messages after Load (errors keep their own, per entry).
var historyKeys = []string{"version", "history", "removed", "common", "upstreams", "base_uri", "name", "links", "formats", "service", "services", "title"}

// placeHistory keeps the positions of the file's top-level keys and of
// each tombstone and release, as placeUpstreams does for upstreams.
func (f *file) placeHistory(x index) {
	f.meta = map[string]index{}
	for _, k := range historyKeys {
		if i, ok := x.childIndex(0, k); ok {
			f.meta[k] = x.subtree(i)
		}
	}
	for i := range f.Removed {
		f.Removed[i].pos = f.meta["removed"].subtree(f.meta["removed"][0].first + int32(i))
	}
	for i := range f.History {
		f.History[i].pos = f.meta["history"].subtree(f.meta["history"][0].first + int32(i))
	}
}

// childIndex is the slot of parent's member named key.
func (x index) childIndex(parent int32, key string) (int32, bool) {
	if len(x) == 0 {
		return 0, false
	}
	n := x[parent]
	for i := n.first; i < n.first+n.n; i++ {
		if x[i].keyLine != 0 && x[i].key == key {
			return i, true
		}
	}
	return 0, false
}

// mergeHistory takes version and history from the base file (the one
// with base_uri), tombstones from every file, and gives each of f's
// entries without since the catalog's first release.
func (c *Catalog) mergeHistory(f *file, base bool) {
	if base {
		c.Version, c.History, c.meta, c.metaFile = f.Version, f.History, f.meta, f.src
	} else {
		for _, k := range []string{"version", "history"} {
			if x, ok := f.meta[k]; ok {
				n, _ := x.find("")
				c.strays = append(c.strays, Diagnostic{Pos: Pos{File: f.src, Line: int(n.keyLine), Col: int(n.keyCol)},
					Msg: k + " belongs to the base catalog (the file with base_uri); a file that adds errors has none of its own"})
			}
		}
	}
	for _, t := range f.Removed {
		t.File = f.src
		c.Removed = append(c.Removed, t)
	}
	if first := c.FirstRelease(); first != "" {
		for _, e := range f.Errors {
			if e.Since == "" {
				e.Since = first
			}
		}
	}
}

// FirstRelease is the oldest version in the history (the version of an
// entry that does not say since when it exists), or "" when unversioned.
func (c *Catalog) FirstRelease() string {
	if c.Version != "" && len(c.History) > 0 {
		return c.History[len(c.History)-1].Version
	}
	return c.Version
}

// TopPos is the position of a node outside the errors list, such as
// "/version" or "/common/headers/1", or of its nearest ancestor.
func (c *Catalog) TopPos(ptr string) Pos {
	key, rest := ptr, ""
	if i := strings.IndexByte(ptr[1:], '/'); i >= 0 {
		key, rest = ptr[:i+1], ptr[i+1:]
	}
	x, ok := c.meta[key[1:]]
	if !ok {
		return Pos{File: c.metaFile, Line: 1, Col: 1}
	}
	n, _ := x.find(rest)
	return n.pos(c.metaFile)
}

// PosOf is the position of a node under the tombstone, e.g. "/replaced_by".
func (t Tombstone) PosOf(sub string) Pos {
	n, _ := t.pos.find(sub)
	return n.pos(t.File)
}

// PosOf is the position of a node under the release, e.g. "/date".
func (r Release) PosOf(file, sub string) Pos {
	n, _ := r.pos.find(sub)
	return n.pos(file)
}

// CompareVersions compares two catalog versions (1.2.0) by semver.
func CompareVersions(a, b string) int { return semver.Compare("v"+a, "v"+b) }

// Major is a version's major number ("2" for 2.1.0).
func Major(v string) string { return semver.Major("v" + v)[1:] }

// history checks the versions: a valid history ending at version, every
// since, deprecation and tombstone naming a release, replacements that
// exist and are not on their way out themselves.
func (l *linter) history() {
	c := l.c
	l.errs.add(c.strays...)
	released := l.releases()
	l.tombstones(released)
	l.changes()
	for _, e := range c.Errors {
		l.since(e, released)
		if d := e.Deprecated; d != nil {
			l.release(released, d.Version, c.at(e, "/deprecated/version"), "deprecated")
			if CompareVersions(d.Version, e.Since) < 0 && e.Since != "" {
				l.errs.at(c.at(e, "/deprecated/version"), "%q is deprecated in %s, before it was added (since %s)", e.Slug, d.Version, e.Since)
			}
			if d.ReplacedBy == e.Slug {
				l.errs.at(c.at(e, "/deprecated/replaced_by"), "%q is replaced by itself", e.Slug)
			} else if d.ReplacedBy != "" {
				l.replacement(d.ReplacedBy, c.at(e, "/deprecated/replaced_by"))
			}
		}
	}
}

// releases checks version and history and returns the released versions.
func (l *linter) releases() map[string]bool {
	c := l.c
	released := map[string]bool{}
	if c.Version == "" {
		if len(c.History) > 0 {
			l.errs.at(c.TopPos("/history"), "history without a catalog version: add version: %s", c.History[0].Version)
		}
		return released
	}
	if len(c.History) == 0 {
		l.errs.at(c.TopPos("/version"), "version %s has no history entry: add history: [{version: %s, date: YYYY-MM-DD, notes: ...}]", c.Version, c.Version)
	} else if h := c.History[0]; h.Version != c.Version {
		l.errs.at(h.PosOf(c.metaFile, "/version"), "the newest history entry is %s, but the catalog's version is %s (history lists the newest first)", h.Version, c.Version)
	}
	var prev *Release
	for i := range c.History {
		h := &c.History[i]
		if released[h.Version] {
			l.errs.at(h.PosOf(c.metaFile, "/version"), "version %s is in the history twice", h.Version)
		}
		released[h.Version] = true
		date, err := time.Parse(time.DateOnly, h.Date)
		if err != nil {
			l.errs.at(h.PosOf(c.metaFile, "/date"), "date %q is not a date (YYYY-MM-DD)", h.Date)
		}
		if prev != nil {
			if CompareVersions(h.Version, prev.Version) >= 0 {
				l.errs.at(h.PosOf(c.metaFile, "/version"), "history is out of order: %s comes after %s (list the newest first)", h.Version, prev.Version)
			}
			if p, perr := time.Parse(time.DateOnly, prev.Date); err == nil && perr == nil && date.After(p) {
				l.errs.at(h.PosOf(c.metaFile, "/date"), "%s is dated %s, after the newer %s (%s)", h.Version, h.Date, prev.Version, prev.Date)
			}
		}
		prev = h
	}
	return released
}

// release checks that v, the version of what, is a released version.
func (l *linter) release(released map[string]bool, v string, p Pos, what string) {
	switch {
	case l.c.Version == "":
		l.errs.at(p, "%s %s, but the catalog has no version: add version and history at the top", what, v)
	case CompareVersions(v, l.c.Version) > 0:
		l.errs.at(p, "%s %s is above the catalog's version %s", what, v, l.c.Version)
	case !released[v] && len(l.c.History) > 0:
		l.errs.at(p, "%s %s is not a version in the history", what, v)
	}
}

func (l *linter) since(e *Entry, released map[string]bool) {
	if e.Since != "" {
		l.release(released, e.Since, l.c.at(e, "/since"), "since")
	}
}

// replacement checks that a replaced_by names a live error that is not
// itself deprecated.
func (l *linter) replacement(slug string, p Pos) {
	other, ok := l.bySlug[slug]
	switch {
	case !ok && l.removed(slug):
		l.errs.at(p, "replacement %q is removed itself; name what replaced it", slug)
	case !ok:
		l.errs.at(p, "replacement %q does not exist", slug)
	case other.Deprecated != nil:
		l.errs.at(p, "replacement %q is deprecated itself (since %s); name what replaces it", slug, other.Deprecated.Version)
	}
}

func (l *linter) removed(slug string) bool {
	for _, t := range l.c.Removed {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// tombstones checks that each removed slug is gone (no live error, no
// alias has it) and is listed once, at a released version.
func (l *linter) tombstones(released map[string]bool) {
	aliasOf := map[string]string{}
	for _, e := range l.c.Errors {
		for _, a := range e.Aliases {
			aliasOf[a] = e.Slug
		}
	}
	seen := map[string]Pos{}
	for _, t := range l.c.Removed {
		p := t.PosOf("/slug")
		if prev, dup := seen[t.Slug]; dup {
			l.errs.at(p, "%q is removed twice (first at %s)", t.Slug, prev)
		}
		seen[t.Slug] = p
		switch {
		case !slugRE.MatchString(t.Slug):
			l.errs.at(p, "removed slug %q: use lowercase letters and digits separated by single - or _", t.Slug)
		case l.bySlug[t.Slug] != nil:
			l.errs.at(p, "%q is removed but still in errors (at %s); keep one of the two", t.Slug, l.c.at(l.bySlug[t.Slug], "/slug"))
		case aliasOf[t.Slug] != "":
			l.errs.at(p, "%q is removed but is also an alias of %q; a slug is either a tombstone or an alias", t.Slug, aliasOf[t.Slug])
		}
		l.release(released, t.RemovedIn, t.PosOf("/removed_in"), "removed_in")
		if t.ReplacedBy != "" {
			l.replacement(t.ReplacedBy, t.PosOf("/replaced_by"))
		}
	}
}

// Describe names a version for messages ("1.2.0", or "no version").
func Describe(v string) string {
	if v == "" {
		return "no version"
	}
	return v
}
