package problem

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// BaseSchemaID is the $id of BaseSchema; type schemas $ref it.
const BaseSchemaID = "https://docs.ankatech.co/errors/problem.schema.json"

// BaseSchema is the JSON Schema (draft 2020-12) of any RFC 9457 problem
// body. Extension members are allowed; a type's own schema narrows them.
const BaseSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://docs.ankatech.co/errors/problem.schema.json",
  "title": "Problem Details for HTTP APIs (RFC 9457)",
  "description": "The body of an application/problem+json error response. Extension members are allowed.",
  "type": "object",
  "properties": {
    "type": {
      "description": "A URI reference that identifies the problem type.",
      "type": "string",
      "format": "uri-reference"
    },
    "title": {
      "description": "A short, human-readable summary of the problem type.",
      "type": "string"
    },
    "status": {
      "description": "The HTTP status code of this occurrence.",
      "type": "integer",
      "minimum": 100,
      "maximum": 599
    },
    "detail": {
      "description": "A human-readable explanation specific to this occurrence.",
      "type": "string"
    },
    "instance": {
      "description": "A URI reference that identifies this occurrence.",
      "type": "string",
      "format": "uri-reference"
    }
  },
  "additionalProperties": true
}
`

// Validator checks problem bodies against the schemas of their types. It
// compiles each schema once, on first use, and never touches the network.
// The zero Validator is ready to use; it is safe for concurrent use.
type Validator struct {
	mu     sync.Mutex
	byType map[*Type]*compiled
	byURI  map[string]*compiled
}

type compiled struct {
	t      *Type
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

// NewValidator returns a Validator that knows types (by URI and alias).
func NewValidator(types ...*Type) *Validator {
	v := &Validator{}
	for _, t := range types {
		v.entry(t)
	}
	return v
}

// entry returns t's compiled entry, adding t on first sight.
func (v *Validator) entry(t *Type) *compiled {
	v.mu.Lock()
	defer v.mu.Unlock()
	if c := v.byType[t]; c != nil {
		return c
	}
	if v.byType == nil {
		v.byType, v.byURI = map[*Type]*compiled{}, map[string]*compiled{}
	}
	c := &compiled{t: t}
	v.byType[t] = c
	for _, uri := range append([]string{t.URI}, t.Aliases...) {
		if _, dup := v.byURI[uri]; !dup {
			v.byURI[uri] = c
		}
	}
	return c
}

func (v *Validator) lookup(uri string) *compiled {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.byURI[uri]
}

// Validate checks body against the schema of the type its "type" member
// names (a URI or an alias). A body without a type, or with a type the
// Validator does not know, is invalid.
func (v *Validator) Validate(body []byte) error {
	doc, err := decodeBody(body)
	if err != nil {
		return err
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return errors.New("not a JSON object")
	}
	raw, ok := obj["type"]
	if !ok {
		return errors.New("/type: missing; a problem body must name its type")
	}
	uri, ok := raw.(string)
	if !ok {
		return errors.New("/type: must be a string (type)")
	}
	c := v.lookup(uri)
	if c == nil {
		return fmt.Errorf("unknown problem type %q", uri)
	}
	return c.validate(doc)
}

// ValidateType checks body against t's schema, whatever its "type" says.
// A type with no Schema is checked against BaseSchema.
func (v *Validator) ValidateType(t *Type, body []byte) error {
	if t == nil {
		return errors.New("problem: ValidateType with a nil *Type")
	}
	doc, err := decodeBody(body)
	if err != nil {
		return err
	}
	return v.entry(t).validate(doc)
}

func decodeBody(body []byte) (any, error) {
	// Numbers stay json.Number, as the schema library expects, so large
	// integers are compared exactly.
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("not JSON: data after the top-level value")
	}
	return doc, nil
}

func (c *compiled) validate(doc any) error {
	c.once.Do(c.compile)
	if c.err != nil {
		return c.err
	}
	if err := c.schema.Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return &SchemaError{Type: c.t.URI, Violations: violations(ve), err: ve}
		}
		return err
	}
	return nil
}

// compile builds the schema with BaseSchema preloaded and every other URL
// refused, so validation works offline and never fetches a remote $ref.
func (c *compiled) compile() {
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft2020
	comp.AssertFormat = true
	comp.LoadURL = func(url string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("problem: schema %s is not available offline", url)
	}
	if err := comp.AddResource(BaseSchemaID, strings.NewReader(BaseSchema)); err != nil {
		c.err = fmt.Errorf("problem: base schema: %w", err)
		return
	}
	url := BaseSchemaID
	if c.t.Schema != "" {
		url = strings.TrimSuffix(c.t.URI, "/") + "/schema.json"
		if err := comp.AddResource(url, strings.NewReader(c.t.Schema)); err != nil {
			c.err = fmt.Errorf("problem: schema of %s: %w", c.t.URI, err)
			return
		}
	}
	if c.schema, c.err = comp.Compile(url); c.err != nil {
		c.err = fmt.Errorf("problem: schema of %s: %w", c.t.URI, c.err)
	}
}

// SchemaError says why a body does not match its type's schema: one
// violation per failing rule, each "<member>: <rule message> (<keyword>)".
type SchemaError struct {
	Type       string
	Violations []string
	err        error
}

func (e *SchemaError) Error() string { return strings.Join(e.Violations, "; ") }

// Unwrap returns the *jsonschema.ValidationError, for its full tree.
func (e *SchemaError) Unwrap() error { return e.err }

// violations flattens the library's error tree to its leaves, the rules
// that actually failed, named by the member they concern.
func violations(ve *jsonschema.ValidationError) []string {
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		out = append(out, describe(e))
	}
	walk(ve)
	sort.Strings(out)
	return slices.Compact(out)
}

func describe(e *jsonschema.ValidationError) string {
	kw := e.KeywordLocation[strings.LastIndexByte(e.KeywordLocation, '/')+1:]
	// "value must be ..." reads better as "/member: must be ...".
	loc, msg := e.InstanceLocation, strings.TrimPrefix(e.Message, "value ")
	switch {
	case kw == "required":
		// The library names missing members in the message; name them as
		// locations so every violation starts with the member it concerns.
		names := strings.TrimPrefix(msg, "missing properties: ")
		var parts []string
		for _, n := range strings.Split(names, ", ") {
			parts = append(parts, loc+"/"+strings.Trim(n, "'")+": missing (required)")
		}
		return strings.Join(parts, "; ")
	case kw == "const":
		// "value must be \"502\"": the library quotes numbers it keeps as
		// json.Number; unquote them so the message shows the JSON value.
		if q := strings.TrimPrefix(msg, "must be "); q != msg && isQuotedNumber(q) {
			msg = "must be " + q[1:len(q)-1]
		}
	}
	if loc == "" {
		loc = "/"
	}
	return fmt.Sprintf("%s: %s (%s)", loc, msg, kw)
}

func isQuotedNumber(q string) bool {
	if len(q) < 3 || q[0] != '"' || q[len(q)-1] != '"' {
		return false
	}
	return strings.Trim(q[1:len(q)-1], "0123456789.eE+-") == ""
}
