package catalog

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	slugRE   = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)
	memberRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{2,}$`)
)

// initialisms are written in capitals in Go names (Go's naming convention).
var initialisms = map[string]string{
	"api": "API", "http": "HTTP", "id": "ID", "json": "JSON", "kid": "KID", "pkcs7": "PKCS7",
	"uri": "URI", "url": "URL", "jose": "JOSE", "dn": "DN", "oauth": "OAuth",
}

// GoName turns a slug or member name into an exported Go identifier:
// upstream-unavailable → UpstreamUnavailable, duplicate-kid → DuplicateKID,
// invalid_grant → InvalidGrant, errorCode → ErrorCode.
func GoName(s string) string {
	var b strings.Builder
	for _, word := range splitWords(s) {
		if up, ok := initialisms[strings.ToLower(word)]; ok {
			b.WriteString(up)
			continue
		}
		r := []rune(word)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	name := b.String()
	if name == "" || !unicode.IsLetter([]rune(name)[0]) {
		name = "E" + name
	}
	return name
}

// splitWords splits on anything that is not a letter or digit (-, _,
// spaces, dots in enum values) and on lower→upper case changes (camelCase).
func splitWords(s string) []string {
	var words []string
	start := 0
	r := []rune(s)
	sep := func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }
	for i := 0; i <= len(r); i++ {
		boundary := i == len(r) || sep(r[i]) ||
			(i > start && unicode.IsUpper(r[i]) && unicode.IsLower(r[i-1]))
		if !boundary {
			continue
		}
		if i > start {
			words = append(words, string(r[start:i]))
		}
		start = i
		if i < len(r) && sep(r[i]) {
			start = i + 1
		}
	}
	return words
}
