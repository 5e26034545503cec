package catalog

import "strconv"

// didYouMean is `; did you mean "summary"?` when one of known is a likely
// typo of word (at most a third of its letters off, and at most 3), or ""
// when none is.
func didYouMean(word string, known []string) string {
	best, bestD := "", min(3, max(1, len([]rune(word))/3))+1
	var ed editor
	for _, k := range known {
		if d := ed.distance(word, k, bestD-1); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return "; did you mean " + strconv.Quote(best) + "?"
}

// EditDistance counts the insertions, deletions, substitutions and swaps
// of neighbours that turn a into b, in runes; past limit (or for a string
// over 64 runes) it returns limit+1.
func EditDistance(a, b string, limit int) int {
	var ed editor
	return ed.distance(a, b, limit)
}

// editor computes edit distances in buffers it keeps from one to the next.
type editor struct {
	a, b            []rune
	back, prev, cur []int // rows i-2, i-1 and i of the table
}

// distance counts the insertions, deletions, substitutions and swaps of
// two neighbours that turn a into b (the optimal string alignment
// distance, in runes): nmae is one edit from name. Past limit it stops
// and returns limit+1, so most pairs cost a few rows.
func (ed *editor) distance(a, b string, limit int) int {
	ed.a, ed.b = append(ed.a[:0], []rune(a)...), append(ed.b[:0], []rune(b)...)
	ra, rb := ed.a, ed.b
	if len(ra) > 64 || len(rb) > 64 || max(len(ra)-len(rb), len(rb)-len(ra)) > limit {
		return limit + 1
	}
	n := len(rb) + 1
	ed.back, ed.prev, ed.cur = grow(ed.back, n), grow(ed.prev, n), grow(ed.cur, n)
	for j := range n {
		ed.prev[j] = j
	}
	prevMin := 0
	for i := 1; i <= len(ra); i++ {
		ed.cur[0] = i
		rowMin := i
		for j := 1; j < n; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(ed.prev[j]+1, ed.cur[j-1]+1, ed.prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, ed.back[j-2]+1)
			}
			ed.cur[j] = d
			rowMin = min(rowMin, d)
		}
		// A swap reaches back two rows: stop when two rows are past limit.
		if rowMin > limit && prevMin > limit {
			return limit + 1
		}
		prevMin = rowMin
		ed.back, ed.prev, ed.cur = ed.prev, ed.cur, ed.back
	}
	return ed.prev[len(rb)]
}

func grow(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}
