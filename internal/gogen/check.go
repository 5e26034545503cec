package gogen

import (
	"fmt"
	"slices"

	"github.com/ankatech/errgen/internal/catalog"
)

// CheckNames reports every Go identifier two parts of the catalog would both
// declare: slug "all" against the function All, slug "new-key" against the
// constructor of "key", an upstream role against an error. Each message
// points at the slug (or member) that comes second in the catalog's files:
// for a service's file over the platform's, at the service's own line.
func CheckNames(c *catalog.Catalog) error {
	owners := map[string]string{}
	for _, fixed := range []string{"All", "Lookup", "Validate", "Upstream", "Upstreams"} {
		owners[fixed] = "the generated function or type " + fixed
	}
	for _, fixed := range versionNames {
		owners[fixed] = "the generated constant " + fixed
	}
	var ds catalog.Diagnostics
	claim := func(ident, owner string, pos catalog.Pos) {
		if prev, taken := owners[ident]; taken {
			ds = append(ds, catalog.Diagnostic{Pos: pos, Msg: fmt.Sprintf("%s would declare the Go name %s, which %s already declares", owner, ident, prev)})
			return
		}
		owners[ident] = owner
	}
	for _, u := range c.Upstreams {
		claim(catalog.GoName(u.Name), "upstream "+u.Name, u.Pos())
	}
	for _, e := range inFileOrder(c) {
		name := catalog.GoName(e.Slug)
		owner := "error " + e.Slug
		at := c.PosOf(e, "/slug")
		for _, id := range []string{name, "New" + name, "Is" + name, "schema" + name} {
			claim(id, owner, at)
		}
		checkParams(c, e, &ds)
		for i, m := range e.Members {
			mp := c.PosOf(e, fmt.Sprintf("/members/%d/name", i))
			if !m.Required {
				claim("With"+name+catalog.GoName(m.Name), owner+" member "+m.Name, mp)
			}
			if len(m.Enum) > 0 {
				typ := enumType(e, m)
				claim(typ, owner+" member "+m.Name, mp)
				for j, v := range m.Enum {
					claim(enumConst(typ, v), fmt.Sprintf("%s value %q", owner, v), c.PosOf(e, fmt.Sprintf("/members/%d/enum/%d", i, j)))
				}
			}
		}
	}
	if len(ds) > 0 {
		return ds
	}
	return nil
}

// inFileOrder lists the errors by the file they come from, in load order
// (by slug within a file), so a clash is charged to the later file.
func inFileOrder(c *catalog.Catalog) []*catalog.Entry {
	rank := map[string]int{}
	for i, f := range c.Files {
		rank[f] = i
	}
	out := slices.Clone(c.Errors)
	slices.SortStableFunc(out, func(a, b *catalog.Entry) int { return rank[a.File] - rank[b.File] })
	return out
}

// checkParams reports two constructor parameters (detail parameters and
// required members) that would get the same Go name, e.g. key_id and keyId.
func checkParams(c *catalog.Catalog, e *catalog.Entry, ds *catalog.Diagnostics) {
	seen := map[string]string{}
	add := func(name, sub string) {
		id := paramName(name)
		if prev, dup := seen[id]; dup {
			*ds = append(*ds, catalog.Diagnostic{Pos: c.PosOf(e, sub),
				Msg: fmt.Sprintf("%q and %q would both be the constructor parameter %s", prev, name, id)})
		}
		seen[id] = name
	}
	for i, p := range e.Detail.Params {
		add(p.Name, fmt.Sprintf("/detail/params/%d/name", i))
	}
	for i, m := range e.Members {
		if m.Required {
			add(m.Name, fmt.Sprintf("/members/%d/name", i))
		}
	}
}
