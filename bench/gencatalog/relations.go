package main

import (
	"fmt"
	"math/rand/v2"
)

// relater links every entry to 2 to 4 others: siblings both ways,
// narrower/broader as a pair, see-also one way. Partners come from the
// same subject when it has room (a broader error about the same thing),
// else from anywhere.
type relater struct {
	rng       *rand.Rand
	shapes    []shape
	entries   []*entryDoc
	bySubject map[string][]int
	linked    map[[2]int]bool // either direction
}

const maxRelated = 4

func newRelater(rng *rand.Rand, shapes []shape, entries []*entryDoc) *relater {
	r := &relater{rng: rng, shapes: shapes, entries: entries, bySubject: map[string][]int{}, linked: map[[2]int]bool{}}
	for i, s := range shapes {
		r.bySubject[s.subj.slug] = append(r.bySubject[s.subj.slug], i)
	}
	return r
}

func (r *relater) relate() {
	if len(r.entries) < 2 {
		return
	}
	for i := range r.entries {
		target := 2 + r.rng.IntN(3)
		for tries := 0; len(r.entries[i].Related) < target && tries < 40; tries++ {
			j := r.partner(i)
			if j == i || r.linked[[2]int{min(i, j), max(i, j)}] {
				continue
			}
			r.link(i, j, len(r.entries[j].Related) < maxRelated)
		}
	}
}

func (r *relater) partner(i int) int {
	if same := r.bySubject[r.shapes[i].subj.slug]; len(same) > 1 && r.rng.IntN(2) == 0 {
		return same[r.rng.IntN(len(same))]
	}
	return r.rng.IntN(len(r.entries))
}

// link adds one relation from i to j, and its inverse when the kind needs
// one and j has room for it.
func (r *relater) link(i, j int, room bool) {
	a, b := r.entries[i], r.entries[j]
	sameSubject := r.shapes[i].subj.slug == r.shapes[j].subj.slug
	kind := "see-also"
	switch k := r.rng.IntN(4); {
	case !room:
	case sameSubject && k < 2:
		// The earlier entry is always the broader one, so broader
		// relations never form a cycle, which lint refuses.
		kind = "narrower"
		if j < i {
			kind = "broader"
		}
	case k < 3:
		kind = "sibling"
	}
	r.linked[[2]int{min(i, j), max(i, j)}] = true
	a.Related = append(a.Related, relationDoc{b.Slug, kind, note(kind, a, b)})
	switch kind {
	case "sibling":
		b.Related = append(b.Related, relationDoc{a.Slug, "sibling", note("sibling", b, a)})
	case "narrower":
		b.Related = append(b.Related, relationDoc{a.Slug, "broader", note("broader", b, a)})
	case "broader":
		b.Related = append(b.Related, relationDoc{a.Slug, "narrower", note("narrower", b, a)})
	}
}

// note says how two errors differ, in markdown.
func note(kind string, from, to *entryDoc) string {
	switch kind {
	case "sibling":
		return fmt.Sprintf("Easily confused: **%v %s** and **%v %s** both refuse the request, but for different reasons; compare `detail`.",
			to.Status, to.Title, from.Status, from.Title)
	case "narrower":
		return fmt.Sprintf("**%s** is a more specific form of this error; when it applies, it is sent instead and its `detail` says more.", to.Title)
	case "broader":
		return fmt.Sprintf("**%s** is the general case; this error refines it for one cause, so the fixes listed there apply too.", to.Title)
	}
	return fmt.Sprintf("Worth reading next: **%s** (`%v`) often follows once this one is fixed.", to.Title, to.Status)
}
