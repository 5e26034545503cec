package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ankatech/errgen/internal/output"
)

// generateFlags makes the flag set of generate and check.
func generateFlags(name string) (*flag.FlagSet, *files, *targets) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cat := new(files)
	t := new(targets)
	fs.Var(cat, "catalog", "catalog `FILE` (repeatable; a service's file, with service: NAME, adds its errors to the platform catalog before it, or to the built-in one)")
	fs.StringVar(&t.goDir, "go", "", "write the Go package to `DIR` (under go generate: the current folder)")
	fs.StringVar(&t.pkg, "package", "", "Go package `NAME` (default: $GOPACKAGE under go generate, else the -go folder's name)")
	fs.StringVar(&t.schemaDir, "schema", "", "write JSON Schemas to `DIR`")
	fs.StringVar(&t.siteDir, "site", "", "write the documentation site to `DIR` (its document root)")
	return fs, cat, t
}

func lintFlags() (*flag.FlagSet, *files) {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	cat := new(files)
	fs.Var(cat, "catalog", "catalog `FILE` (repeatable; later files add errors)")
	return fs, cat
}

// lint runs the whole pipeline short of writing: every output is rendered
// in memory, so what lint passes, generate can write.
func lint(args []string, stdout, stderr io.Writer) int {
	fs, cat := lintFlags()
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	srcs, err := readSources(*cat)
	if err != nil {
		return report(stderr, err)
	}
	c, _, err := build(context.Background(), srcs, everything)
	if err != nil {
		return report(stderr, err)
	}
	fmt.Fprintf(stdout, "%s: %s, no mistakes\n", strings.Join(c.Files, ", "), output.Plural(len(c.Errors), "entry", "entries"))
	return exitOK
}
