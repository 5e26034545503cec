package schemagen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ankatech/errgen/internal/catalog"
	"github.com/ankatech/errgen/problem"
)

// CheckExamples compiles every generated schema against the 2020-12 metaschema
// and validates every catalog example against its own schema. Mistakes
// point at the catalog entry.
func CheckExamples(c *catalog.Catalog, set *Set) error {
	schemas := set.Schemas
	var ds catalog.Diagnostics
	for i, e := range c.Errors {
		s, err := compile(SchemaURL(e), schemas[i])
		if err != nil {
			ds = append(ds, catalog.Diagnostic{Pos: c.PosOf(e, ""), Msg: "generated schema does not compile: " + err.Error()})
			continue
		}
		body, err := e.Example.Body.MarshalJSON()
		if err == nil {
			err = validate(s, body)
		}
		if err != nil {
			ds = append(ds, catalog.Diagnostic{Pos: c.PosOf(e, "/example/body"), Msg: "example does not validate against its schema: " + err.Error()})
		}
	}
	if len(ds) > 0 {
		return ds
	}
	return nil
}

func compile(id string, schema []byte) (*jsonschema.Schema, error) {
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft2020
	comp.AssertFormat = true
	comp.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("no network: %s", u) }
	if err := comp.AddResource(problem.BaseSchemaID, strings.NewReader(problem.BaseSchema)); err != nil {
		return nil, err
	}
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
