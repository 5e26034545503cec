package catalog

import (
	"fmt"
	"strings"
)

// edge says from is narrower than to, as the relation at pos declares.
type edge struct {
	to  *Entry
	pos Pos
}

// cycles reports every cycle of broader/narrower relations: an error
// cannot be more general than itself, though every relation of such a
// cycle may be declared both ways. Each cycle is reported once, at the
// relation that closes it in a walk in slug order.
func (l *linter) cycles() {
	up := map[*Entry][]edge{} // from each error to the broader ones
	has := map[[2]*Entry]bool{}
	for _, e := range l.c.Errors {
		for i, r := range e.Related {
			other := l.bySlug[r.Slug]
			if other == nil || other == e || l.bySlug[e.Slug] != e {
				continue
			}
			from, to := e, other
			switch r.Kind {
			case Narrower:
				from, to = other, e
			case Broader:
			default:
				continue
			}
			// The inverse declared on the other side is the same edge.
			if !has[[2]*Entry{from, to}] {
				has[[2]*Entry{from, to}] = true
				up[from] = append(up[from], edge{to: to, pos: l.c.at(e, fmt.Sprintf("/related/%d/slug", i))})
			}
		}
	}
	const (
		unseen = iota
		open
		done
	)
	state := map[*Entry]int{}
	var path []*Entry
	var walk func(e *Entry)
	walk = func(e *Entry) {
		state[e] = open
		path = append(path, e)
		for _, ed := range up[e] {
			switch state[ed.to] {
			case unseen:
				walk(ed.to)
			case open:
				l.errs.at(ed.pos, "broader relations form a cycle: %s (each is broader than the one before it; an error cannot be more general than itself)", cycleText(path, ed.to))
			}
		}
		path = path[:len(path)-1]
		state[e] = done
	}
	for _, e := range l.c.Errors {
		if state[e] == unseen {
			walk(e)
		}
	}
}

// cycleText is "a → b → c → a", each broader than the one before.
func cycleText(path []*Entry, back *Entry) string {
	i := len(path) - 1
	for path[i] != back {
		i--
	}
	var b strings.Builder
	for j, e := range path[i:] {
		if j > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(e.Slug)
	}
	b.WriteString(" → " + back.Slug)
	return b.String()
}
