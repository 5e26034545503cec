package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
)

// What the site and the generated code say about an entry's life: since
// when it exists, when it last changed, the catalog source's digest.
//
// "Last changed" is the newest release that changed the entry. A release
// records what it changed in the history itself, so no older catalog (and
// no git) is needed to render it: since, deprecated.version and a
// tombstone's removed_in record the addition, the deprecation and the
// removal; a release's changes list names every other entry it changed.
// errgen diff -release checks that list against the changes it finds.

// digest is the SHA-256 of the sources the catalog is loaded from: of
// the one file's bytes (so it matches errgen version's hash of the
// built-in catalog), else of each file's digest, one a line. withBase
// says base was put first. Names are left out: they depend on the
// working directory.
func digest(base *Source, sources []Source, withBase bool) string {
	all := sources
	if withBase && base != nil {
		all = append([]Source{*base}, sources...)
	}
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	if len(all) == 1 {
		return sum(all[0].Data)
	}
	var lines []byte
	for _, s := range all {
		lines = append(append(lines, sum(s.Data)...), '\n')
	}
	return sum(lines)
}

// LastChanged is the newest release that changed e: its since, its
// deprecation, or a release listing it in changes ("" when unversioned).
func (c *Catalog) LastChanged(e *Entry) string {
	v := e.Since
	if e.Deprecated != nil {
		v = newer(v, e.Deprecated.Version)
	}
	return newer(v, c.changedIn(e.Slug))
}

// changedIn is the newest release whose changes list slug, or "".
func (c *Catalog) changedIn(slug string) string {
	for _, r := range c.History { // newest first
		if slices.Contains(r.Changes, slug) {
			return r.Version
		}
	}
	return ""
}

func newer(a, b string) string {
	if a == "" || (b != "" && CompareVersions(b, a) > 0) {
		return b
	}
	return a
}

// ReleaseDate is the date (YYYY-MM-DD) of release v, "" when v is not in
// the history.
func (c *Catalog) ReleaseDate(v string) string {
	for _, r := range c.History {
		if r.Version == v {
			return r.Date
		}
	}
	return ""
}

// Tombstone returns the tombstone of slug, if it has one.
func (c *Catalog) Tombstone(slug string) (Tombstone, bool) {
	for _, t := range c.Removed {
		if t.Slug == slug {
			return t, true
		}
	}
	return Tombstone{}, false
}

// changes checks each release's changes: every slug names a live error
// or a tombstone, which existed at that release (not before its since,
// not after its removal), and the site's reserved page names are not
// taken by a tombstone or an alias either.
func (l *linter) changes() {
	c := l.c
	for _, r := range c.History {
		for i, slug := range r.Changes {
			p := r.PosOf(c.metaFile, fmt.Sprintf("/changes/%d", i))
			e, live := l.bySlug[slug]
			t, dead := c.Tombstone(slug)
			switch {
			case live && e.Since != "" && CompareVersions(r.Version, e.Since) < 0:
				l.errs.at(p, "%s lists %q as changed, but it was added later, in %s", r.Version, slug, e.Since)
			case live && e.Since == r.Version:
				l.errs.at(p, "%s lists %q as changed, but it was added in %s (its since says so): drop it here", r.Version, slug, r.Version)
			case dead && t.RemovedIn != "" && CompareVersions(r.Version, t.RemovedIn) >= 0:
				l.errs.at(p, "%s lists %q as changed, but it was removed in %s (its removed_in says so)", r.Version, slug, t.RemovedIn)
			case !live && !dead:
				l.errs.at(p, "%s lists %q as changed, but no error or tombstone has that slug", r.Version, slug)
			}
		}
	}
	for _, t := range c.Removed {
		if why, ok := reservedSlugs[t.Slug]; ok {
			l.errs.at(t.PosOf("/slug"), "removed slug %q is reserved: %s", t.Slug, why)
		}
	}
	for _, e := range c.Errors {
		for i, a := range e.Aliases {
			if why, ok := reservedSlugs[a]; ok {
				l.errs.at(c.at(e, fmt.Sprintf("/aliases/%d", i)), "alias %q is reserved: %s", a, why)
			}
		}
	}
}
