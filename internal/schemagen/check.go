package schemagen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/internal/par"
	"github.com/ankatech/errgen/problem"
)

// CheckExamples validates every catalog example against the schema
// rendered for its type. Mistakes point at the catalog entry.
//
// An error's schema is the base schema, three constants (its type URI,
// title and status), its required members and one subschema per member
// (properties). The constants and the required members are the entry's
// own, and the catalog's lint already holds the example to them exactly
// (stricter than the schema, which also takes old alias URIs); the
// properties keyword applies each member's subschema to that member
// alone. So an example is validated against the base schema, compiled
// once, and each of its members against that member's subschema,
// compiled once per distinct subschema: compiling (which checks a schema
// against the 2020-12 metaschema) is the library's main cost, and a
// catalog of 10,000 errors has a few hundred distinct members.
// TestCheckAgreesWithSchemas shows the verdicts are those of the
// published schemas.
func CheckExamples(c *catalog.Catalog) error {
	ids := map[string]int{} // a member subschema's JSON → its index
	var subs [][]byte
	of := make([][]int, len(c.Errors)) // per error, per member: its subschema
	members := make([][]catalog.Member, len(c.Errors))
	for i, e := range c.Errors {
		members[i] = slices.Concat(c.Common.Members, e.Members)
		for _, m := range members[i] {
			b, err := encode(append(o("$schema", "https://json-schema.org/draft/2020-12/schema"), checkedPart(memberSchema(m))...))
			if err != nil {
				return fmt.Errorf("%s: %w", e.Slug, err)
			}
			k, ok := ids[string(b)]
			if !ok {
				k = len(subs)
				ids[string(b)] = k
				subs = append(subs, b)
			}
			of[i] = append(of[i], k)
		}
	}
	// Index 0 is the base schema, k+1 the k-th member subschema.
	compiled := make([]*jsonschema.Schema, 1+len(subs))
	failed := make([]error, 1+len(subs))
	each(1+len(subs), func(comp *jsonschema.Compiler, k int) {
		if k == 0 {
			compiled[0], failed[0] = comp.Compile(problem.BaseSchemaID)
			return
		}
		compiled[k], failed[k] = compileWith(comp, memberID(k-1), subs[k-1])
	})
	found := make([]catalog.Diagnostics, len(c.Errors))
	each(len(c.Errors), func(_ *jsonschema.Compiler, i int) {
		e := c.Errors[i]
		for _, k := range append([]int{-1}, of[i]...) {
			if err := failed[k+1]; err != nil {
				found[i] = catalog.Diagnostics{{Pos: c.PosOf(e, ""), Msg: "generated schema does not compile: " + err.Error()}}
				return
			}
		}
		body, err := e.Example.Body.MarshalJSON()
		var msgs []string
		if err == nil {
			msgs, err = validate(compiled[0], body, "")
		}
		for j, m := range members[i] {
			if v, ok := e.Example.Body.Get(m.Name); ok && err == nil {
				var b []byte
				if b, err = json.Marshal(v); err == nil {
					var more []string
					more, err = validate(compiled[of[i][j]+1], b, "/"+catalog.EscapePointer(m.Name))
					msgs = append(msgs, more...)
				}
			}
		}
		if err == nil && len(msgs) > 0 {
			err = errors.New(strings.Join(msgs, "; "))
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

// checkedPart is a schema less its annotations (title, description),
// which validate nothing and would only make equal subschemas differ.
func checkedPart(s obj) obj {
	return slices.DeleteFunc(slices.Clone(s), func(f catalog.Field) bool { return f.Key == "title" || f.Key == "description" })
}

// memberID names the k-th member subschema for the compiler. Validation
// messages show instance locations only; the name would show in the
// message of a subschema that does not compile, which the catalog's own
// schema (types, formats and enums it knows) keeps from happening.
func memberID(k int) string { return "urn:errgen:example-member:" + strconv.Itoa(k) }

// each runs do(i) for i in [0, n) on every core, each worker with a
// compiler of its own (a Compiler is not safe for concurrent use; the
// schemas it compiles are).
func each(n int, do func(comp *jsonschema.Compiler, i int)) {
	comps := make([]*jsonschema.Compiler, par.Workers(n))
	par.Do(n, func(w, i int) bool {
		if comps[w] == nil {
			comps[w] = newCompiler()
		}
		do(comps[w], i)
		return true
	})
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

// validate validates a JSON value, decoded as catalog values are, and
// returns what fails, each at its instance location below at.
func validate(s *jsonschema.Schema, value []byte, at string) ([]string, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	err := s.Validate(v)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var msgs []string
	for _, l := range ve.BasicOutput().Errors {
		if l.Error != "" && !strings.HasPrefix(l.Error, "doesn't validate with") {
			msgs = append(msgs, at+l.InstanceLocation+": "+l.Error)
		}
	}
	return msgs, nil
}
