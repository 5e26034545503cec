package schemagen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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
	comp := jsonschema.NewCompiler()
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
			*p.Title != ankaerr.UpstreamUnavailable.Title || p.Status == nil || *p.Status != 502 {
			b.Fatal("invalid")
		}
	}
}
