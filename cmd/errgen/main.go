// Command errgen turns the error catalog into Go constructors, JSON
// Schemas and a documentation site. See the package cli for the verbs.
package main

import (
	"os"

	"github.com/ankatech/errgen/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
