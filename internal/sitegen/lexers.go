//lint:file-ignore ST1001 the dot import lets the rules below read exactly as chroma's own lexers.

package sitegen

import (
	"strings"
	"sync"

	. "github.com/alecthomas/chroma/v2"
)

// The Go and HTTP lexers of chroma (v2.27, lexers/go.go and
// lexers/http.go), built here because importing chroma's lexers package
// registers every one of its ~250 lexers at program start, about 10 ms
// of every errgen run, for the two this package needs now and then: the
// fixed lines of the Go snippet, lexed once, and the rare example that
// tokens.go does not cover (with JSON, which the HTTP lexer hands the
// body to). They are built on first use.
// TestFallbackLexers checks that they lex like chroma's.
var (
	goLexer = sync.OnceValue(func() Lexer {
		return MustNewLexer(&Config{Name: "Go"}, goRules)
	})
	httpLexer = sync.OnceValue(func() Lexer {
		return MustNewLexer(&Config{Name: "HTTP", NotMultiline: true, DotAll: true}, httpRules)
	})
	jsonLexer = sync.OnceValue(func() Lexer {
		return MustNewLexer(&Config{Name: "JSON", NotMultiline: true, DotAll: true}, jsonRules)
	})
)

// rule is a chroma.Rule; vet wants the fields of another package's
// struct named, which would hide the patterns.
func rule(pattern string, t Emitter, m Mutator) Rule {
	return Rule{Pattern: pattern, Type: t, Mutator: m}
}

func goRules() Rules {
	return Rules{
		"root": {
			rule(`\n`, TextWhitespace, nil),
			rule(`\s+`, TextWhitespace, nil),
			rule(`//[^\s\n\r][^\n\r]*`, CommentPreproc, nil),
			rule(`//[^\n\r]*`, CommentSingle, nil),
			rule(`/(\\\n)?[*](.|\n)*?[*](\\\n)?/`, CommentMultiline, nil),
			rule(`(import|package)\b`, KeywordNamespace, nil),
			rule(`(var|func|struct|map|chan|type|interface|const)\b`, KeywordDeclaration, nil),
			rule(Words(``, `\b`, `break`, `default`, `select`, `case`, `defer`, `go`, `else`, `goto`, `switch`, `fallthrough`, `if`, `range`, `continue`, `for`, `return`), Keyword, nil),
			rule(`(true|false|iota|nil)\b`, KeywordConstant, nil),
			rule(Words(``, `\b(\()`, `uint`, `uint8`, `uint16`, `uint32`, `uint64`, `int`, `int8`, `int16`, `int32`, `int64`, `float`, `float32`, `float64`, `complex64`, `complex128`, `byte`, `rune`, `string`, `bool`, `error`, `uintptr`, `print`, `println`, `panic`, `recover`, `close`, `complex`, `real`, `imag`, `len`, `cap`, `append`, `copy`, `delete`, `new`, `make`, `clear`, `min`, `max`), ByGroups(NameBuiltin, Punctuation), nil),
			rule(Words(``, `\b`, `uint`, `uint8`, `uint16`, `uint32`, `uint64`, `int`, `int8`, `int16`, `int32`, `int64`, `float`, `float32`, `float64`, `complex64`, `complex128`, `byte`, `rune`, `string`, `bool`, `error`, `uintptr`, `any`), KeywordType, nil),
			rule(`\d+i`, LiteralNumber, nil),
			rule(`\d+\.\d*([Ee][-+]\d+)?i`, LiteralNumber, nil),
			rule(`\.\d+([Ee][-+]\d+)?i`, LiteralNumber, nil),
			rule(`\d+[Ee][-+]\d+i`, LiteralNumber, nil),
			rule(`\d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)`, LiteralNumberFloat, nil),
			rule(`\.\d+([eE][+\-]?\d+)?`, LiteralNumberFloat, nil),
			rule(`0[0-7]+`, LiteralNumberOct, nil),
			rule(`0[xX][0-9a-fA-F_]+`, LiteralNumberHex, nil),
			rule(`0b[01_]+`, LiteralNumberBin, nil),
			rule(`(0|[1-9][0-9_]*)`, LiteralNumberInteger, nil),
			rule(`'(\\['"\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\])'`, LiteralStringChar, nil),
			// chroma lexes Go template actions inside a raw string; the
			// snippets have no raw strings (gogen quotes with strconv.Quote).
			rule("`[^`]*`", LiteralString, nil),
			rule(`"(\\\\|\\"|[^"])*"`, LiteralString, nil),
			rule(`(<<=|>>=|<<|>>|<=|>=|&\^=|&\^|\+=|-=|\*=|/=|%=|&=|\|=|&&|\|\||<-|\+\+|--|==|!=|:=|\.\.\.|[+\-*/%&])`, Operator, nil),
			rule(`([a-zA-Z_]\w*)(\s*)(\()`, ByGroups(NameFunction, UsingSelf("root"), Punctuation), nil),
			rule(`[|^<>=!()\[\]{}.,;:~]`, Punctuation, nil),
			rule(`[^\W\d]\w*`, NameOther, nil),
		},
	}
}

