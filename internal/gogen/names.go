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
func comment(f *jen.File, text string) {
	for _, line := range strings.Split(text, "\n") {
		f.Comment(oneLine(line))
	}
}

// oneLine makes catalog text safe inside a // comment.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
