package sitegen

import (
	"fmt"
	"net/http"

	"github.com/ankatech/errgen/internal/catalog"
)

// The phrases below answer a reader's first questions ("is it my fault?",
// "may I retry?") in words, derived from the status class and the retry
// policy so every page says them the same way.

// retryWord is the retryability in words, the phrase the issue fixes.
func retryWord(r catalog.Retryability) string {
	switch r {
	case catalog.Retryable:
		return "Retryable"
	case catalog.AfterFix:
		return "Retry after fixing the request"
	default:
		return "Not retryable without an outside change"
	}
}

// retryKey is a short token for CSS and the index filter.
func retryKey(r catalog.Retryability) string {
	switch r {
	case catalog.Retryable:
		return "yes"
	case catalog.AfterFix:
		return "fix"
	default:
		return "no"
	}
}

// fault answers "is it my fault?" in one sentence.
func fault(e *catalog.Error) string {
	server := e.Status.ClassDigit() == 5
	switch r := e.Retry.Retryable; {
	case server && r == catalog.Retryable:
		return "No. Your request was valid; the platform failed to complete it."
	case server && r == catalog.AfterFix:
		return "Partly. The server failed, but the request must change before it can succeed."
	case server:
		return "No, but sending it again will not help until something outside the request changes."
	case r == catalog.Retryable:
		return "Not the request's content: it was refused for now. Wait, then send it again."
	case r == catalog.AfterFix:
		return "Yes. Something in the request, its credentials or its target must change."
	default:
		return "Not the request's form: something outside it (account, licence, key state) must change first."
	}
}

// reason is the status with its reason phrase: "502 Bad Gateway",
// or "5xx (any server error)" for a catch-all.
func reason(s catalog.Status) string {
	if s.Class != "" {
		if s.ClassDigit() == 4 {
			return s.Class + " (any client error)"
		}
		return s.Class + " (any server error)"
	}
	if t := http.StatusText(s.Code); t != "" {
		return fmt.Sprintf("%d %s", s.Code, t)
	}
	return s.String()
}

// statusSortKey orders a class catch-all after the codes of its class.
func statusSortKey(s catalog.Status) int {
	if s.Class != "" {
		return s.ClassDigit()*100 + 99
	}
	return s.Code
}

// retryAfterShort summarises the Retry-After policy for tables.
func retryAfterShort(e *catalog.Error) string {
	ra := e.Retry.RetryAfter
	if ra.Policy == catalog.RetryAfterNone || ra.Policy == "" {
		return "Never sent"
	}
	rng := secondsRange(ra)
	switch {
	case ra.Policy == catalog.RetryAfterRequired:
		return "Always, " + rng
	case ra.Breaker:
		return "While the breaker is open, " + rng
	default:
		return "Sometimes, " + rng
	}
}

// secondsRange is "1–30 s", or "at least 1 s" with no upper bound.
func secondsRange(ra catalog.RetryAfter) string {
	if ra.Max == 0 {
		return fmt.Sprintf("at least %d s", ra.Min)
	}
	return fmt.Sprintf("%d–%d s", ra.Min, ra.Max)
}