// jsonRules are chroma's lexers/embedded/json.xml.
func jsonRules() Rules {
	str := `"(\\\\|\\"|[^"])*"`
	return Rules{
		"root":       {Include("value")},
		"whitespace": {rule(`\s+`, Text, nil)},
		"comment":    {rule(`//.*?\n`, CommentSingle, nil)},
		"simplevalue": {
			rule(`(true|false|null)\b`, KeywordConstant, nil),
			rule(`-?(0|[1-9]\d*)(\.\d+[eE](\+|-)?\d+|[eE](\+|-)?\d+|\.\d+)`, LiteralNumberFloat, nil),
			rule(`-?(0|[1-9]\d*)`, LiteralNumberInteger, nil),
			rule(str, LiteralStringDouble, nil),
		},
		"objectattribute": {
			Include("value"),
			rule(`:`, Punctuation, nil),
			rule(`,`, Punctuation, Pop(1)),
			rule(`\}`, Punctuation, Pop(2)),
		},
		"objectvalue": {
			Include("whitespace"),
			Include("comment"),
			rule(str, NameTag, Push("objectattribute")),
			rule(`\}`, Punctuation, Pop(1)),
		},
		"arrayvalue": {
			Include("whitespace"),
			Include("value"),
			Include("comment"),
			rule(`,`, Punctuation, nil),
			rule(`\]`, Punctuation, Pop(1)),
		},
		"value": {
			Include("whitespace"),
			Include("simplevalue"),
			Include("comment"),
			rule(`\{`, Punctuation, Push("objectvalue")),
			rule(`\[`, Punctuation, Push("arrayvalue")),
		},
	}
}

// httpRules are chroma's, less the hand-over of the body to the lexer of
// its content type, which httpTokens does.
func httpRules() Rules {
	return Rules{
		"root": {
			rule(`(GET|POST|PUT|DELETE|HEAD|OPTIONS|TRACE|PATCH|CONNECT)( +)([^ ]+)( +)(HTTP)(/)([123](?:\.[01])?)(\r?\n|\Z)`, ByGroups(NameFunction, Text, NameNamespace, Text, KeywordReserved, Operator, LiteralNumber, Text), Push("headers")),
			rule(`(HTTP)(/)([123](?:\.[01])?)( +)(\d{3})( *)([^\r\n]*)(\r?\n|\Z)`, ByGroups(KeywordReserved, Operator, LiteralNumber, Text, LiteralNumber, Text, NameException, Text), Push("headers")),
		},
		"headers": {
			rule(`([^\s:]+)( *)(:)( *)([^\r\n]+)(\r?\n|\Z)`, ByGroups(Name, Text, Operator, Text, Literal, Text), nil),
			rule(`([\t ]+)([^\r\n]+)(\r?\n|\Z)`, ByGroups(Text, Literal, Text), nil),
			rule(`\r?\n`, Text, Push("content")),
		},
		"content": {
			rule(`.+`, Generic, nil),
		},
	}
}

// httpTokens appends the tokens chroma's HTTP lexer gives a response. Like
// chroma's, it hands the body to the JSON lexer when the last Content-Type
// header names application/problem+json (no lexer claims the type, so
// chroma falls back to application/json); errgen writes no other type, and
// it reports false if a header turns it into another.
func httpTokens(dst []Token, text string) ([]Token, bool, error) {
	it, err := httpLexer().Tokenise(nil, text)
	if err != nil {
		return dst, false, err
	}
	var contentType string
	isContentType := false
	for t := it(); t != EOF && err == nil; t = it() {
		switch {
		case t.Type == Name && strings.ToLower(t.Value) == "content-type":
			isContentType = true
		case t.Type == Literal && isContentType:
			isContentType = false
			contentType = strings.TrimSpace(t.Value)
			if pos := strings.Index(contentType, ";"); pos > 0 {
				contentType = strings.TrimSpace(contentType[:pos])
			}
		case t.Type == Generic && contentType != "":
			if contentType != "application/problem+json" {
				return dst, false, nil
			}
			body, ok := appendJSON(dst, t.Value)
			if !ok {
				body, err = appendTokens(dst, jsonLexer(), t.Value)
			}
			dst = body
			continue
		}
		dst = append(dst, t)
	}
	return dst, err == nil, err
}
