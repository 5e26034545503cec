package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"golang.org/x/mod/modfile"

	"github.com/ankatech/errgen/internal/catalog"
)

// version prints errgen's module version and the built-in catalog's
// version and hash.
func version(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	fmt.Fprintf(stdout, "errgen %s\nbuilt-in catalog: %s, version %s, sha256:%s\n", moduleVersion(), builtinSource.Name, builtinVersion(), catalogHash())
	return exitOK
}

// builtinVersion is the built-in catalog's version, as its generated
// package's CatalogVersion has it.
func builtinVersion() string {
	c, err := catalog.Load(builtinSource)
	if err != nil {
		return "(does not load: " + err.Error() + ")"
	}
	return catalog.Describe(c.Version)
}

// moduleVersion is errgen's module version as the Go toolchain recorded
// it: a release tag, a pseudo-version, or "(devel)" for a local build.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	for _, m := range bi.Deps {
		if m.Path == modulePath {
			if m.Replace != nil {
				return m.Version + " (replaced by " + m.Replace.Path + ")"
			}
			return m.Version
		}
	}
	if bi.Main.Path == modulePath && bi.Main.Version != "" {
		// Run as a Go tool from a local clone, the version is the
		// placeholder of the require line: say where the code came from.
		if bi.Main.Replace != nil {
			return bi.Main.Version + " (replaced by " + bi.Main.Replace.Path + ")"
		}
		return bi.Main.Version
	}
	return "(devel)"
}

const modulePath = "github.com/ankatech/errgen"

// catalogHash is the SHA-256 of the built-in catalog file.
func catalogHash() string {
	sum := sha256.Sum256(builtinSource.Data)
	return hex.EncodeToString(sum[:])
}

// regenerateCommand is the command that brings outputs up to date: go
// generate in a module that has errgen as a tool, else errgen generate.
func regenerateCommand() string {
	if usesErrgenTool() {
		return "go generate ./..."
	}
	return "errgen generate"
}

// usesErrgenTool says whether the module around the working folder
// declares errgen as a tool (a tool line in go.mod, Go 1.24+).
func usesErrgenTool() bool {
	dir, err := os.Getwd()
	if err != nil {
		return false
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			f, err := modfile.Parse("go.mod", data, nil)
			if err != nil {
				return false
			}
			for _, t := range f.Tool {
				if t.Path == modulePath+"/cmd/errgen" {
					return true
				}
			}
			return false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}
