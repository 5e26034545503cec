package catalog

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

const searchBudget = 8 << 20

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError positions a YAML syntax error. yaml.v3 reports the line where
// the enclosing structure starts (the errors: line, for an entry indented
// wrong 50 lines below), not where it breaks, and no column: the break is
// the first line whose prefix of the file fails with the same error.
func yamlError(src Source, err error) Diagnostic {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return Diagnostic{Pos: Pos{File: src.Name, Line: 1, Col: 1}, Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	text := "YAML syntax: " + m[2]
	line = breakLine(src.Data, line, msg)
	// The column of the line's first character: where its indentation ends.
	lines := bytes.SplitN(src.Data, []byte{'\n'}, line+1)
	col := 1
	if line-1 < len(lines) {
		l := lines[line-1]
		col = utf8.RuneCount(l[:len(l)-len(bytes.TrimLeft(l, " \t"))]) + 1
	}
	return Diagnostic{Pos: Pos{File: src.Name, Line: line, Col: col}, Msg: text}
}

// breakLine is the first line from reported on such that the file up to
// its end fails to parse with the same message as the whole file (a
// prefix cut inside a quoted or flow scalar fails otherwise, and is
// passed over). The search doubles its step, then halves: some 2·log₂(n)
// parses of up to the whole file. They may parse searchBudget bytes in
// all (a real catalog is some 150 KB); past that, yaml.v3's line stands.
func breakLine(data []byte, reported int, msg string) int {
	var ends []int // ends[i]: the offset after line i+1
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	spent := 0
	// fails parses the file up to the end of line; ok is false once the
	// budget is spent.
	fails := func(line int) (failed, ok bool) {
		if spent += ends[line-1]; spent > searchBudget {
			return false, false
		}
		var n yaml.Node
		err := yaml.Unmarshal(data[:ends[line-1]], &n)
		return err != nil && err.Error() == msg, true
	}
	last := len(ends)
	if reported < 1 || reported >= last {
		return reported
	}
	if f, ok := fails(reported); f || !ok {
		return reported
	}
	if f, ok := fails(last); !f || !ok {
		return reported
	}
	lo, hi := reported, last // fails(hi), not fails(lo)
	for step := 1; reported+step < last; step *= 2 {
		f, ok := fails(reported + step)
		if !ok {
			return reported
		}
		if f {
			hi = reported + step
			break
		}
		lo = reported + step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		f, ok := fails(mid)
		if !ok {
			return reported
		}
		if f {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

func byteOffsetPos(src Source, off int) Pos {
	before := src.Data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return Pos{File: src.Name, Line: line, Col: col}
}
