package sitegen

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// The example response and the constructor call on every page are text
// errgen writes itself, so their tokens can be read off their structure
// instead of running chroma's regexp lexers over them, which was most of
// the cost of the site. Each function below gives, for the shapes it
// accepts, the tokens chroma's lexer gives for the same text (before
// coalescing), and reports false for any other shape, which the caller
// then leaves to the lexer. TestStructuralTokens holds them to chroma's
// own lexers on whole catalogs and on edge cases.

// appendHTTPHead appends the tokens chroma's HTTP lexer gives the head of
// exampleResponse: a status line, header lines and the blank line. It
// reports false unless the status line has a three-digit code, every
// header is a token name, a colon and a value on one line, and the only
// Content-Type header is application/problem+json, for which the lexer
// hands the body to its JSON lexer (see appendJSON).
func appendHTTPHead(dst []chroma.Token, head string) ([]chroma.Token, bool) {
	if strings.IndexByte(head, '\r') >= 0 {
		return dst, false
	}
	// (HTTP)(/)([123](?:\.[01])?)( +)(\d{3})( *)([^\r\n]*)(\r?\n|\Z)
	line, rest, _ := strings.Cut(head, "\n")
	status, ok := strings.CutPrefix(line, "HTTP/1.1 ")
	if !ok || len(status) < 3 || !isDigits(status[:3]) {
		return dst, false
	}
	reason := status[3:]
	sp := len(reason) - len(strings.TrimLeft(reason, " "))
	dst = append(dst,
		chroma.Token{Type: chroma.KeywordReserved, Value: "HTTP"},
		chroma.Token{Type: chroma.Operator, Value: "/"},
		chroma.Token{Type: chroma.LiteralNumber, Value: "1.1"},
		chroma.Token{Type: chroma.Text, Value: " "},
		chroma.Token{Type: chroma.LiteralNumber, Value: status[:3]},
		chroma.Token{Type: chroma.Text, Value: reason[:sp]},
		chroma.Token{Type: chroma.NameException, Value: reason[sp:]},
		chroma.Token{Type: chroma.Text, Value: "\n"})
	contentType := false
	for {
		line, rest, ok = strings.Cut(rest, "\n")
		if !ok {
			return dst, false
		}
		if line == "" { // the blank line: the body follows
			return append(dst, chroma.Token{Type: chroma.Text, Value: "\n"}), rest == "" && contentType
		}
		// ([^\s:]+)( *)(:)( *)([^\r\n]+)(\r?\n|\Z), for a name of
		// printable ASCII, which holds neither spaces nor colons.
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" || !isHeaderName(name) {
			return dst, false
		}
		if strings.EqualFold(name, "content-type") {
			if contentType || value != " application/problem+json" {
				return dst, false
			}
			contentType = true
		}
		// The spaces after the colon are Text, except that the value
		// must keep at least one character.
		sp := len(value) - len(strings.TrimLeft(value, " "))
		if sp == len(value) {
			sp--
		}
		if sp < 0 {
			return dst, false
		}
		dst = append(dst,
			chroma.Token{Type: chroma.Name, Value: name},
			chroma.Token{Type: chroma.Operator, Value: ":"},
			chroma.Token{Type: chroma.Text, Value: value[:sp]},
			chroma.Token{Type: chroma.Literal, Value: value[sp:]},
			chroma.Token{Type: chroma.Text, Value: "\n"})
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isHeaderName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f || s[i] == ':' {
			return false
		}
	}
	return true
}

// appendJSON appends the tokens chroma's JSON lexer gives a valid JSON
// text, as encoding/json writes it. The lexer's states only decide
// whether a string is a key (NameTag) or a value (LiteralStringDouble);
// everything else has one type wherever it stands. It reports false at
// the first thing that is not JSON.
func appendJSON(dst []chroma.Token, s string) ([]chroma.Token, bool) {
	j := jsonTokens{s: s, toks: dst}
	if j.space(); j.i == len(s) { // no value, as when the body is empty
		return j.toks, true
	}
	ok := j.value()
	j.space()
	return j.toks, ok && j.i == len(s)
}

type jsonTokens struct {
	s    string
	i    int
	toks []chroma.Token
}

func (j *jsonTokens) emit(t chroma.TokenType, end int) {
	j.toks = append(j.toks, chroma.Token{Type: t, Value: j.s[j.i:end]})
	j.i = end
}

// space emits the white space at the cursor, if any.
func (j *jsonTokens) space() {
	end := j.i
	for end < len(j.s) && (j.s[end] == ' ' || j.s[end] == '\n' || j.s[end] == '\t' || j.s[end] == '\r') {
		end++
	}
	if end > j.i {
		j.emit(chroma.Text, end)
	}
}

func (j *jsonTokens) punct(c byte) bool {
	if j.i < len(j.s) && j.s[j.i] == c {
		j.emit(chroma.Punctuation, j.i+1)
		return true
	}
	return false
}

func (j *jsonTokens) value() bool {
	j.space()
	if j.i == len(j.s) {
		return false
	}
	switch c := j.s[j.i]; {
	case c == '{':
		j.punct('{')
		j.space()
		if j.punct('}') {
			return true
		}
		for {
			if !j.str(chroma.NameTag) {
				return false
			}
			if j.space(); !j.punct(':') || !j.value() {
				return false
			}
			j.space()
			if j.punct('}') {
				return true
			}
			if !j.punct(',') {
				return false
			}
			j.space()
		}
	case c == '[':
		j.punct('[')
		j.space()
		if j.punct(']') {
			return true
		}
		for {
			if !j.value() {
				return false
			}
			if j.space(); j.punct(']') {
				return true
			}
			if !j.punct(',') {
				return false
			}
		}
	case c == '"':
		return j.str(chroma.LiteralStringDouble)
	case c == '-' || '0' <= c && c <= '9':
		return j.number()
	}
	for _, kw := range []string{"true", "false", "null"} {
		if strings.HasPrefix(j.s[j.i:], kw) {
			j.emit(chroma.KeywordConstant, j.i+len(kw))
			return true
		}
	}
	return false
}

