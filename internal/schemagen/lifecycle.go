package schemagen

import "github.com/ankatech/errgen/internal/catalog"

// The catalog's version and history in catalog.json, and each entry's
// since, last change and deprecation, for tools that track the catalog.

// historyJSON is catalog.json's version, history and removed members;
// none for an unversioned catalog (removed only when there are any).
func historyJSON(c *catalog.Catalog) obj {
	var out obj
	if c.Version != "" {
		history := make([]any, 0, len(c.History))
		for _, r := range c.History {
			history = append(history, o("version", r.Version, "date", r.Date, "notes", r.Notes, "changes", stringList(r.Changes)))
		}
		out = o("version", c.Version, "history", history)
	}
	if len(c.Removed) > 0 {
		removed := make([]any, 0, len(c.Removed))
		for _, t := range c.Removed {
			x := o("slug", t.Slug, "type", c.BaseURI+t.Slug, "title", t.Title, "removed_in", t.RemovedIn, "why", t.Why)
			if t.ReplacedBy != "" {
				x = append(x, o("replaced_by", t.ReplacedBy, "replaced_by_type", c.BaseURI+t.ReplacedBy)...)
			}
			removed = append(removed, x)
		}
		out = append(out, catalog.Field{Key: "removed", Value: removed})
	}
	return out
}

// entryLifecycle is an entry's since, last_changed and deprecated.
func entryLifecycle(c *catalog.Catalog, e *catalog.Entry) obj {
	var out obj
	if e.Since != "" {
		out = o("since", e.Since, "last_changed", c.LastChanged(e))
	}
	if d := e.Deprecated; d != nil {
		x := o("version", d.Version, "why", d.Why)
		if d.ReplacedBy != "" {
			x = append(x, o("replaced_by", d.ReplacedBy, "replaced_by_type", e.BaseURI+d.ReplacedBy)...)
		}
		out = append(out, catalog.Field{Key: "deprecated", Value: x})
	}
	return out
}

// apiVersion is openapi.json's info.version: the catalog's version, or
// "1" for an unversioned catalog.
func apiVersion(c *catalog.Catalog) string {
	if c.Version == "" {
		return "1"
	}
	return c.Version
}
