package problem

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestErrorsIsAs(t *testing.T) {
	cause := io.ErrUnexpectedEOF
	p := New(upstreamUnavailable, "admin-api is down", Cause(cause))
	err := fmt.Errorf("list keys: %w", fmt.Errorf("core-api: %w", fmt.Errorf("forward: %w", p)))

	if !errors.Is(err, upstreamUnavailable) {
		t.Error("errors.Is(err, *Type) = false through three %w layers")
	}
	if !errors.Is(err, &Type{URI: upstreamURI}) {
		t.Error("errors.Is with another *Type of the same URI = false")
	}
	if !errors.Is(err, &Type{URI: "https://docs.ankatech.co/errors/bad-gateway"}) {
		t.Error("errors.Is with the alias URI = false")
	}
	if !errors.Is(err, New(upstreamUnavailable, "other detail")) {
		t.Error("errors.Is with another *Problem of the same type = false")
	}
	if !errors.Is(err, cause) {
		t.Error("errors.Is does not reach the cause")
	}
	for _, other := range []*Type{unauthorized, rateLimited, serverError} {
		if errors.Is(err, other) {
			t.Errorf("errors.Is(err, %s) = true", other.Slug)
		}
	}
	if errors.Is(err, New(unauthorized, "")) {
		t.Error("errors.Is with a *Problem of another type = true")
	}
	if errors.Is(err, (*Type)(nil)) || errors.Is(err, (*Problem)(nil)) {
		t.Error("errors.Is with a typed nil = true")
	}

	var got *Problem
	if !errors.As(err, &got) || got != p {
		t.Fatalf("errors.As = %v, %v", got, p)
	}
	if got.Descriptor() != upstreamUnavailable {
		t.Error("Descriptor() lost")
	}
	if got.Error() != "Upstream Service Unavailable: admin-api is down" {
		t.Errorf("Error() = %q", got.Error())
	}
	if New(unauthorized, "").Error() != "Unauthorized" {
		t.Error("Error() without detail should be the title")
	}
}

func TestTypeAsError(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", upstreamUnavailable)
	if !errors.Is(err, upstreamUnavailable) || errors.Is(err, unauthorized) {
		t.Error("a *Type in the chain matches only itself")
	}
	if upstreamUnavailable.Error() != "Upstream Service Unavailable" {
		t.Errorf("Type.Error() = %q", upstreamUnavailable.Error())
	}
}

func TestRegistry(t *testing.T) {
	if Lookup(upstreamURI) != upstreamUnavailable {
		t.Error("Lookup by URI")
	}
	if Lookup("https://docs.ankatech.co/errors/bad-gateway") != upstreamUnavailable {
		t.Error("Lookup by alias")
	}
	if Lookup("https://example.com/nope") != nil {
		t.Error("Lookup of an unknown URI")
	}
	// A second descriptor for a registered URI does not replace the first.
	Register(&Type{URI: upstreamURI, Title: "impostor"}, nil, &Type{})
	if Lookup(upstreamURI) != upstreamUnavailable {
		t.Error("first registration must win")
	}
}

func TestStrings(t *testing.T) {
	for v, want := range map[fmt.Stringer]string{
		Retryable: "yes", AfterFix: "after-fix", NotRetryable: "no",
		RetryAfterNone: "none", RetryAfterAllowed: "allowed", RetryAfterRequired: "required",
	} {
		if v.String() != want {
			t.Errorf("%#v.String() = %q, want %q", v, v.String(), want)
		}
	}
}
