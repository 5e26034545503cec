// Package cli is errgen's command line: `errgen [verb] [flags]`.
//
//	errgen lint     [-catalog FILE]...          report every catalog mistake as FILE:LINE:COL: message
//	errgen generate [-catalog FILE]... [-go DIR -package NAME] [-schema DIR] [-site DIR]
//	errgen check    (the flags of generate)     exit 1 and name each output that differs
//	errgen serve    [-addr HOST:PORT] [-site DIR] [-catalog FILE]...
//	errgen diff     [-catalog FILE] (OLD NEW | REV | -release)   every change, breaking or compatible
//
// generate is the default verb. Without -catalog, errgen reads
// catalog/errors.yaml from the working directory, or, when there is none
// (a service repo), the AnkaSecure catalog built into the binary. A
// -catalog file without base_uri adds its errors on top of that catalog.
// Without -go, -schema and -site, generate writes all three outputs to
// their places in the errgen repo: generated/ankaerr, schema/ and site/.
//
// Exit status: 0 success, 1 catalog mistakes, stale outputs or failed
// writes, 2 usage errors.
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

// Run runs errgen with the arguments after the program name.
func Run(args []string, stdout, stderr io.Writer) int {
	verb := "generate"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		verb, args = args[0], args[1:]
	}
	switch verb {
	case "lint":
		return lint(args, stdout, stderr)
	case "generate":
		return generate(args, stdout, stderr, false)
	case "check":
		return generate(args, stdout, stderr, true)
	case "serve":
		return serve(args, stdout, stderr)
	case "diff":
		return diffCmd(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "errgen: unknown verb %q\n%s", verb, usage)
	return exitUsage
}

const usage = `usage: errgen [verb] [flags]

verbs:
  generate  render all outputs from the catalog (the default verb)
  check     exit 1 and list every output that differs from what generate would write
  lint      report every catalog mistake as FILE:LINE:COL: message
  serve     serve the documentation site over HTTP
  diff      list the changes between two catalogs; exit 1 on a breaking one without a major bump
  help      print this message

Run 'errgen VERB -h' for a verb's flags.
`

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

func lint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	var cat files
	fs.Var(&cat, "catalog", "catalog `FILE` (repeatable; later files add errors)")
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	c, err := loadCatalog(cat)
	if err != nil {
		return report(stderr, err)
	}
	if err := lintOutputs(c); err != nil {
		return report(stderr, err)
	}
	fmt.Fprintf(stdout, "%s: %d errors, no mistakes\n", strings.Join(c.Files, ", "), len(c.Errors))
	return exitOK
}

// report prints an error (every diagnostic on its own line) and returns
// the exit status for it.
func report(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, err)
	return exitFail
}
