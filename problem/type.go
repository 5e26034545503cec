package problem

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ContentType is the media type of a problem body (RFC 9457 section 3).
const ContentType = "application/problem+json"

// Retryability says whether repeating the same request can succeed.
type Retryability int

const (
	// NotRetryable: the same request fails the same way every time.
	NotRetryable Retryability = iota
	// Retryable: the same request may succeed later, unchanged.
	Retryable
	// AfterFix: the request can succeed once the client changes it or its
	// credentials, configuration or quota.
	AfterFix
)

// String returns the catalog's word: "yes", "after-fix" or "no".
func (r Retryability) String() string {
	switch r {
	case Retryable:
		return "yes"
	case AfterFix:
		return "after-fix"
	default:
		return "no"
	}
}

// RetryAfterPolicy says whether a response of a type carries Retry-After.
type RetryAfterPolicy int

const (
	// RetryAfterNone: the type never sends Retry-After.
	RetryAfterNone RetryAfterPolicy = iota
	// RetryAfterAllowed: the type sends Retry-After when the server knows a
	// wait (for example while a circuit breaker is open).
	RetryAfterAllowed
	// RetryAfterRequired: every response of the type sends Retry-After.
	RetryAfterRequired
)

// String returns "none", "allowed" or "required".
func (p RetryAfterPolicy) String() string {
	switch p {
	case RetryAfterAllowed:
		return "allowed"
	case RetryAfterRequired:
		return "required"
	default:
		return "none"
	}
}

// Member describes one extension member a type declares.
type Member struct {
	Name string
	// Type is the JSON type: "string", "integer", "number" or "boolean".
	Type string
	// Format is the JSON Schema format of a string member ("uuid", ...).
	Format   string
	Enum     []string
	Required bool
}

// Type describes one problem type. Generated code declares one per catalog
// entry; a *Type is the errors.Is target for problems of that type.
type Type struct {
	URI, Slug, Title string
	// Status is the HTTP status; 0 for a class catch-all.
	Status int
	// Class is 4 or 5 for the catch-alls (4xx, 5xx), 0 otherwise.
	Class     int
	Summary   string
	Retryable Retryability
	// RetryAfter and its bounds: a Retry-After sent for this type is a
	// whole number of seconds within [RetryAfterMin, RetryAfterMax].
	RetryAfter                   RetryAfterPolicy
	RetryAfterMin, RetryAfterMax time.Duration
	// Headers are the response headers the type sends beyond X-Request-Id
	// and Retry-After (for example WWW-Authenticate).
	Headers []string
	// Members are the extension members, in catalog order; the body writes
	// them in this order.
	Members []Member
	// Detail is the catalog's detail template, with {name} placeholders
	// for Params; "" when the generator gave none. Strict checks match a
	// detail against it (see CheckDetail).
	Detail string
	// Params are the template's typed parameters.
	Params []Param
	// Aliases are old type URIs that still mean this type.
	Aliases []string
	// Schema is the JSON Schema (2020-12) of a body of this type. It may
	// $ref BaseSchemaID, which every Validator can resolve offline.
	Schema string

	// head caches `{"type":<URI>,"title":<Title>` as JSON, the start of
	// every body of this type; built on first use. An atomic.Value (not
	// an atomic.Pointer, which go vet's copylocks check forbids copying)
	// keeps a Type a plain value that may be copied before use.
	head atomic.Value // *encodedHead
}

// ParamKind is the kind of a detail-template parameter.
type ParamKind int

const (
	// ParamString is free text: a non-empty run on one line.
	ParamString ParamKind = iota
	// ParamInteger is a decimal integer (-?[0-9]+).
	ParamInteger
	// ParamRole is one of the catalog's logical upstream roles, listed in
	// the Param's Values.
	ParamRole
)

// Param is one typed parameter of a detail template.
type Param struct {
	Name string
	Kind ParamKind
	// Values are the allowed values of a ParamRole: the catalog's roles.
	Values []string
}

type encodedHead struct {
	uri, title string // what b encodes
	b          []byte
}

// encodedHead returns `{"type":…,"title":…` for uri and title, from the
// cache when it was built from the same strings (a Type changed after use
// gets a new one). Two goroutines may both build it, to the same bytes.
func (t *Type) encodedHead(uri, title string) []byte {
	if h, _ := t.head.Load().(*encodedHead); h != nil && h.uri == uri && h.title == title {
		return h.b
	}
	h := &encodedHead{uri: uri, title: title, b: appendHead(nil, uri, title)}
	t.head.Store(h)
	return h.b
}

// Error returns the title, so a *Type can stand where an error is expected
// (it is mainly an errors.Is target).
func (t *Type) Error() string {
	if t.Title != "" {
		return t.Title
	}
	return t.URI
}

// Is reports whether target is the same type: the same *Type, or a *Type
// with the same URI (two generated packages may declare the same catalog).
func (t *Type) Is(target error) bool {
	o, ok := target.(*Type)
	return ok && o != nil && (o == t || o.URI == t.URI)
}

// matches reports whether uri names t, directly or through an alias.
func (t *Type) matches(uri string) bool {
	if uri == t.URI {
		return true
	}
	for _, a := range t.Aliases {
		if a == uri {
			return true
		}
	}
	return false
}

// member returns the declared member called name, or nil.
func (t *Type) member(name string) *Member {
	if t == nil {
		return nil
	}
	for i := range t.Members {
		if t.Members[i].Name == name {
			return &t.Members[i]
		}
	}
	return nil
}

// declaresHeader reports whether the type lists name among its Headers.
func (t *Type) declaresHeader(name string) bool {
	for _, h := range t.Headers {
		if strings.EqualFold(h, name) {
			return true
		}
	}
	return false
}

// The registry lets Parse attach descriptors. Generated packages fill it
// from init, so it is written rarely and read often.
var registry struct {
	sync.RWMutex
	byURI   map[string]*Type
	byAlias map[string]*Type
}

// Register makes types known to Lookup and Parse. The first type
// registered for a URI wins, so two generated packages built from the same
// catalog do not fight; a type URI always wins over another type's alias.
func Register(types ...*Type) {
	registry.Lock()
	defer registry.Unlock()
	if registry.byURI == nil {
		registry.byURI = map[string]*Type{}
		registry.byAlias = map[string]*Type{}
	}
	for _, t := range types {
		if t == nil || t.URI == "" {
			continue
		}
		if _, dup := registry.byURI[t.URI]; !dup {
			registry.byURI[t.URI] = t
		}
		for _, a := range t.Aliases {
			if _, dup := registry.byAlias[a]; !dup {
				registry.byAlias[a] = t
			}
		}
	}
}

// Lookup returns the registered type whose URI or alias is uri, or nil.
func Lookup(uri string) *Type {
	registry.RLock()
	defer registry.RUnlock()
	if t := registry.byURI[uri]; t != nil {
		return t
	}
	return registry.byAlias[uri]
}
