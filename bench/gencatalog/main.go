// Command gencatalog writes a synthetic error catalog of N errors for the
// benchmarks in bench/run.sh:
//
//	go run ./bench/gencatalog -n 1000 -o /tmp/cat.yaml
//
// The catalog starts from the header of the AnkaSecure catalog (name,
// base_uri, breaker_open_wait, upstreams, common headers and members) and
// adds N entries with realistic content: multi-paragraph markdown, 3 to 6
// causes and resolve steps, a detail template with typed parameters,
// extension members (some with enums), a complete example response and 2
// to 4 relations each, declared both ways where the kind asks for it.
// The output passes `errgen lint` and is the same for the same -n and -seed.
//
// With -hugo DIR it also writes a Hugo site of the same errors (see
// hugo.go), so bench/run.sh can compare errgen's site with Hugo's build
// of the same markdown:
//
//	go run ./bench/gencatalog -n 1000 -o cat.yaml -hugo hugo-src
//	hugo --quiet -s hugo-src -d out
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"

	"gopkg.in/yaml.v3"

	ankasecure "github.com/ankatech/errgen/catalog"
	"github.com/ankatech/errgen/internal/catalog"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencatalog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of errors")
	out := fs.String("o", "", "write the catalog to `FILE` (default: standard output)")
	base := fs.String("base", "", "take the header from catalog `FILE` (default: the built-in AnkaSecure catalog)")
	hugo := fs.String("hugo", "", "also write a Hugo site with the same pages' markdown to `DIR`")
	seed := fs.Uint64("seed", 1, "PRNG seed (the output is a function of -n and -seed)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *n < 1 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gencatalog -n N [-o FILE] [-base FILE] [-seed S]")
		return 2
	}
	hdr, err := loadHeader(*base)
	if err != nil {
		fmt.Fprintf(stderr, "gencatalog: %v\n", err)
		return 1
	}
	rng := rand.New(rand.NewPCG(*seed, uint64(*n)))
	doc := newGenerator(rng, hdr).catalog(*n)
	data, err := encode(doc)
	if err != nil {
		fmt.Fprintf(stderr, "gencatalog: %v\n", err)
		return 1
	}
	if *hugo != "" {
		if err := writeHugoSite(*hugo, doc); err != nil {
			fmt.Fprintf(stderr, "gencatalog: %v\n", err)
			return 1
		}
	}
	if *out == "" {
		_, err = stdout.Write(data)
	} else {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gencatalog: %v\n", err)
		return 1
	}
	return 0
}

// loadHeader loads a catalog (the built-in one by default) for its header.
func loadHeader(path string) (*catalog.Catalog, error) {
	src := catalog.Source{Name: ankasecure.Name, Data: ankasecure.AnkaSecure}
	if path != "" {
		var err error
		if src, err = catalog.ReadFile(path); err != nil {
			return nil, err
		}
	}
	return catalog.Load(src)
}

func encode(doc *catalogDoc) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Synthetic catalog of %d errors written by bench/gencatalog; do not edit.\n", len(doc.Errors))
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
