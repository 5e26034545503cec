package gogen

import (
	"fmt"

	"github.com/ankatech/errgen/internal/catalog"
)

// Check reports every Go identifier two parts of the catalog would both
// declare: slug "all" against the function All, slug "new-key" against the
// constructor of "key", an upstream role against an error. Each message
// points at the slug (or member) that comes second.
func Check(c *catalog.Catalog) error {
	owners := map[string]string{}
	for _, fixed := range []string{"All", "Lookup", "Validate", "Upstream", "Upstreams"} {
		owners[fixed] = "the generated function or type " + fixed
	}
	for _, u := range c.Upstreams {
		owners[catalog.GoName(u.Name)] = "upstream " + u.Name
	}
	var ds catalog.Diagnostics
	claim := func(ident, owner string, pos catalog.Pos) {
		if prev, taken := owners[ident]; taken && prev != owner {
			ds = append(ds, catalog.Diagnostic{Pos: pos, Msg: fmt.Sprintf("%s would declare the Go name %s, which %s already declares", owner, ident, prev)})
			return
		}
		owners[ident] = owner
	}
	for _, e := range c.Errors {
		name := catalog.GoName(e.Slug)
		owner := "error " + e.Slug
		at := c.PosOf(e, "/slug")
		for _, id := range []string{name, "New" + name, "Is" + name, "schema" + name} {
			claim(id, owner, at)
		}
		for i, m := range e.Members {
			mp := c.PosOf(e, fmt.Sprintf("/members/%d/name", i))
			if !m.Required {
				claim("With"+name+catalog.GoName(m.Name), owner, mp)
			}
			if len(m.Enum) > 0 {
				typ := enumType(e, m)
				claim(typ, owner, mp)
				for _, v := range m.Enum {
					claim(enumConst(typ, v), owner, mp)
				}
			}
		}
	}
	if len(ds) > 0 {
		return ds
	}
	return nil
}
