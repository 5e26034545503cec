package main

import "gopkg.in/yaml.v3"

// The YAML shapes written. They mirror internal/catalog's model but omit
// empty fields, so the output reads like a hand-written catalog.

type catalogDoc struct {
	Name            string        `yaml:"name,omitempty"`
	BaseURI         string        `yaml:"base_uri"`
	BreakerOpenWait int           `yaml:"breaker_open_wait,omitempty"`
	Upstreams       []upstreamDoc `yaml:"upstreams,omitempty"`
	Common          *commonDoc    `yaml:"common,omitempty"`
	Errors          []*entryDoc   `yaml:"errors"`
}

type upstreamDoc struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

type commonDoc struct {
	Headers []headerDoc `yaml:"headers,omitempty"`
	Members []memberDoc `yaml:"members,omitempty"`
}

type headerDoc struct {
	Name        string `yaml:"name"`
	Required    bool   `yaml:"required,omitempty"`
	Example     string `yaml:"example,omitempty"`
	Description string `yaml:"description"`
}

type memberDoc struct {
	Name        string   `yaml:"name"`
	Type        string   `yaml:"type"`
	Format      string   `yaml:"format,omitempty"`
	Enum        []string `yaml:"enum,omitempty"`
	Required    bool     `yaml:"required"`
	Description string   `yaml:"description"`
}

type entryDoc struct {
	Slug    string        `yaml:"slug"`
	Title   string        `yaml:"title"`
	Status  any           `yaml:"status"` // int, or "4xx"/"5xx"
	Summary string        `yaml:"summary"`
	When    string        `yaml:"when"`
	Causes  []string      `yaml:"causes"`
	Resolve []string      `yaml:"resolve"`
	Aliases []string      `yaml:"aliases,omitempty"`
	Retry   retryDoc      `yaml:"retry"`
	Headers []headerDoc   `yaml:"headers,omitempty"`
	Detail  detailDoc     `yaml:"detail"`
	Members []memberDoc   `yaml:"members,omitempty"`
	Example exampleDoc    `yaml:"example"`
	Related []relationDoc `yaml:"related,omitempty"`

	body []field // the example body again, for the Hugo page
}

// field is one member of an example body.
type field struct {
	key   string
	value any
}

type retryDoc struct {
	Retryable  string         `yaml:"retryable"`
	Backoff    string         `yaml:"backoff,omitempty"`
	RetryAfter *retryAfterDoc `yaml:"retry_after,omitempty"`
}

type retryAfterDoc struct {
	Policy  string `yaml:"policy"`
	Breaker bool   `yaml:"breaker,omitempty"`
	Min     int    `yaml:"min,omitempty"`
	Max     int    `yaml:"max,omitempty"`
	When    string `yaml:"when,omitempty"`
}

type detailDoc struct {
	Template string     `yaml:"template"`
	Params   []paramDoc `yaml:"params,omitempty"`
}

type paramDoc struct {
	Name        string `yaml:"name"`
	Type        string `yaml:"type"`
	Description string `yaml:"description"`
}

type exampleDoc struct {
	Headers []exampleHeaderDoc `yaml:"headers,omitempty"`
	Body    *yaml.Node         `yaml:"body"` // a mapping, to keep member order
}

type exampleHeaderDoc struct {
	Name  string `yaml:"name"`
	Value string `yaml:"value"`
}

type relationDoc struct {
	Slug string `yaml:"slug"`
	Kind string `yaml:"kind"`
	Note string `yaml:"note"`
}
