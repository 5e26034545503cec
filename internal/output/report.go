package output

import (
	"fmt"
	"strings"
)

// What a plan tells: its changes, why generate refuses it, and the
// one-line summary check prints.

// Changes returns every difference, sorted by path.
func (p *Plan) Changes() []Change { return p.changes }

// Err returns why generate refuses the plan, or nil: the first change
// errgen will not make, and how many more there are.
func (p *Plan) Err() error {
	var refused []Change
	for _, c := range p.changes {
		if c.Kind.Refused() {
			refused = append(refused, c)
		}
	}
	if len(refused) == 0 {
		return nil
	}
	c := refused[0]
	var msg string
	switch {
	case c.Kind == Foreign && c.Why == "":
		msg = fmt.Sprintf("refusing to overwrite %s: errgen did not write it (its folder's manifest does not list it); move it or delete it", c.Path)
	case c.Kind == Foreign:
		msg = fmt.Sprintf("cannot write %s: %s; move it or delete it", c.Path, c.Why)
	case c.Kind == Stray && c.Why != "":
		msg = fmt.Sprintf("refusing to write beside %s: %s", c.Path, c.Why)
	case c.Kind == Stray:
		msg = fmt.Sprintf("refusing to replace the folder holding %s: errgen did not write it and the folder is errgen's alone; move it or delete it", c.Path)
	case strings.HasSuffix(c.Why, "outside the folder"):
		msg = fmt.Sprintf("refusing %s: %s, and errgen deletes nothing outside its output folder; delete the line", c.Path, c.Why)
	default:
		msg = fmt.Sprintf("refusing to write or delete through %s (%s): errgen follows no link and stays in its output folders; remove it", c.Path, c.Why)
	}
	if n := len(refused) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more; errgen check lists them)", n)
	}
	return fmt.Errorf("%s", msg)
}

// Summary says in one line how the disk differs, for check; regenerate
// is the command that brings the outputs up to date.
func (p *Plan) Summary(regenerate string) string {
	n, refused := len(p.changes), 0
	for _, c := range p.changes {
		if c.Kind.Refused() {
			refused++
		}
	}
	switch {
	case n == 0:
		return "all outputs are current"
	case refused == 0:
		return fmt.Sprintf("%s from the catalog; run %s", Plural(n, "output differs", "outputs differ"), regenerate)
	}
	return fmt.Sprintf("%s from the catalog; move or delete the %s marked foreign, stray or unsafe, then run %s",
		Plural(n, "output differs", "outputs differ"), Plural(refused, "path", "paths"), regenerate)
}

// Plural says "1 file" or "2 files", for the counts errgen prints.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
