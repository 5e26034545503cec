package main

// The vocabulary entries are built from: a subject (what the request is
// about), an optional qualifier, and a condition (what went wrong, which
// decides the status and the retry policy).

type subject struct {
	slug  string // slug fragment, e.g. "key-version"
	name  string // in prose, e.g. "key version"
	path  string // API path segment, e.g. "key-versions"
	field string // a request field that names one, e.g. "keyVersionId"
	id    string // prefix of example identifiers
}

var subjects = []subject{
	{"key", "key", "keys", "keyId", "key"},
	{"key-version", "key version", "key-versions", "keyVersionId", "kv"},
	{"certificate", "certificate", "certificates", "certificateId", "crt"},
	{"tenant", "tenant", "tenants", "tenantId", "tn"},
	{"policy", "policy", "policies", "policyId", "pol"},
	{"token", "token", "tokens", "tokenId", "tok"},
	{"signature", "signature", "signatures", "signatureId", "sig"},
	{"envelope", "envelope", "envelopes", "envelopeId", "env"},
	{"audit-record", "audit record", "audit-records", "auditRecordId", "aud"},
	{"licence", "licence", "licences", "licenceId", "lic"},
	{"session", "session", "sessions", "sessionId", "ses"},
	{"rotation-job", "rotation job", "rotation-jobs", "rotationJobId", "rot"},
	{"export-job", "export job", "export-jobs", "exportJobId", "exp"},
	{"import-job", "import job", "import-jobs", "importJobId", "imp"},
	{"backup", "backup", "backups", "backupId", "bak"},
	{"secret", "secret", "secrets", "secretId", "sec"},
	{"keystore", "keystore", "keystores", "keystoreId", "ks"},
	{"hsm-slot", "HSM slot", "hsm-slots", "hsmSlotId", "slot"},
	{"webhook", "webhook", "webhooks", "webhookId", "wh"},
	{"schedule", "schedule", "schedules", "scheduleId", "sch"},
	{"api-client", "API client", "api-clients", "clientId", "cli"},
	{"role", "role", "roles", "roleId", "role"},
	{"user", "user", "users", "userId", "usr"},
	{"group", "group", "groups", "groupId", "grp"},
	{"csr", "certificate signing request", "csrs", "csrId", "csr"},
	{"crl", "revocation list", "crls", "crlId", "crl"},
	{"jwk-set", "JWK set", "jwk-sets", "jwkSetId", "jwks"},
	{"kek", "key-encryption key", "keks", "kekId", "kek"},
	{"dek", "data-encryption key", "deks", "dekId", "dek"},
	{"wrapping-key", "wrapping key", "wrapping-keys", "wrappingKeyId", "wk"},
	{"attestation", "attestation", "attestations", "attestationId", "att"},
	{"report", "report", "reports", "reportId", "rep"},
	{"plan", "plan", "plans", "planId", "plan"},
	{"usage-record", "usage record", "usage-records", "usageRecordId", "use"},
	{"namespace", "namespace", "namespaces", "namespaceName", "ns"},
	{"tag", "tag", "tags", "tagName", "tag"},
	{"batch", "batch", "batches", "batchId", "bat"},
	{"template", "template", "templates", "templateId", "tpl"},
	{"approval", "approval", "approvals", "approvalId", "apr"},
	{"quorum", "quorum", "quorums", "quorumId", "quo"},
	{"partition", "partition", "partitions", "partitionId", "part"},
}

var qualifiers = []string{
	"archived", "imported", "external", "primary", "replica", "pending", "default",
	"shared", "managed", "legacy", "staged", "draft", "hybrid", "pqc", "regional",
	"scheduled", "temporary", "derived", "cached", "remote", "signed", "wrapped",
	"composite", "detached", "bulk",
}

// condition is what went wrong; it fixes the status and the retry policy.
type condition struct {
	slug      string
	title     string // title-case words
	status    any    // int or class
	phrase    string // "… {phrase}", completing a sentence about the subject
	retryable string // yes, after-fix, no
	ra        *retryAfterDoc
	header    *headerDoc // an extra header the error always sends
}

var wwwAuthenticate = &headerDoc{
	Name: "WWW-Authenticate", Required: true, Example: `Bearer realm="ankasecure", error="invalid_token"`,
	Description: "The authentication scheme the endpoint expects, as [RFC 6750](https://www.rfc-editor.org/rfc/rfc6750#section-3) describes.",
}

