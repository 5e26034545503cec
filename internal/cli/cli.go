// Package cli is errgen's command line: `errgen [verb] [flags]`. The
// manual is the doc comment of cmd/errgen; `errgen help` prints its short
// form.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// verb is one of errgen's verbs. flags makes its flag set with nothing
// parsed, for its own run and for help.
type verb struct {
	name, summary string
	flags         func() *flag.FlagSet
	run           func(args []string, stdout, stderr io.Writer) int
}

// verbs lists every verb, generate (the default) first.
func verbs() []verb {
	return []verb{
		{"generate", "render every selected output from the catalog (the default verb)",
			func() *flag.FlagSet { fs, _, _ := generateFlags("generate"); return fs },
			func(a []string, o, e io.Writer) int { return generate(a, o, e, false) }},
		{"check", "exit 1 and name every output that differs from what generate would write;\n" +
			"  check FOLDER... (or ./...) checks each Go package as its //go:generate line generates it",
			func() *flag.FlagSet { fs, _, _ := generateFlags("check"); return fs },
			func(a []string, o, e io.Writer) int {
				if len(a) > 0 && !strings.HasPrefix(a[0], "-") {
					return checkPackages(a, o, e)
				}
				return generate(a, o, e, true)
			}},
		{"lint", "report every catalog mistake as FILE:LINE:COL: message",
			func() *flag.FlagSet { fs, _ := lintFlags(); return fs }, lint},
		{"serve", "serve the documentation site over HTTP",
			func() *flag.FlagSet { fs, _ := newServeFlags(); return fs }, serve},
		{"diff", "list the changes between two catalogs; exit 1 on a breaking one without a major bump",
			func() *flag.FlagSet { fs, _, _ := diffFlags(); return fs }, diffCmd},
		{"version", "print errgen's version and the built-in catalog's version and hash",
			func() *flag.FlagSet { return flag.NewFlagSet("version", flag.ContinueOnError) }, version},
	}
}

// Run runs errgen with the arguments after the program name.
func Run(args []string, stdout, stderr io.Writer) int {
	name := "generate"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && isHelpFlag(args[0]) {
		help(stdout, "")
		return exitOK
	}
	if name == "help" {
		if len(args) > 1 {
			fmt.Fprintf(stderr, "errgen help: give at most one verb\n")
			return exitUsage
		}
		topic := ""
		if len(args) == 1 {
			topic = args[0]
		}
		if !help(stdout, topic) {
			fmt.Fprintf(stderr, "errgen help: unknown verb %q\n", topic)
			return exitUsage
		}
		return exitOK
	}
	for _, v := range verbs() {
		if v.name == name {
			return v.run(args, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "errgen: unknown verb %q; the verbs are %s (errgen help)\n", name, verbNames())
	return exitUsage
}

func isHelpFlag(a string) bool {
	return a == "-h" || a == "-help" || a == "--help"
}

func verbNames() string {
	var names []string
	for _, v := range verbs() {
		names = append(names, v.name)
	}
	return strings.Join(names, ", ")
}

// help prints the usage of every verb with its flags and defaults, or of
// one verb; false when there is no such verb.
func help(w io.Writer, topic string) bool {
	if topic == "" {
		fmt.Fprint(w, "usage: errgen [verb] [flags]\n\nerrgen turns the error catalog into a Go package, JSON Schemas and a documentation site.\n\n")
	}
	found := false
	for _, v := range verbs() {
		if topic != "" && v.name != topic {
			continue
		}
		found = true
		fmt.Fprintf(w, "errgen %s: %s\n", v.name, v.summary)
		fs := v.flags()
		fs.SetOutput(w)
		fs.PrintDefaults()
		fmt.Fprintln(w)
	}
	if topic == "" {
		fmt.Fprint(w, defaultsHelp)
	}
	return found
}

const defaultsHelp = `Without -catalog, errgen reads catalog/errors.yaml from the working folder or, when there is
none, the AnkaSecure catalog built into errgen. Without -go, -schema and -site: under go generate
the Go package goes to the current folder, named after it; in a folder with catalog/errors.yaml
every output goes to its place in the errgen repo (generated/ankaerr, schema, site); elsewhere
errgen writes nothing and says what to pass.

Exit status: 0 success, 1 catalog mistakes, outputs that differ or a failed write, 2 usage errors.
`

// usageError prints a usage mistake of a verb and returns exit status 2.
func usageError(stderr io.Writer, name string, err error) int {
	fmt.Fprintf(stderr, "errgen %s: %v\n", name, err)
	return exitUsage
}

// files is a repeatable -catalog flag.
type files []string

func (f *files) String() string { return strings.Join(*f, ",") }
func (f *files) Set(v string) error {
	// The same file twice would make every entry its own duplicate.
	for _, prev := range *f {
		if a, b := absOrSame(prev), absOrSame(v); a == b {
			return fmt.Errorf("%s is given twice", v)
		}
	}
	*f = append(*f, v)
	return nil
}

func absOrSame(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// parse parses a verb's flags; ok false means the caller returns code.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (code int, ok bool) {
	fs.SetOutput(stderr)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, false
	case err != nil:
		return exitUsage, false // flag has printed the message and usage
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "errgen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}

// report prints an error (every diagnostic on its own line) and returns
// the exit status for it.
func report(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, err)
	return exitFail
}
