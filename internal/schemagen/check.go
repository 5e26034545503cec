package schemagen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/problem"
)

// CheckExamples validates every catalog example against the schema
// rendered for its type. Mistakes point at the catalog entry.
//
// An error's schema is the base schema, three constants (its type URI,
// title and status) and its members. The constants are the entry's own,
// and the catalog's lint already holds the example's type, title and
// status to them exactly (stricter than the schema, which also takes old
// alias URIs). What is left, the shape, is the same for every error with
// the same members, so each distinct shape is compiled once (compiling
// checks it against the 2020-12 metaschema, the library's main cost) and
// every example is validated against its shape: at 10,000 errors a few
// hundred compilations instead of 10,000. TestCheckAgreesWithSchemas
// shows the two verdicts agree.
func CheckExamples(c *catalog.Catalog) error {
	ids := map[string]int{} // a shape's JSON → its index
	var shapes [][]byte
	of := make([]int, len(c.Errors))
	for i, e := range c.Errors {
		b, err := encode(checkShape(c, e))
		if err != nil {
			return fmt.Errorf("%s: %w", e.Slug, err)
		}
		k, ok := ids[string(b)]
		if !ok {
			k = len(shapes)
			ids[string(b)] = k
			shapes = append(shapes, b)
		}
		of[i] = k
	}
	compiled := make([]*jsonschema.Schema, len(shapes))
	failed := make([]error, len(shapes))
	each(len(shapes), func(comp *jsonschema.Compiler, k int) {
		compiled[k], failed[k] = compileWith(comp, shapeID(k), shapes[k])
	})
	found := make([]catalog.Diagnostics, len(c.Errors))
	each(len(c.Errors), func(_ *jsonschema.Compiler, i int) {
		e := c.Errors[i]
		if err := failed[of[i]]; err != nil {
			found[i] = catalog.Diagnostics{{Pos: c.PosOf(e, ""), Msg: "generated schema does not compile: " + err.Error()}}
			return
		}
		body, err := e.Example.Body.MarshalJSON()
		if err == nil {
			err = validate(compiled[of[i]], body)
		}
		if err != nil {
			found[i] = catalog.Diagnostics{{Pos: c.PosOf(e, "/example/body"), Msg: "example does not validate against its schema: " + err.Error()}}
		}
	})
	ds := slices.Concat(found...)
	if len(ds) > 0 {
		slices.SortStableFunc(ds, func(a, b catalog.Diagnostic) int { return strings.Compare(a.String(), b.String()) })
		return ds
	}
	return nil
}

// checkShape is the part of e's schema (schemaBody) that is not e's own:
// the base schema, the required members and each member's type, format
// and enum, without the type, title and status constants and without the
// annotations (title, description), which validate nothing.
func checkShape(c *catalog.Catalog, e *catalog.Entry) obj {
	var shape obj
	for _, f := range schemaBody(c, e, problem.BaseSchemaID) {
		switch f.Key {
		case "title", "description":
		case "properties":
			var props obj
			for _, p := range f.Value.(obj) {
				switch p.Key {
				case "type", "title", "status":
				default:
					s := slices.DeleteFunc(slices.Clone(p.Value.(obj)), func(f catalog.Field) bool { return f.Key == "description" })
					props = append(props, catalog.Field{Key: p.Key, Value: s})
				}
			}
			shape = append(shape, catalog.Field{Key: "properties", Value: props})
		default:
			shape = append(shape, f)
		}
	}
	return append(o("$schema", "https://json-schema.org/draft/2020-12/schema"), shape...)
}

// shapeID names the k-th shape for the compiler; the name shows in no
// message (validate reports instance locations only).
func shapeID(k int) string { return "urn:errgen:example-shape:" + strconv.Itoa(k) }

// each runs do(i) for i in [0, n) on one goroutine per core, each with a
// compiler of its own (a Compiler is not safe for concurrent use; the
// schemas it compiles are).
func each(n int, do func(comp *jsonschema.Compiler, i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			comp := newCompiler()
			for i := w; i < n; i += workers {
				do(comp, i)
			}
		})
	}
	wg.Wait()
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
