package catalog

// The model is what every renderer reads. It is filled from the YAML by
// Load, checked by Lint, and sorted once (errors by slug), so renderers
// never range over a map.

// Catalog is one loaded catalog file, or several merged (later files add
// service-local errors).
type Catalog struct {
	// BaseURI is the type URI prefix; an error's type is BaseURI + slug.
	BaseURI string `yaml:"base_uri"`
	// Name is a human name for the catalog ("AnkaSecure").
	Name string `yaml:"name"`
	// LayerName is the name of the last file added over the base catalog
	// that has one (a service's own catalog: "Payments"), "" when none
	// has; Name stays the base catalog's.
	LayerName string `yaml:"-"`
	// Service, in a service's catalog file, is the registered service the
	// file's errors belong to (services.go); Title is its human name. On
	// a loaded catalog they are those of the last service file, if any.
	Service string `yaml:"service"`
	Title   string `yaml:"title"`
	// Services are the services the platform catalog registers: each
	// owns the slugs that start with its name and "-".
	Services []*Service `yaml:"services"`
	// BreakerOpenWait is the circuit breaker's default open-state wait in
	// seconds: the upper bound of a breaker-driven Retry-After.
	BreakerOpenWait int `yaml:"breaker_open_wait"`
	// Upstreams are the logical roles a detail may name (admin-api, ...).
	Upstreams []Upstream `yaml:"upstreams"`
	// Common holds the headers and members every error carries.
	Common Common `yaml:"common"`
	// Errors, sorted by slug after Load.
	Errors []*Entry `yaml:"errors"`

	// Version is the catalog's semantic version ("1.2.0", no v), "" for an
	// unversioned catalog. Renderers show it (Go constant, info.version).
	Version string `yaml:"version"`
	// History is the release history, newest first; History[0] is Version.
	History []Release `yaml:"history"`
	// Removed are tombstones: errors taken out whose slugs keep resolving.
	Removed []Tombstone `yaml:"removed"`

	// Links are where a reader goes next (support, status page, ...);
	// catalog text names them as markdown reference links: [text][support].
	Links Links `yaml:"links"`
	// Formats describes the body formats older documentation showed, and
	// how each maps to the current one; nil when the catalog has none.
	Formats *Formats `yaml:"formats"`

	// meta holds the positions of the base file's top-level keys other
	// than errors (version, history, common, ...), by key; metaFile is
	// that file. strays are history keys set where they do not belong.
	meta     map[string]index
	metaFile string
	strays   Diagnostics
	// commonAt is where each of Common.Members is named, in its file.
	commonAt []Pos

	// layers are the files that added errors over the platform catalog.
	layers []layer

	// Files are the catalog files this was loaded from, in order.
	Files []string `yaml:"-"`
	// Digest is the SHA-256 (hex) of the catalog's source: of the file's
	// bytes for one file, else of the files' digests, one a line.
	Digest string `yaml:"-"`
}

