package schemagen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/problem"
)

// CheckExamples compiles every generated schema against the 2020-12 metaschema
// and validates every catalog example against its own schema. Mistakes
// point at the catalog entry.
func CheckExamples(c *catalog.Catalog, set *Set) error {
	// One compiler per core, each with the base schema compiled once for
	// all the schemas it checks (a compiler per schema compiled the base
	// and checked it against the metaschema 10,000 times at 10k errors).
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.Errors)))
	found := make([]catalog.Diagnostics, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			comp := newCompiler()
			for i := w; i < len(c.Errors); i += workers {
				found[w] = append(found[w], checkExample(comp, c, c.Errors[i], set.Schemas[i])...)
			}
		})
	}
	wg.Wait()
	var ds catalog.Diagnostics
	for _, d := range found {
		ds = append(ds, d...)
	}
	if len(ds) > 0 {
		slices.SortStableFunc(ds, func(a, b catalog.Diagnostic) int { return strings.Compare(a.String(), b.String()) })
		return ds
	}
	return nil
}

// checkExample compiles one error's schema and validates its example.
func checkExample(comp *jsonschema.Compiler, c *catalog.Catalog, e *catalog.Entry, schema []byte) catalog.Diagnostics {
	s, err := compileWith(comp, SchemaURL(e), schema)
	if err != nil {
		return catalog.Diagnostics{{Pos: c.PosOf(e, ""), Msg: "generated schema does not compile: " + err.Error()}}
	}
	body, err := e.Example.Body.MarshalJSON()
	if err == nil {
		err = validate(s, body)
	}
	if err != nil {
		return catalog.Diagnostics{{Pos: c.PosOf(e, "/example/body"), Msg: "example does not validate against its schema: " + err.Error()}}
	}
	return nil
}

// newCompiler is a 2020-12 compiler that asserts formats, knows the base
// schema and reaches no network.
func newCompiler() *jsonschema.Compiler {
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft2020
	comp.AssertFormat = true
	comp.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("no network: %s", u) }
	// The base schema is a constant of this module: it always adds.
	_ = comp.AddResource(problem.BaseSchemaID, strings.NewReader(problem.BaseSchema))
	return comp
}

func compile(id string, schema []byte) (*jsonschema.Schema, error) {
	return compileWith(newCompiler(), id, schema)
}

func compileWith(comp *jsonschema.Compiler, id string, schema []byte) (*jsonschema.Schema, error) {
	if err := comp.AddResource(id, bytes.NewReader(schema)); err != nil {
		return nil, err
	}
	return comp.Compile(id)
}

func validate(s *jsonschema.Schema, body []byte) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	err := s.Validate(v)
	var ve *jsonschema.ValidationError
	if errors.As(err, &ve) {
		var msgs []string
		for _, l := range ve.BasicOutput().Errors {
			if l.Error != "" && !strings.HasPrefix(l.Error, "doesn't validate with") {
				msgs = append(msgs, l.InstanceLocation+": "+l.Error)
			}
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return err
}
