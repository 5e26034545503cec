package gogen

import (
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/ankatech/errgen/internal/catalog"
)

// paramName is a parameter's Go name: lower camel case, never a keyword
// or a name the constructor uses itself.
func paramName(s string) string {
	n := []rune(catalog.GoName(s))
	for i := 0; i < len(n) && unicode.IsUpper(n[i]); i++ {
		// lower the leading initialism too: KID → kid, DN stays in issuerDN
		if i > 0 && i+1 < len(n) && unicode.IsLower(n[i+1]) {
			break
		}
		n[i] = unicode.ToLower(n[i])
	}
	name := string(n)
	if token.IsKeyword(name) || reserved[name] || types.Universe.Lookup(name) != nil {
		name += "Value"
	}
	return name
}

// reserved are names a constructor's body uses: its own parameters and
// the packages the generated code imports.
var reserved = map[string]bool{
	"opts": true, "status": true, "problem": true, "errors": true, "strconv": true, "time": true,
}

// comment writes a doc comment as // lines; jennifer would turn a
// multi-line Comment into a /* */ block, which Go doc comments avoid.
// Each line of text is a paragraph, or a list item ("  - ..."), or a
// code line (a tab first), and is wrapped to a readable width.
func comment(f *jen.File, text string) {
	for _, line := range strings.Split(text, "\n") {
		for _, l := range wrap(line) {
			f.Comment(l)
		}
	}
}

// wrapAt is the width comment wraps lines at, "// " not counted.
const wrapAt = 76

// wrap breaks a line of a doc comment into lines of at most wrapAt
// characters where it can (a long word stays whole); a list item's
// continuation lines are indented under its text, a code line is kept.
func wrap(line string) []string {
	if strings.HasPrefix(line, "\t") {
		return []string{line}
	}
	indent, cont := "", ""
	if rest, ok := strings.CutPrefix(line, "  - "); ok {
		indent, cont, line = "  - ", "    ", rest
	}
	words := strings.Fields(line)
	if len(words) == 0 {
		return []string{""}
	}
	var out []string
	cur := indent + words[0]
	for _, w := range words[1:] {
		if len(cur)+1+len(w) > wrapAt {
			out = append(out, cur)
			cur = cont + w
			continue
		}
		cur += " " + w
	}
	return append(out, cur)
}

// oneLine makes catalog text safe inside a // comment.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
