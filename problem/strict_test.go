package problem

import (
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
)

var templated = &Type{
	URI: "https://docs.ankatech.co/errors/quota", Slug: "quota", Title: "Quota", Status: 429,
	Detail: "The {upstream} service refused '{kid}' after {attempts} attempts.",
	Params: []Param{
		{Name: "upstream", Kind: ParamRole, Values: []string{"admin-api", "core-api"}},
		{Name: "kid", Kind: ParamString},
		{Name: "attempts", Kind: ParamInteger},
	},
	Members: []Member{{Name: "errorCode", Type: "string"}},
}

func TestCheckDetail(t *testing.T) {
	tests := []struct {
		detail, wantErr string
	}{
		{"The admin-api service refused 'k-1' after 3 attempts.", ""},
		{"The core-api service refused 'a.b' after -1 attempts.", ""},
		{"The 10.0.0.7:8443 service refused 'k-1' after 3 attempts.", "{upstream} must be one of the roles admin-api, core-api"},
		{"The admin-api service refused 'k-1' after three attempts.", "{attempts} must be an integer"},
		{"The admin-api service refused '' after 3 attempts.", "{kid} must be text"},
		{"The admin-api service refused 'x' after 3 attempts.' after 3 attempts.", "{kid} must be text without the template's own words"},
		{"dial tcp 10.0.0.7:8443: connection refused", "does not match the template"},
		{"The admin-api service refused 'a\nb' after 3 attempts.", "{kid}"},
	}
	for _, tc := range tests {
		err := templated.CheckDetail(tc.detail)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%q: %v", tc.detail, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%q: got %v, want an error with %q", tc.detail, err, tc.wantErr)
		}
	}
	if err := (&Type{}).CheckDetail("anything"); err != nil {
		t.Errorf("no template: %v", err)
	}
}

func TestFindLeak(t *testing.T) {
	leaks := map[string]string{
		"dial tcp 10.0.0.7:8443: connection refused": "an IPv4 address",
		"reach admin-api.internal:8443":              "a host:port",
		"localhost:5432 refused":                     "a host:port",
		"at [fe80::1]:80":                            "an IPv6 address",
		"addr 2001:db8::8a2e:370:7334":               "an IPv6 address",
		"lookup failed: dial udp":                    "a dial error",
		"goroutine 7 [running]:":                     "a goroutine dump",
		"panic: runtime error":                       "a panic",
		"/src/svc/handler.go:42 +0x1d":               "a Go source line",
	}
	for s, want := range leaks {
		if got := FindLeak(s); !strings.HasPrefix(got, want) {
			t.Errorf("FindLeak(%q) = %q, want %s", s, got, want)
		}
	}
	for _, s := range []string{
		"https://docs.ankatech.co/errors/upstream-unavailable",
		"The admin-api service is temporarily unavailable.",
		"Retry after 12:30 UTC, version 1.2.3",
		"Mon, 07 Dec 2026 03:20:16 GMT",
		"7f3c9a52-1d4e-4b8a-9c61-2f0e8d5b4a17",
		"/api/v3/admin/keys/legacy-rsa-key/operations",
	} {
		if got := FindLeak(s); got != "" {
			t.Errorf("FindLeak(%q) = %q, want nothing", s, got)
		}
	}
}

func TestValidateStrict(t *testing.T) {
	v := NewValidator()
	good := `{"type":"https://docs.ankatech.co/errors/quota","title":"Quota","status":429,` +
		`"detail":"The admin-api service refused 'k-1' after 3 attempts.","errorCode":"X"}`
	if err := v.ValidateStrict(templated, []byte(good)); err != nil {
		t.Errorf("good body: %v", err)
	}
	bad := `{"type":"https://docs.ankatech.co/errors/quota","title":"Quota","status":429,` +
		`"detail":"dial tcp 10.0.0.7:8443: connection refused","debugHost":"h.internal:8443"}`
	err := v.ValidateStrict(templated, []byte(bad))
	for _, want := range []string{
		"/debugHost: not a member quota declares",
		`/debugHost: looks like a leak: a host:port "h.internal:8443"`,
		`/detail: looks like a leak: an IPv4 address "10.0.0.7"`,
		"/detail: detail \"dial tcp",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("bad body: got %v, want %s", err, want)
		}
	}
	// The lenient Validate lets the undeclared member through.
	if err := NewValidator(templated).Validate([]byte(strings.Replace(bad, "dial tcp 10.0.0.7:8443: connection refused", "x", 1))); err != nil {
		t.Errorf("lenient Validate: %v", err)
	}
}

// ceilSecond and the policy's elapsed check saturate instead of wrapping.
func TestDurationsSaturate(t *testing.T) {
	for _, d := range []time.Duration{math.MaxInt64, math.MaxInt64 - 1, math.MaxInt64 - time.Second/2} {
		if got := ceilSecond(d); got <= 0 || got%time.Second != 0 {
			t.Errorf("ceilSecond(%d) = %d", d, got)
		}
	}
	p := RetryPolicy{MaxRetryAfter: math.MaxInt64, Jitter: NoJitter}
	resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {"9223372036"}}, Body: http.NoBody}
	if wait, retry := p.Next(resp, 1, time.Minute); retry {
		t.Errorf("Next retries after %v: elapsed+wait wrapped past MaxElapsed", wait)
	}
}
