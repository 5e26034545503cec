package problem

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	v := NewValidator(upstreamUnavailable, unauthorized)
	tests := []struct {
		name, body string
		want       []string // substrings of the error; none: valid
	}{
		{"valid", wantBody, nil},
		{"valid alias", `{"type":"https://docs.ankatech.co/errors/bad-gateway","title":"Upstream Service Unavailable","status":502}`, nil},
		{"wrong status", strings.Replace(wantBody, "502", "503", 1), []string{"/status: must be 502 (const)"}},
		{"status out of range", strings.Replace(wantBody, "502", "1000", 1), []string{"/status: must be 502 (const)", "/status: must be <= 599"}},
		{"wrong title", strings.Replace(wantBody, "Upstream Service", "Upstream", 1), []string{"/title: must be \"Upstream Service Unavailable\" (const)"}},
		{"missing title", `{"type":"` + upstreamURI + `","status":502}`, []string{"/title: missing (required)"}},
		{"ill-typed extension", strings.Replace(wantBody, `"attempts":3`, `"attempts":"3"`, 1), []string{"/attempts: expected integer, but got string (type)"}},
		{"fractional integer", strings.Replace(wantBody, `"attempts":3`, `"attempts":2.5`, 1), []string{"/attempts:", "(type)"}},
		{"out of enum", strings.Replace(wantBody, "UPSTREAM_DOWN", "UPSTREAM_GONE", 1), []string{"/errorCode:", "(enum)"}},
		{"ill-typed detail", strings.Replace(wantBody, `"detail":"The admin-api service is temporarily unavailable."`, `"detail":5`, 1), []string{"/detail: expected string"}},
		{"bad instance", strings.Replace(wantBody, `"/api/key-management/keys"`, `"%zz"`, 1), []string{"/instance:", "(format)"}},
		{"unknown type", `{"type":"https://example.com/nope","title":"x"}`, []string{`unknown problem type "https://example.com/nope"`}},
		{"type absent", `{"title":"x","status":502}`, []string{"/type: missing"}},
		{"type not a string", `{"type":5}`, []string{"/type: must be a string"}},
		{"not JSON", `<html>`, []string{"not JSON: "}},
		{"trailing data", `{"type":"x"} {}`, []string{"not JSON: "}},
		{"array", `[]`, []string{"not a JSON object"}},
	}
	for _, tc := range tests {
		err := v.Validate([]byte(tc.body))
		switch {
		case tc.want == nil && err != nil:
			t.Errorf("%s: unexpected error: %v", tc.name, err)
		case tc.want != nil && err == nil:
			t.Errorf("%s: want an error", tc.name)
		case err != nil:
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: error %q does not contain %q", tc.name, err, w)
				}
			}
		}
	}
}

func TestValidateType(t *testing.T) {
	t.Parallel()
	var v Validator // the zero Validator works too
	if err := v.ValidateType(upstreamUnavailable, []byte(wantBody)); err != nil {
		t.Errorf("valid body: %v", err)
	}
	err := v.ValidateType(unauthorized, []byte(wantBody))
	if err == nil || !strings.Contains(err.Error(), "/status: must be 401 (const)") || !strings.Contains(err.Error(), "/type: must be") {
		t.Errorf("body of another type: %v", err)
	}
	// No Schema: the base schema alone.
	if err := v.ValidateType(rateLimited, []byte(`{"type":"x","status":99}`)); err == nil || !strings.Contains(err.Error(), "/status: must be >= 100") {
		t.Errorf("base schema: %v", err)
	}
	if err := v.ValidateType(nil, []byte(`{}`)); err == nil {
		t.Error("nil type: want an error")
	}
}

func TestValidatorOffline(t *testing.T) {
	t.Parallel()
	remote := &Type{URI: "https://docs.ankatech.co/errors/remote", Schema: `{"$ref":"https://example.com/other.json"}`}
	broken := &Type{URI: "https://docs.ankatech.co/errors/broken", Schema: `{"type": 5}`}
	v := NewValidator(remote, broken)
	for _, typ := range []*Type{remote, broken} {
		for range 2 { // the compile error is remembered, not retried
			err := v.ValidateType(typ, []byte(`{}`))
			if err == nil || !strings.Contains(err.Error(), typ.URI) {
				t.Errorf("%s: want a schema error naming the type, got %v", typ.URI, err)
			}
		}
	}
}

func TestValidatorConcurrent(t *testing.T) {
	t.Parallel()
	v := NewValidator(upstreamUnavailable)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := wantBody
			if i%2 == 1 {
				body = strings.Replace(wantBody, "502", "503", 1)
			}
			err := v.Validate([]byte(body))
			if i%3 == 0 {
				err = v.ValidateType(unauthorized, []byte(body)) // adds a type while others validate
				if err == nil {
					err = fmt.Errorf("goroutine %d: want a mismatch", i)
				} else {
					err = nil
				}
			}
			if (err != nil) != (i%2 == 1 && i%3 != 0) {
				errs <- fmt.Errorf("goroutine %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
