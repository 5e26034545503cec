package problem

import (
	"encoding/json"
	"testing"
)

// Seeds beyond these live in testdata/fuzz/<FuzzName>.

func FuzzParseBytes(f *testing.F) {
	f.Add(502, ContentType, []byte(wantBody))
	f.Add(404, "application/json; charset=utf-8", []byte(`{"type":5,"title":null,"x":[1e400]}`))
	f.Add(502, "text/html", []byte(`<html>502</html>`))
	f.Fuzz(func(t *testing.T, status int, ct string, body []byte) {
		p, err := ParseBytes(status, ct, body)
		if err != nil {
			if status >= 100 && status <= 599 {
				t.Fatalf("error for a valid status: %v", err)
			}
			return
		}
		if p.Status != status || p.Type == "" {
			t.Fatalf("status %d type %q, want the status line and a type", p.Status, p.Type)
		}
		// Whatever was parsed must encode as valid JSON and parse back to
		// the same standard members.
		b, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if !json.Valid(b) {
			t.Fatalf("MarshalJSON wrote invalid JSON: %s", b)
		}
		q, _ := ParseBytes(status, ContentType, b)
		if q.Type != p.Type || q.Title != p.Title || q.Detail != p.Detail || q.Instance != p.Instance {
			t.Fatalf("round trip changed the problem:\n%+v\n%+v", p, q)
		}
	})
}

func FuzzValidate(f *testing.F) {
	f.Add([]byte(wantBody))
	f.Add([]byte(`{"type":"https://docs.ankatech.co/errors/bad-gateway","title":"Upstream Service Unavailable","status":502}`))
	f.Add([]byte(`{"type":"` + upstreamURI + `","status":"502"}`))
	v := NewValidator(upstreamUnavailable, unauthorized)
	f.Fuzz(func(t *testing.T, body []byte) {
		if err := v.Validate(body); err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		// A body the schema accepts is a problem Parse reads fully.
		p, _ := ParseBytes(502, ContentType, body)
		if p.Descriptor() != upstreamUnavailable && p.Descriptor() != unauthorized {
			t.Fatalf("valid body parsed without its descriptor: %s", body)
		}
	})
}