var rateLimitPolicy = &headerDoc{
	Name: "RateLimit-Policy", Example: `100;w=60`,
	Description: "The quota that applies: requests (`100`) per window in seconds (`w=60`).",
}

func ra(policy string, breaker bool, minv, maxv int) *retryAfterDoc {
	return &retryAfterDoc{Policy: policy, Breaker: breaker, Min: minv, Max: maxv}
}

var conditions = []condition{
	{"not-found", "Not Found", 404, "does not exist or is not visible to the caller", "after-fix", nil, nil},
	{"already-exists", "Already Exists", 409, "already exists under the same identifier", "after-fix", nil, nil},
	{"conflict", "Conflict", 409, "was changed by another request in the meantime", "after-fix", nil, nil},
	{"expired", "Expired", 400, "has passed the end of its validity period", "after-fix", nil, nil},
	{"locked", "Locked", 423, "is locked by a running operation", "yes", ra("allowed", false, 1, 600), nil},
	{"quota-exceeded", "Quota Exceeded", 429, "has used up the tenant's quota for the current window", "yes", ra("required", false, 1, 3600), rateLimitPolicy},
	{"rate-limited", "Rate Limited", 429, "received more requests than the rate limit allows", "yes", ra("required", false, 1, 60), rateLimitPolicy},
	{"too-large", "Too Large", 413, "exceeds the size limit of the endpoint", "after-fix", nil, nil},
	{"invalid", "Invalid", 400, "breaks one of the endpoint's declared constraints", "after-fix", nil, nil},
	{"malformed", "Malformed", 400, "could not be decoded", "after-fix", nil, nil},
	{"unsupported", "Unsupported", 415, "uses a format the endpoint does not implement", "after-fix", nil, nil},
	{"not-permitted", "Not Permitted", 403, "may not be used for this operation under the tenant's policy", "no", nil, nil},
	{"revoked", "Revoked", 403, "was revoked and can no longer be used", "no", nil, nil},
	{"disabled", "Disabled", 403, "is disabled by an administrator", "no", nil, nil},
	{"suspended", "Suspended", 403, "is suspended until its owner settles an open issue", "no", nil, nil},
	{"unauthenticated", "Unauthenticated", 401, "was requested without credentials the platform could verify", "after-fix", nil, wwwAuthenticate},
	{"precondition-failed", "Precondition Failed", 412, "no longer matches the version given in `If-Match`", "after-fix", nil, nil},
	{"gone", "Gone", 410, "was deleted and its identifier will not be reused", "no", nil, nil},
	{"unprocessable", "Unprocessable", 422, "is well-formed but its content cannot be processed", "after-fix", nil, nil},
	{"limit-reached", "Limit Reached", 422, "has reached the maximum count the plan allows", "no", nil, nil},
	{"unavailable", "Unavailable", 503, "cannot be served right now", "yes", ra("allowed", false, 1, 3600), nil},
	{"timeout", "Timeout", 504, "was not answered by an internal service before the deadline", "yes", ra("allowed", true, 1, 30), nil},
	{"upstream-failure", "Upstream Failure", 502, "needed an internal service that failed", "yes", ra("allowed", true, 1, 30), nil},
	{"integrity-failure", "Integrity Failure", 422, "failed its integrity check", "no", nil, nil},
	{"mismatch", "Mismatch", 422, "does not match the algorithm or parameters of the request", "after-fix", nil, nil},
	{"out-of-range", "Out of Range", 400, "lies outside the range the endpoint accepts", "after-fix", nil, nil},
	{"not-ready", "Not Ready", 409, "is still being provisioned", "yes", ra("allowed", false, 1, 300), nil},
	{"in-use", "In Use", 409, "is still referenced by other resources", "after-fix", nil, nil},
	{"stale", "Stale", 412, "was read from a cache that has since been invalidated", "after-fix", nil, nil},
	{"busy", "Busy", 503, "is busy with other work and declined the request", "yes", ra("required", false, 1, 120), nil},
	{"internal-failure", "Internal Failure", 500, "hit an unexpected failure inside the platform", "yes", nil, nil},
	{"misconfigured", "Misconfigured", 500, "is configured in a way the platform cannot act on", "no", nil, nil},
	{"storage-failure", "Storage Failure", 507, "could not be stored because the storage back end is full", "yes", ra("allowed", false, 1, 600), nil},
	{"rejected", "Rejected", "4xx", "was rejected for a reason no more specific error covers", "after-fix", nil, nil},
	{"failed", "Failed", "5xx", "failed for a reason no more specific error covers", "yes", nil, nil},
}