// Upstream is a logical upstream role, never a host name.
type Upstream struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`

	// pos is where its name is, for messages.
	pos Pos
}

// Pos is where the upstream's name is in the catalog.
func (u Upstream) Pos() Pos { return u.pos }

// Common lists what every error response carries.
type Common struct {
	Headers []Header `yaml:"headers"`
	Members []Member `yaml:"members"`
}

// Entry is one catalog entry: one problem type.
type Entry struct {
	Slug    string   `yaml:"slug"`
	Title   string   `yaml:"title"`
	Status  Status   `yaml:"status"`
	Summary string   `yaml:"summary"` // one line, plain text
	When    string   `yaml:"when"`    // markdown
	Causes  []string `yaml:"causes"`  // markdown, one item each
	Resolve []string `yaml:"resolve"` // markdown, one step each
	Aliases []string `yaml:"aliases"` // old slugs that must keep resolving

	// Actor says who must act for the request to succeed; "" when the
	// entry does not say (a service-local catalog may leave it out).
	Actor Actor `yaml:"actor"`
	// Fault is one plain sentence, in the entry's own terms, on what went
	// wrong and whose side it is on; the page's "Who must act?" card.
	Fault string `yaml:"fault"`

	Retry   Retry      `yaml:"retry"`
	Headers []Header   `yaml:"headers"` // beyond Common.Headers and Retry-After
	Detail  Detail     `yaml:"detail"`
	Members []Member   `yaml:"members"` // extension members
	Example Example    `yaml:"example"`
	Related []Relation `yaml:"related"`

	// Since is the version that added the entry; Load fills in the oldest
	// release when the file leaves it out (and the catalog has a version).
	Since string `yaml:"since"`
	// Deprecated is set when the entry is on its way out.
	Deprecated *Deprecation `yaml:"deprecated"`

	// Path is the JSON pointer of this entry in its file ("/errors/3").
	Path string `yaml:"-"`
	// File is the catalog file the entry came from.
	File string `yaml:"-"`
	// BaseURI is the base_uri of the catalog the entry belongs to.
	BaseURI string `yaml:"-"`
	// Service is the service whose catalog file defines the entry, nil
	// for a platform error.
	Service *Service `yaml:"-"`

	// pos is where the entry's parts are in File, for messages.
	pos index
}

// URI is the error's type URI.
func (e *Entry) URI() string { return e.BaseURI + e.Slug }

// Status is an HTTP status code, or a class (4xx, 5xx) for a catch-all.
type Status struct {
	Code  int    // 400..599, 0 when Class is set
	Class string // "4xx" or "5xx", "" when Code is set
}

// Retryability says whether the same request may be sent again.
type Retryability string

const (
	// Retryable: the request was fine; send it again after a wait.
	Retryable Retryability = "yes"
	// AfterFix: retry only after correcting the request or credentials.
	AfterFix Retryability = "after-fix"
	// NotRetryable: nothing the client sends will help until something
	// outside the request changes (a licence, a tenant type, a new key).
	NotRetryable Retryability = "no"
)

// RetryAfterPolicy says whether a response may carry Retry-After.
type RetryAfterPolicy string

const (
	RetryAfterNone     RetryAfterPolicy = "none"
	RetryAfterAllowed  RetryAfterPolicy = "allowed"
	RetryAfterRequired RetryAfterPolicy = "required"
)

// Retry is an error's retry policy.
type Retry struct {
	Retryable  Retryability `yaml:"retryable"`
	RetryAfter RetryAfter   `yaml:"retry_after"`
	// Backoff is markdown on how to wait when no Retry-After is sent.
	Backoff string `yaml:"backoff"`
}

// RetryAfter is the Retry-After policy of one error.
type RetryAfter struct {
	Policy RetryAfterPolicy `yaml:"policy"`
	// Breaker: the value is the breaker's remaining open time, so Max is
	// the catalog's BreakerOpenWait unless given.
	Breaker bool `yaml:"breaker"`
	Min     int  `yaml:"min"` // seconds, default 1
	Max     int  `yaml:"max"` // seconds
	// When is markdown: when the header is sent and what its absence means.
	When string `yaml:"when"`
}

// Header is a response header an error sends.
type Header struct {
	Name        string `yaml:"name"`
	Required    bool   `yaml:"required"`
	Description string `yaml:"description"` // markdown
	Example     string `yaml:"example"`
}

// Detail is the template of the problem's detail member.
type Detail struct {
	// Template uses {name} placeholders, each a declared parameter.
	Template string  `yaml:"template"`
	Params   []Param `yaml:"params"`
}

// ParamType is the type of a detail parameter.
type ParamType string

const (
	ParamString   ParamType = "string"
	ParamInteger  ParamType = "integer"
	ParamUpstream ParamType = "upstream" // one of Catalog.Upstreams
)

// Param is one typed detail-template parameter.
type Param struct {
	Name        string    `yaml:"name"`
	Type        ParamType `yaml:"type"`
	Description string    `yaml:"description"`
}

// Member is a typed extension member of the problem body.
type Member struct {
	Name        string   `yaml:"name"`
	Type        string   `yaml:"type"`   // string, integer, number, boolean
	Format      string   `yaml:"format"` // optional JSON Schema format (uuid, date-time, uri-reference)
	Enum        []string `yaml:"enum"`   // allowed values (string members)
	Required    bool     `yaml:"required"`
	Description string   `yaml:"description"` // markdown
}

// Example is a complete example response.
type Example struct {
	Headers []ExampleHeader `yaml:"headers"`
	// Body is the example problem; its member order is kept from the file.
	Body OrderedObject `yaml:"body"`
}

// ExampleHeader is one header line of an example response.
type ExampleHeader struct {
	Name  string `yaml:"name"`
	Value string `yaml:"value"`
}

// RelationKind says how a related error relates to this one.
type RelationKind string

const (
	// Sibling: errors easily confused with each other; declared both ways.
	Sibling RelationKind = "sibling"
	// Broader: the related error is the more general one this one refines.
	Broader RelationKind = "broader"
	// Narrower: the related error is a more specific form of this one.
	Narrower RelationKind = "narrower"
	// SeeAlso: worth reading, no stronger claim.
	SeeAlso RelationKind = "see-also"
)

// Relation links an error to another, with a note on how they differ.
type Relation struct {
	Slug string       `yaml:"slug"`
	Kind RelationKind `yaml:"kind"`
	Note string       `yaml:"note"` // markdown
}

// Release is one entry of the catalog's release history.
type Release struct {
	Version string `yaml:"version"`
	Date    string `yaml:"date"`  // YYYY-MM-DD
	Notes   string `yaml:"notes"` // one plain-text line
	// Changes are the slugs the release changed beyond adding them (since),
	// deprecating them (deprecated.version) or removing them (removed_in),
	// which say so themselves. The site's "last changed" reads them.
	Changes []string `yaml:"changes"`

	pos index // its fields' positions
}

// Deprecation says since when an error is deprecated, why, and what to
// use instead.
type Deprecation struct {
	Version    string `yaml:"version"`
	Why        string `yaml:"why"` // markdown
	ReplacedBy string `yaml:"replaced_by"`
}

// Tombstone is an error removed from the catalog: its slug keeps
// resolving, to a page that says when it went and what to use instead.
type Tombstone struct {
	Slug       string `yaml:"slug"`
	Title      string `yaml:"title"`
	RemovedIn  string `yaml:"removed_in"`
	Why        string `yaml:"why"` // markdown
	ReplacedBy string `yaml:"replaced_by"`

	// File is the catalog file the tombstone came from.
	File string `yaml:"-"`
	pos  index
}

// Actor is who must act before the request can succeed.
type Actor string

const (
	ActorRequest     Actor = "request"     // the request's content must change
	ActorCredentials Actor = "credentials" // the credentials must change
	ActorAccount     Actor = "account"     // the account, plan, tenant or key administration
	ActorEnvironment Actor = "environment" // the client's network, proxy or clock
	ActorPlatform    Actor = "platform"    // the platform itself failed or lacks something
	ActorDependency  Actor = "dependency"  // an upstream service or data source failed
)

// Links are the catalog's outside destinations, by name; each is an
// absolute URL or "". Catalog text links them as [text][name].
type Links struct {
	Feedback     string `yaml:"feedback"`
	Support      string `yaml:"support"`
	Status       string `yaml:"status"`
	APIReference string `yaml:"api_reference"`
	Console      string `yaml:"console"`
}

// Named lists the links that are set, in a fixed order, by the name
// catalog text uses for them.
func (l Links) Named() []NamedLink {
	var out []NamedLink
	for _, n := range []NamedLink{{"api_reference", l.APIReference}, {"console", l.Console},
		{"feedback", l.Feedback}, {"status", l.Status}, {"support", l.Support}} {
		if n.URL != "" {
			out = append(out, n)
		}
	}
	return out
}

// NamedLink is one link of Links with its name.
type NamedLink struct{ Name, URL string }

// Formats is the page on the body formats of older documentation.
type Formats struct {
	Intro  string  `yaml:"intro"` // markdown
	Shapes []Shape `yaml:"shapes"`
}

// Shape is one older body format and how its fields map to the current one.
type Shape struct {
	ID          string         `yaml:"id"`   // anchor on the formats page
	Name        string         `yaml:"name"` // plain text
	Description string         `yaml:"description"`
	UsedBy      []string       `yaml:"used_by"` // slugs whose older docs showed it
	Example     string         `yaml:"example"` // a JSON body
	Fields      []FieldMapping `yaml:"fields"`
}

// FieldMapping maps a field of an older shape to where its information
// is now.
type FieldMapping struct {
	Old  string `yaml:"old"`  // the old field, as a JSON path (error.code)
	New  string `yaml:"new"`  // where it is now (type, the X-Request-Id header, ...)
	Note string `yaml:"note"` // markdown
}
