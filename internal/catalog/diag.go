package catalog

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a position in a catalog file (1-based; Col counts characters).
type Pos struct {
	File      string
	Line, Col int
}

// String is FILE:LINE:COL, with FILE quoted when it holds a character
// that would break the line (a newline, a control or bidi character).
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", quoteName(p.File), p.Line, p.Col) }

func quoteName(name string) string {
	if strings.ContainsFunc(name, unsafeRune) || !utf8.ValidString(name) || strings.HasPrefix(name, `"`) {
		return strconv.Quote(name)
	}
	return name
}

// unsafeRune: a character that changes how a line of text reads when it
// is printed raw, in a terminal or a Go comment: controls (C0, DEL, C1),
// the bidi formatting characters and the line and paragraph separators.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}

// Diagnostic is one mistake in a catalog, at a position.
type Diagnostic struct {
	Pos
	Msg string
}

func (d Diagnostic) String() string { return d.Pos.String() + ": " + d.Msg }

// MaxMessages is how many messages a load reports; past it, one last
// message at the first one left out counts the rest.
const MaxMessages = 200

// Diagnostics is every mistake found, sorted by file, line, column (at
// most MaxMessages of them and a count of the rest). It is the error Load
// and Lint return, so callers print all of them at once.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

func compareDiag(a, b Diagnostic) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
}

// errs collects diagnostics while walking. It keeps the first
// MaxMessages in order and counts the others, so a catalog with millions
// of mistakes costs no more memory than one with a few hundred.
type errs struct {
	list    Diagnostics
	more    int        // messages dropped past the first MaxMessages
	cut     Diagnostic // the first of them
	stopped *Pos       // where checking stopped, past MaxMessages
}

// count is how many messages there are so far.
func (e *errs) count() int { return len(e.list) + e.more }

// stop records that checking stopped at p, with enough messages found.
func (e *errs) stop(p Pos) {
	if e.stopped == nil || compareDiag(Diagnostic{Pos: p}, Diagnostic{Pos: *e.stopped}) < 0 {
		e.stopped = &p
	}
}

func (e *errs) at(p Pos, format string, args ...any) {
	e.add(Diagnostic{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (e *errs) add(ds ...Diagnostic) {
	e.list = append(e.list, ds...)
	if len(e.list) >= 4*MaxMessages {
		e.trim()
	}
}

// merge adds another collector's messages and count.
func (e *errs) merge(o *errs) {
	e.add(o.list...)
	e.drop(o.more, o.cut)
	if o.stopped != nil {
		e.stop(*o.stopped)
	}
}

func (e *errs) drop(n int, first Diagnostic) {
	if n == 0 {
		return
	}
	if e.more == 0 || compareDiag(first, e.cut) < 0 {
		e.cut = first
	}
	e.more += n
}

func (e *errs) trim() {
	slices.SortStableFunc(e.list, compareDiag)
	e.list = slices.CompactFunc(e.list, func(a, b Diagnostic) bool { return a == b })
	if len(e.list) > MaxMessages {
		e.drop(len(e.list)-MaxMessages, e.list[MaxMessages])
		e.list = e.list[:MaxMessages]
	}
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	e.trim()
	out := slices.Clone(e.list)
	switch {
	case e.stopped != nil:
		// The last message, so it goes no earlier than the last shown.
		p := *e.stopped
		if last := out[len(out)-1]; compareDiag(Diagnostic{Pos: p}, last) < 0 {
			p = last.Pos
		}
		out = append(out, Diagnostic{Pos: p, Msg: fmt.Sprintf("and more mistakes: checking stopped after the first %d (fix these and run again)", MaxMessages)})
	case e.more > 0:
		out = append(out, Diagnostic{Pos: e.cut.Pos, Msg: fmt.Sprintf("and %d more mistakes (only the first %d are shown)", e.more, MaxMessages)})
	}
	return out
}
