package jsonstr

import (
	"strings"
	"testing"
)

// benchInputs are the strings a problem body and a schema are made of.
var benchInputs = map[string]string{
	"uri":     "https://docs.ankatech.co/errors/upstream-unavailable",
	"detail":  "The admin-api service is temporarily unavailable.",
	"summary": strings.Repeat("An internal service the called service depends on failed; ", 8),
	"escapes": "Algorithm 'RSA-2048' <b>may</b> not be used & \"quoted\"\n\tunder the tenant's policy — déjà vu.",
}

func BenchmarkAppend(b *testing.B) {
	for _, name := range []string{"uri", "detail", "summary", "escapes"} {
		s := benchInputs[name]
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 1024)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				buf = Append(buf[:0], s, true)
			}
		})
	}
}
