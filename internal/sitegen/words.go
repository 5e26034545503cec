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

// actorLabel names who must act, the lead of the "Who must act?" card.
func actorLabel(a catalog.Actor) string {
	switch a {
	case catalog.ActorRequest:
		return "Your request."
	case catalog.ActorCredentials:
		return "Your credentials."
	case catalog.ActorAccount:
		return "Your account, plan or keys."
	case catalog.ActorEnvironment:
		return "Your client's environment."
	case catalog.ActorPlatform:
		return "The platform."
	case catalog.ActorDependency:
		return "A service the platform depends on."
	}
	return ""
}

// fault is the rest of the "Who must act?" card: the entry's own sentence,
// else one that says no more than its actor does. Catalogs that give
// neither (service-local ones may not) get the status class's answer,
// which never tells the reader to resend.
func fault(e *catalog.Entry) string {
	if e.Fault != "" {
		return e.Fault
	}
	switch e.Actor {
	case catalog.ActorRequest:
		return "Something in the request must change; sent again unchanged, it fails the same way."
	case catalog.ActorCredentials:
		return "The credentials must change before the request can succeed."
	case catalog.ActorAccount:
		return "Something in the account, its plan or its keys must change first."
	case catalog.ActorEnvironment:
		return "Something between your client and the platform (network, proxy, clock) got in the way."
	case catalog.ActorPlatform:
		return "The platform failed; nothing in the request was found at fault."
	case catalog.ActorDependency:
		return "A service or data store the platform depends on failed; the request was not at fault."
	}
	if e.Status.ClassDigit() == 5 {
		return "The server reported the failure; see the steps below for whether the request must change."
	}
	return "The client side must change something; the steps below say what."
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
func retryAfterShort(e *catalog.Entry) string {
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
