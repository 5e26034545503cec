package catalog

import (
	"os/exec"
	"reflect"
	"strings"
	"testing"

	builtin "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/internal/catalog/lintcase"
)

// sameAsWhole checks the fast path against the whole parse: when it gives
// a file at all, that file (entries, positions and all) must be the one
// the whole parse gives. It reports whether the fast path was taken.
func sameAsWhole(t *testing.T, src Source) bool {
	t.Helper()
	split := parseSplit(src)
	if split == nil {
		return false
	}
	e := &errs{}
	whole := parseWhole(src, e)
	if err := e.err(); err != nil {
		t.Fatalf("%s: the split parse accepted what the whole parse refuses:\n%v", src.Name, err)
	}
	if !reflect.DeepEqual(split, whole) {
		for i := range min(len(split.Errors), len(whole.Errors)) {
			if !reflect.DeepEqual(split.Errors[i], whole.Errors[i]) {
				t.Fatalf("%s: entry %d differs:\nsplit %+v\nwhole %+v", src.Name, i, split.Errors[i], whole.Errors[i])
			}
		}
		t.Fatalf("%s: the split and whole parses differ", src.Name)
	}
	return true
}

// TestSplitTakenAndSame: the real catalog and a synthetic one take the
// fast path, and it gives what the whole parse gives.
func TestSplitTakenAndSame(t *testing.T) {
	srcs := []Source{{Name: builtin.Name, Data: builtin.AnkaSecure}}
	if testing.Short() {
		t.Log("-short: without a synthetic catalog")
	} else {
		out, err := exec.Command("go", "run", "github.com/ankatech/errgen/bench/gencatalog", "-n", "1000").Output()
		if err != nil {
			t.Fatalf("gencatalog: %v", err)
		}
		srcs = append(srcs, Source{Name: "synthetic.yaml", Data: out})
	}
	for _, src := range srcs {
		if !sameAsWhole(t, src) {
			t.Errorf("%s: the split parse was not taken", src.Name)
		}
		if _, err := Load(src); err != nil {
			t.Errorf("%s: %v", src.Name, err)
		}
	}
}

