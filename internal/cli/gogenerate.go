package cli

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// errgen check PACKAGE-FOLDER... (or ./...) checks each package as its
// own //go:generate line generates it, with the line's flags read from
// the source: CI needs no second copy of them, and cannot drift from them.

// genLine is one //go:generate line that runs errgen.
type genLine struct {
	dir  string   // the package folder, where go generate runs the line
	pos  string   // file:line, for messages
	pkg  string   // the package clause, what go generate sets $GOPACKAGE to
	args []string // errgen's arguments after its verb
}

// checkPackages runs check for every errgen //go:generate line in the
// folders patterns name (a folder, or DIR/... for every folder below).
func checkPackages(patterns []string, stdout, stderr io.Writer) int {
	var lines []genLine
	for _, p := range patterns {
		found, err := findGenLines(p)
		if err != nil {
			return usageError(stderr, "check", err)
		}
		if len(found) == 0 {
			return usageError(stderr, "check", fmt.Errorf("no //go:generate line in %s runs errgen", p))
		}
		lines = append(lines, found...)
	}
	code := exitOK
	for _, l := range lines {
		args, err := l.checkArgs()
		if err != nil {
			return usageError(stderr, "check", fmt.Errorf("%s: %w", l.pos, err))
		}
		if c := generate(args, stdout, stderr, true); c > code {
			code = c
		}
	}
	return code
}

// checkArgs turns the line's flags into check's, run from here: paths
// are taken relative to the package folder, as go generate runs them, and
// the Go package defaults to that folder and its package clause.
func (l genLine) checkArgs() ([]string, error) {
	var out []string
	outputs := false
	hasPkg := false
	for i := 0; i < len(l.args); i++ {
		a := l.args[i]
		name, value, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			return nil, fmt.Errorf("unexpected argument %q", a)
		}
		if !inline {
			if i+1 == len(l.args) {
				return nil, fmt.Errorf("flag %s has no value", a)
			}
			i++
			value = l.args[i]
		}
		switch name {
		case "catalog", "go", "schema", "site":
			if !filepath.IsAbs(value) {
				value = filepath.Join(l.dir, value)
			}
			outputs = outputs || name != "catalog"
		case "package":
			hasPkg = true
		default:
			return nil, fmt.Errorf("flag -%s is not one of generate's", name)
		}
		out = append(out, "-"+name, value)
	}
	if !outputs {
		out = append(out, "-go", l.dir)
	}
	if !hasPkg && (!outputs || goFlagIs(out, l.dir)) {
		out = append(out, "-package", l.pkg)
	}
	return out, nil
}

// goFlagIs says whether the -go flag of args names dir.
func goFlagIs(args []string, dir string) bool {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "-go" {
			return filepath.Clean(args[i+1]) == filepath.Clean(dir)
		}
	}
	return false
}

// findGenLines reads the errgen //go:generate lines of the Go files in
// the folder pattern names, or in every folder below it for DIR/....
func findGenLines(pattern string) ([]genLine, error) {
	root, all := strings.CutSuffix(pattern, "/...")
	if root == "" || root == "..." {
		root = "."
	}
	if !all {
		return genLinesIn(root)
	}
	var lines []genLine
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
			return filepath.SkipDir // what go generate ./... skips too
		}
		found, err := genLinesIn(p)
		lines = append(lines, found...)
		return err
	})
	return lines, err
}

// genLinesIn reads the errgen //go:generate lines of one folder's Go
// files (tests excluded, as go generate's package does).
func genLinesIn(dir string) ([]genLine, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var lines []genLine
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		found, err := genLinesOf(f, dir)
		if err != nil {
			return nil, err
		}
		lines = append(lines, found...)
	}
	return lines, nil
}

func genLinesOf(file, dir string) ([]genLine, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(string(data), "//go:generate") {
		return nil, nil
	}
	clause, err := parser.ParseFile(token.NewFileSet(), file, data, parser.PackageClauseOnly)
	if err != nil {
		return nil, err
	}
	var lines []genLine
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for n := 1; sc.Scan(); n++ {
		cmd, ok := strings.CutPrefix(sc.Text(), "//go:generate ")
		if !ok {
			continue
		}
		words, err := splitGenerate(cmd)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, n, err)
		}
		if args, ok := errgenArgs(words); ok {
			lines = append(lines, genLine{dir: dir, pos: fmt.Sprintf("%s:%d", file, n), pkg: clause.Name.Name, args: args})
		}
	}
	return lines, sc.Err()
}

// errgenArgs returns the flags of a generate command that runs errgen
// (go tool errgen, go run …/cmd/errgen, errgen), or false.
func errgenArgs(words []string) ([]string, bool) {
	var rest []string
	switch {
	case len(words) >= 3 && words[0] == "go" && words[1] == "tool" && strings.HasSuffix(words[2], "errgen"):
		rest = words[3:]
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && strings.HasSuffix(words[2], "cmd/errgen"):
		rest = words[3:]
	case len(words) >= 1 && filepath.Base(words[0]) == "errgen":
		rest = words[1:]
	default:
		return nil, false
	}
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		if rest[0] != "generate" {
			return nil, false // another verb: not an output to check
		}
		rest = rest[1:]
	}
	return rest, true
}

// splitGenerate splits a //go:generate command into words as go generate
// does: on spaces, with double-quoted Go strings as single words.
func splitGenerate(s string) ([]string, error) {
	var words []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, fmt.Errorf("bad quoted word in %q", s)
			}
			w, _ := strconv.Unquote(q)
			words, s = append(words, w), s[len(q):]
			continue
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			i = len(s)
		}
		words, s = append(words, s[:i]), s[i:]
	}
	return words, nil
}