// initialisms are written in capitals in titles.
var initialisms = map[string]string{
	"api": "API", "hsm": "HSM", "csr": "CSR", "crl": "CRL", "jwk": "JWK", "kek": "KEK",
	"dek": "DEK", "pqc": "PQC", "of": "of",
}

// member is a candidate extension member; enum values are per entry.
type memberKind struct {
	name, typ, format string
	enum              bool
	description       string
}

var memberPool = []memberKind{
	{"errorCode", "string", "", true, "A stable machine-readable code for the cause; switch on it, not on `detail`."},
	{"reason", "string", "", true, "Why the request was refused, one of the listed values."},
	{"quotaLimit", "integer", "", false, "The limit that applies, in requests per window."},
	{"quotaRemaining", "integer", "", false, "What is left of the limit in the current window (often `0`)."},
	{"resourceVersion", "integer", "", false, "The current version of the resource, for the next `If-Match`."},
	{"ownerTenant", "string", "uuid", false, "The tenant that owns the resource, as a UUID."},
	{"occurredAt", "string", "date-time", false, "When the platform detected the condition (RFC 3339, UTC)."},
	{"helpUrl", "string", "uri", false, "A page with more help on this case."},
	{"fipsMode", "boolean", "", false, "Whether the tenant runs in FIPS mode, which narrows the accepted algorithms."},
	{"usageRatio", "number", "", false, "The share of the quota used, from `0` to `1`."},
	{"conflictingField", "string", "", false, "The request field whose value caused the conflict."},
}

var enumWords = [][]string{
	{"MISSING", "EXPIRED", "REVOKED", "MALFORMED", "UNSUPPORTED", "DISABLED"},
	{"POLICY", "ALGORITHM", "FORMAT", "OWNER", "STATE", "VERSION", "LENGTH", "SCOPE"},
}

// Prose fragments for the markdown fields. In causes and resolve steps,
// $field, $name, $phrase and $path are filled from the entry.
var whenOpeners = []string{
	"The request named a %s that %s.",
	"Your request reached a %s that %s.",
	"The platform looked up the %s your request names and found that it %s.",
	"While handling the request, the service found that the %s %s.",
}

var links = []string{
	"[RFC 9457](https://www.rfc-editor.org/rfc/rfc9457)",
	"[the key management guide](https://docs.ankatech.co/guides/key-management)",
	"[the API reference](https://docs.ankatech.co/api/v3/)",
	"[the tenant administration guide](https://docs.ankatech.co/guides/tenants)",
	"[the retry guidance](https://docs.ankatech.co/guides/retries)",
}

var causeTemplates = []string{
	"The `$field` in the request points to a $name that $phrase.",
	"A client cached the `$field` of a $name that has since changed state.",
	"An automation script reused an old `$field` after the $name was replaced.",
	"The $name was changed through the Admin API while this request was in flight.",
	"A `PATCH` on the $name left it in a state this operation does not accept.",
	"The tenant's policy was tightened, so a $name that was valid yesterday is not today.",
	"Two clients raced on the same $name; the first one won, so this one found it changed.",
	"The request was replayed from a log after the `$field` stopped being valid.",
	"A proxy rewrote the request path, so a different $name was addressed than intended.",
}

var resolveTemplates = []string{
	"Read `detail`; it names the $name and what is wrong with it.",
	"Fetch the $name with `GET /api/v3/$path/{$field}` and check its `state`.",
	"Correct the `$field` in the request and send it again.",
	"If several clients act on the same $name, serialize them or use `If-Match` with the current version.",
	"Ask a tenant administrator to review the policy that applies to the $name.",
	"Quote the `X-Request-Id` response header when you contact support.",
	"List the $path with `GET /api/v3/$path?state=active` to find a usable one.",
	"Log the full problem body, not only `status`, so the cause is kept.",
}
