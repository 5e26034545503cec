package schemagen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/ankatech/errgen/generated/ankaerr"
	"github.com/ankatech/errgen/problem"
)

// The three benchmarks validate the same upstream-unavailable body:
// ankaerr.Validate from raw bytes (decode, dispatch by type, validate);
// the library alone on an already-decoded document (the floor); and a
// hand-written check of the same rules (the cheapest possible). Figures
// are in docs/performance.md.
var benchBody = []byte(`{"type":"https://docs.ankatech.co/errors/upstream-unavailable","title":"Upstream Service Unavailable","status":502,"detail":"The admin-api service is temporarily unavailable.","instance":"/api/key-management/keys"}`)

func BenchmarkValidate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := ankaerr.Validate(benchBody); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateLibraryRaw is the library's own cost from raw bytes:
// decode with UseNumber, then validate. Validate minus this is dispatch.
func BenchmarkValidateLibraryRaw(b *testing.B) {
	s := librarySchema(b)
	b.ReportAllocs()
	for b.Loop() {
		var doc any
		dec := json.NewDecoder(bytes.NewReader(benchBody))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			b.Fatal(err)
		}
		if err := s.Validate(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func librarySchema(b *testing.B) *jsonschema.Schema {
	// The settings problem.Validator compiles with, so both check the
	// same rules (formats included).
	comp := jsonschema.NewCompiler()
	comp.Draft = jsonschema.Draft2020
	comp.AssertFormat = true
	comp.LoadURL = func(u string) (io.ReadCloser, error) { return nil, errors.New("no network") }
	comp.AddResource(problem.BaseSchemaID, strings.NewReader(problem.BaseSchema))
	comp.AddResource("s.json", strings.NewReader(ankaerr.UpstreamUnavailable.Schema))
	s, err := comp.Compile("s.json")
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkValidateLibraryDecoded(b *testing.B) {
	s := librarySchema(b)
	var doc any
	dec := json.NewDecoder(bytes.NewReader(benchBody))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := s.Validate(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateHandWritten checks by hand the rules the schema has for
// this body: a JSON object; type, title and status present and equal to
// the type's; status an integer in 100–599; detail and instance strings;
// type and instance URI references.
func BenchmarkValidateHandWritten(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var p struct {
			Type, Title, Detail, Instance *string
			Status                        *int
		}
		if err := json.Unmarshal(benchBody, &p); err != nil {
			b.Fatal(err)
		}
		if p.Type == nil || *p.Type != ankaerr.UpstreamUnavailable.URI || p.Title == nil ||
			*p.Title != ankaerr.UpstreamUnavailable.Title || p.Status == nil || *p.Status != 502 ||
			*p.Status < 100 || *p.Status > 599 {
			b.Fatal("invalid")
		}
		if _, err := url.Parse(*p.Type); err != nil {
			b.Fatal(err)
		}
		if p.Instance != nil {
			if _, err := url.Parse(*p.Instance); err != nil {
				b.Fatal(err)
			}
		}
	}
}
