package problem

import "time"

// Hand-written descriptors standing in for generated ones; the schema is
// shaped like errgen's: the base by $ref, const type/title/status, typed
// extension members.
const upstreamURI = "https://docs.ankatech.co/errors/upstream-unavailable"

var upstreamUnavailable = &Type{
	URI:           upstreamURI,
	Slug:          "upstream-unavailable",
	Title:         "Upstream Service Unavailable",
	Status:        502,
	Summary:       "An internal service the called service depends on failed.",
	Retryable:     Retryable,
	RetryAfter:    RetryAfterAllowed,
	RetryAfterMin: time.Second,
	RetryAfterMax: 30 * time.Second,
	Members: []Member{
		{Name: "upstream", Type: "string", Enum: []string{"admin-api", "core-api"}},
		{Name: "errorCode", Type: "string", Enum: []string{"UPSTREAM_DOWN", "UPSTREAM_5XX"}},
		{Name: "attempts", Type: "integer"},
	},
	Aliases: []string{"https://docs.ankatech.co/errors/bad-gateway"},
	Schema: `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://docs.ankatech.co/errors/upstream-unavailable/schema.json",
  "$ref": "https://docs.ankatech.co/errors/problem.schema.json",
  "required": ["type", "title", "status"],
  "properties": {
    "type": {"enum": ["https://docs.ankatech.co/errors/upstream-unavailable", "https://docs.ankatech.co/errors/bad-gateway"]},
    "title": {"const": "Upstream Service Unavailable"},
    "status": {"const": 502},
    "upstream": {"type": "string", "enum": ["admin-api", "core-api"]},
    "errorCode": {"type": "string", "enum": ["UPSTREAM_DOWN", "UPSTREAM_5XX"]},
    "attempts": {"type": "integer", "minimum": 1}
  }
}`,
}

var unauthorized = &Type{
	URI:     "https://docs.ankatech.co/errors/unauthorized",
	Slug:    "unauthorized",
	Title:   "Unauthorized",
	Status:  401,
	Headers: []string{"WWW-Authenticate"},
	Schema: `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$ref": "https://docs.ankatech.co/errors/problem.schema.json",
  "required": ["type", "title", "status"],
  "properties": {
    "type": {"const": "https://docs.ankatech.co/errors/unauthorized"},
    "status": {"const": 401}
  }
}`,
}

var rateLimited = &Type{
	URI:           "https://docs.ankatech.co/errors/rate-limited",
	Slug:          "rate-limited",
	Title:         "Too Many Requests",
	Status:        429,
	RetryAfter:    RetryAfterRequired,
	RetryAfterMin: time.Second,
	RetryAfterMax: 60 * time.Second,
}

var clientError = &Type{
	URI:   "https://docs.ankatech.co/errors/client-error",
	Slug:  "client-error",
	Title: "Client Error",
	Class: 4,
}

var serverError = &Type{
	URI:   "https://docs.ankatech.co/errors/server-error",
	Slug:  "server-error",
	Title: "Server Error",
	Class: 5,
}

func init() { Register(upstreamUnavailable, unauthorized, rateLimited, clientError, serverError) }