// corpus is the catalog files of every lint case.
func corpus(t testing.TB) []Source {
	cases, err := lintcase.Load("testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	var srcs []Source
	for _, c := range cases {
		for _, f := range c.Files {
			srcs = append(srcs, Source{Name: f.Name, Data: f.Data})
		}
	}
	return srcs
}

// TestSplitCorpus: on every lint case, the fast path either steps aside
// or agrees with the whole parse.
func TestSplitCorpus(t *testing.T) {
	taken := 0
	for _, src := range corpus(t) {
		if sameAsWhole(t, src) {
			taken++
		}
	}
	if taken < 10 {
		t.Errorf("the split parse was taken for %d files of the corpus, want at least 10", taken)
	}
}

const splitHead = "base_uri: https://x.test/\nerrors:\n"

// entry is a valid entry; %s is its slug.
const splitEntry = `  - slug: %s
    title: T
    status: 400
    summary: S.
    when: W.
    causes: [C.]
    resolve:
      - R.
    retry:
      retryable: "no"
    detail:
      template: D.
    example:
      body:
        type: https://x.test/%s
        title: T
        status: 400
`

func entries(slugs ...string) string {
	var b strings.Builder
	for _, s := range slugs {
		b.WriteString(strings.ReplaceAll(splitEntry, "%s", s))
	}
	return b.String()
}

// TestSplitFallback: files the cut cannot be sure of are parsed whole,
// and files it can cut give the same catalog as the whole parse.
func TestSplitFallback(t *testing.T) {
	two := entries("a", "b")
	for _, tc := range []struct {
		name, data string
		taken      bool
	}{
		{"plain", splitHead + two, true},
		{"comments and blank lines", "# c\n" + splitHead + "\n# before\n" + entries("a") + "\n# between\n\n" + entries("b") + "# after\n", true},
		{"indentless list", "base_uri: https://x.test/\nerrors:\n- slug: a\n", false},
		{"key after the list", splitHead + two + "name: N\n", false},
		{"flow list", "base_uri: https://x.test/\nerrors: [{slug: a}]\n", false},
		{"tab", splitHead + strings.Replace(two, "W.", "W.\t", 1), false},
		{"CRLF", strings.ReplaceAll(splitHead+two, "\n", "\r\n"), false},
		{"line separator", splitHead + strings.Replace(two, "W.", "W.\u2028", 1), false},
		{"document end", splitHead + two + "...\n", false},
		{"second document", splitHead + two + "---\nerrors: []\n", false},
		{"directive", "%YAML 1.1\n---\n" + splitHead + two, false},
		{"document start", "---\n" + splitHead + two, false},
		{"errors tagged", "base_uri: https://x.test/\nerrors: !!seq\n" + two, false},
		{"errors twice", splitHead + two + "errors:\n" + entries("c"), false},
		{"quoted key errors twice", "\"errors\": []\n" + splitHead + two, false},
		{"anchor and alias", splitHead + strings.Replace(two, "title: T\n    status: 400\n    summary", "title: &t T\n    status: 400\n    summary", 1), false},
		{"alias to another entry", splitHead + strings.Replace(entries("a"), "title: T\n    status", "title: &t T\n    status", 1) + strings.Replace(entries("b"), "title: T\n    status", "title: *t\n    status", 1), false},
		{"item without a space", splitHead + "  -\n" + two[4:], false},
		{"line at the list's indentation", splitHead + two + "  slug: c\n", false},
		{"quoted scalar across items", splitHead + strings.Replace(two, "when: W.", "when: \"W.\n  - x\n   \"", 1), false},
		{"flow list across items", splitHead + strings.Replace(two, "causes: [C.]", "causes: [C.,\n  - x\n   ]", 1), false},
		{"block scalar with a dash", splitHead + strings.Replace(two, "when: W.", "when: |\n      - x\n\n      - y", 1), true},
		{"multi-line plain scalar", splitHead + strings.Replace(two, "when: W.", "when: W\n      - x", 1), true},
		{"errors inside a head scalar", "name: \"a\nerrors:\n  - x\"\n" + splitHead + two, false},
		{"errors line ending a quoted scalar", "base_uri: https://x.test/\n\"errors\": [{slug: \"a\nerrors: # \"}]\n" + two, false},
		{"duplicate key in an entry", splitHead + strings.Replace(two, "summary: S.", "summary: S.\n    summary: S.", 1), false},
		{"schema mistake", splitHead + strings.Replace(two, "status: 400\n    summary", "status: x\n    summary", 1), false},
		{"schema mistake at the top", "base_uri: 3\n" + "errors:\n" + two, false},
		{"decode mistake", splitHead + strings.Replace(two, "retryable: \"no\"", "retryable: \"no\"\n      retry_after: {policy: allowed, max: !!int 3e1}", 1), false},
		{"no entries", splitHead, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := Source{Name: "f.yaml", Data: []byte(tc.data)}
			if taken := sameAsWhole(t, src); taken != tc.taken {
				t.Errorf("split parse taken: %v, want %v", taken, tc.taken)
			}
			// Whichever path it takes, Load says what the whole parse says.
			_, got := Load(src)
			e := &errs{}
			parseWhole(src, e)
			want := e.err()
			if want != nil && (got == nil || got.Error() != want.Error()) {
				t.Errorf("Load says %v, the whole parse %v", got, want)
			}
		})
	}
}

// FuzzSplit: on any input, the fast path steps aside or agrees with the
// whole parse. Seeds: the lint cases' catalogs and the cases above.
func FuzzSplit(f *testing.F) {
	for _, src := range corpus(f) {
		f.Add(src.Data)
	}
	f.Add([]byte(splitHead + entries("a", "b")))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsWhole(t, Source{Name: "fuzz.yaml", Data: data})
	})
}