// str emits the string at the cursor: "(\\\\|\\"|[^"])*" matches up to
// the first quote that no backslash escapes.
func (j *jsonTokens) str(t chroma.TokenType) bool {
	if j.i == len(j.s) || j.s[j.i] != '"' {
		return false
	}
	for end := j.i + 1; end < len(j.s); end++ {
		switch j.s[end] {
		case '\\':
			end++
		case '"':
			j.emit(t, end+1)
			return true
		}
	}
	return false
}

// number emits a JSON number: LiteralNumberFloat with a fraction or an
// exponent, LiteralNumberInteger without.
func (j *jsonTokens) number() bool {
	end, t := j.i, chroma.LiteralNumberInteger
	if j.s[end] == '-' {
		end++
	}
	end, ok := digits(j.s, end)
	if !ok {
		return false
	}
	if end < len(j.s) && j.s[end] == '.' {
		if end, ok = digits(j.s, end+1); !ok {
			return false
		}
		t = chroma.LiteralNumberFloat
	}
	if end < len(j.s) && (j.s[end] == 'e' || j.s[end] == 'E') {
		end++
		if end < len(j.s) && (j.s[end] == '+' || j.s[end] == '-') {
			end++
		}
		if end, ok = digits(j.s, end); !ok {
			return false
		}
		t = chroma.LiteralNumberFloat
	}
	j.emit(t, end)
	return true
}

// digits returns the end of the run of digits at i and whether there was one.
func digits(s string, i int) (int, bool) {
	start := i
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i, i > start
}

// appendGoArgs appends the tokens chroma's Go lexer gives the arguments
// of an example constructor call (gogen.ExampleCall): a list, separated
// by ", ", of strconv.Quote strings, true and false, decimal numbers with
// an optional sign, and exported names qualified by goPackage. It reports
// false for anything else.
func appendGoArgs(dst []chroma.Token, args string) ([]chroma.Token, bool) {
	for i := 0; args != ""; i++ {
		if i > 0 {
			var ok bool
			if args, ok = strings.CutPrefix(args, ", "); !ok {
				return dst, false
			}
			dst = append(dst, chroma.Token{Type: chroma.Punctuation, Value: ","},
				chroma.Token{Type: chroma.TextWhitespace, Value: " "})
		}
		arg := args
		if arg[0] == '"' {
			j := jsonTokens{s: args}
			if !j.str(chroma.LiteralString) {
				return dst, false
			}
			arg = args[:j.i]
		} else if n := strings.Index(args, ", "); n >= 0 {
			arg = args[:n]
		}
		args = args[len(arg):]
		var ok bool
		if dst, ok = appendGoArg(dst, arg); !ok {
			return dst, false
		}
	}
	return dst, true
}

func appendGoArg(dst []chroma.Token, arg string) ([]chroma.Token, bool) {
	switch {
	case arg[0] == '"':
		return append(dst, chroma.Token{Type: chroma.LiteralString, Value: arg}), true
	case arg == "true" || arg == "false":
		return append(dst, chroma.Token{Type: chroma.KeywordConstant, Value: arg}), true
	case strings.HasPrefix(arg, goPackage+"."):
		name := arg[len(goPackage)+1:]
		if !isGoName(name) {
			return dst, false
		}
		return append(dst, chroma.Token{Type: chroma.NameOther, Value: goPackage},
			chroma.Token{Type: chroma.Punctuation, Value: "."},
			chroma.Token{Type: chroma.NameOther, Value: name}), true
	}
	if arg[0] == '-' || arg[0] == '+' {
		dst = append(dst, chroma.Token{Type: chroma.Operator, Value: arg[:1]})
		arg = arg[1:]
	}
	end, ok := digits(arg, 0)
	if !ok {
		return dst, false
	}
	if end == len(arg) {
		return appendGoDigits(dst, arg), true
	}
	// \d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+), taken only in the
	// forms \d+\.\d+ and \d+(\.\d+)?[eE][+-]?\d+, which it matches whole.
	if arg[end] == '.' {
		if end, ok = digits(arg, end+1); !ok {
			return dst, false
		}
	}
	if end < len(arg) && (arg[end] == 'e' || arg[end] == 'E') {
		end++
		if end < len(arg) && (arg[end] == '+' || arg[end] == '-') {
			end++
		}
		if end, ok = digits(arg, end); !ok {
			return dst, false
		}
	}
	if end != len(arg) {
		return dst, false
	}
	return append(dst, chroma.Token{Type: chroma.LiteralNumberFloat, Value: arg}), true
}

// appendGoDigits tokenises a run of decimal digits as the Go lexer's
// rules 0[0-7]+ (octal) and (0|[1-9][0-9_]*) do, which split "0778" into
// "077" and "8".
func appendGoDigits(dst []chroma.Token, d string) []chroma.Token {
	for d != "" {
		n, t := len(d), chroma.LiteralNumberInteger
		if d[0] == '0' {
			n = 1
			for n < len(d) && '0' <= d[n] && d[n] <= '7' {
				n++
			}
			if n > 1 {
				t = chroma.LiteralNumberOct
			}
		}
		dst = append(dst, chroma.Token{Type: t, Value: d[:n]})
		d = d[n:]
	}
	return dst
}
