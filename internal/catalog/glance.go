package catalog

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/ankatech/errgen/internal/par"
)

// The checks in this file keep what a reader sees first consistent with
// the rest of the entry: the "Who must act?" card (actor, fault), the
// retry card (retryable, backoff) and the steps. They also check the
// catalog-level reader data: the links text may name, and the formats page.

// mergeReaderData takes the links and the formats page from the base
// file; a file that only adds errors may not set them.
func (c *Catalog) mergeReaderData(f *file, base bool) {
	if !base {
		for _, k := range []string{"links", "formats"} {
			if x, ok := f.meta[k]; ok {
				n, _ := x.find("")
				c.strays = append(c.strays, Diagnostic{Pos: Pos{File: f.src, Line: int(n.keyLine), Col: int(n.keyCol)},
					Msg: k + " belongs to the base catalog (the file with base_uri); a file that adds errors has none of its own"})
			}
		}
		return
	}
	if f.Links != (Links{}) {
		c.Links = f.Links
	}
	if f.Formats != nil {
		c.Formats = f.Formats
	}
}

// FormatsSlug is the folder of the formats page under the base URI; no
// error or alias may take it.
const FormatsSlug = "formats"

var (
	// forbidResend matches a step that forbids sending the same request
	// again: "Do not resend the original body unchanged", "do not retry
	// the same grant", "never repeat the request as is".
	forbidResend = regexp.MustCompile(`(?i)\b(do not|don't|never|must not)\s+(resend|re-send|retry|repeat|send)\b[^.;]*\b(unchanged|same|original|as[- ]is)\b`)
	// sayResend matches card text telling the reader to send the request
	// again as it was.
	sayResend = regexp.MustCompile(`(?i)\b(send (it|the request|the same request) again|resend|re-send|retry (it |the request )?(unchanged|as[- ]is)|repeat the (same )?request)\b`)
	// stepResendUnchanged matches a step that tells the reader to resend
	// the request as it was.
	stepResendUnchanged = regexp.MustCompile(`(?i)\b(retry|resend|send|repeat)\b[^.;]*\b(unchanged|as[- ]is)\b`)
	// requestFine matches a fault sentence that clears the request.
	requestFine = regexp.MustCompile(`(?i)\b(request (was|is) (valid|fine|correct)|request itself is (fine|correct|valid)|not (at )?fault)\b`)
	// rebuilds matches a backoff that says what to redo before a retry.
	rebuilds = regexp.MustCompile(`(?i)\b(re-?read|read\b[^.;]*\bagain|re-?apply|rebuild|re-?fetch)`)
	// refLink is a markdown reference link, [text][name].
	refLink = regexp.MustCompile(`\]\[([^\]]*)\]`)
	// bracketed is a link's text, left once refLink's labels are gone.
	bracketed = regexp.MustCompile(`\[[^\]]*\]`)
)

// namedPlace is a phrase that names one of the catalog's links; where the
// catalog has that link, text that names it must link it. word is a
// lower-case word every match holds: an ASCII text without it is not
// searched (a case-insensitive regexp scans every text slowly, and few
// hold one; outside ASCII, case folding is the regexp's to judge: ſ is s).
var namedPlaces = []struct{ link, phrase, word string }{
	{"support", `(?i)\bcontact(ing)?\s+support\b`, "support"},
	{"status", `(?i)\bstatus\s+page\b`, "page"},
	{"api_reference", `(?i)\bAPI\s+reference\b`, "reference"},
	{"console", `(?i)\badmin(istration)?\s+console\b`, "console"},
}

var namedPlaceRE = func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for _, p := range namedPlaces {
		m[p.link] = regexp.MustCompile(p.phrase)
	}
	return m
}()

// glance runs the checks of this file over the whole catalog. With a
// partial catalog (its top level did not load) the catalog's links are
// unknown, so link names are not checked: every name would look unknown.
func (l *linter) glance(partial bool) {
	links := map[string]bool{}
	for _, n := range l.c.Links.Named() {
		links[n.Name] = true
	}
	// Entry by entry on every core, as Lint does, each worker with its
	// own messages.
	part := make([]*linter, par.Workers(len(l.c.Errors)))
	par.Do(len(l.c.Errors), func(w, i int) bool {
		if part[w] == nil {
			part[w] = &linter{c: l.c, errs: &errs{}, bySlug: l.bySlug}
		}
		part[w].cards(l.c.Errors[i])
		if !partial {
			part[w].linkRefs(l.c.Errors[i], links)
		}
		return true
	})
	for _, p := range part {
		if p != nil {
			l.errs.merge(p.errs)
		}
	}
	for _, e := range l.c.Errors {
		for i, a := range e.Aliases {
			if a == FormatsSlug {
				l.errs.at(l.c.at(e, fmt.Sprintf("/aliases/%d", i)), "alias %q is reserved for the formats page (errors/%s/)", a, FormatsSlug)
			}
		}
		if e.Slug == FormatsSlug {
			l.errs.at(l.c.at(e, "/slug"), "slug %q is reserved for the formats page (errors/%s/)", e.Slug, FormatsSlug)
		}
	}
	l.formats()
}

// cards checks the actor and the fault sentence against the retry policy
// and the steps.
func (l *linter) cards(e *Entry) {
	r := e.Retry.Retryable
	ap := l.c.at(e, "/actor")
	switch a := e.Actor; {
	case a == "":
	case a == ActorRequest && r == NotRetryable:
		l.errs.at(ap, "actor request with retryable: no: if the request must change, the client can fix it (use after-fix), or name who else must act")
	case a == ActorRequest && r == Retryable && !rebuilds.MatchString(e.Retry.Backoff):
		l.errs.at(ap, "actor request with retryable: yes is suspicious: the same request fails the same way; use after-fix, or say in retry.backoff what to redo before resending (re-read, re-apply)")
	case a == ActorCredentials && r == Retryable:
		l.errs.at(ap, "actor credentials with retryable: yes: the same credentials are refused the same way; use after-fix")
	case (a == ActorPlatform || a == ActorDependency) && r == AfterFix:
		l.errs.at(ap, "actor %s with retryable: after-fix: a fix of the request cannot repair the %s", a, a)
	case (a == ActorPlatform || a == ActorDependency) && e.Status.ClassDigit() == 4:
		l.errs.at(ap, "actor %s on a 4xx error: a client error says the client must act", a)
	case (a == ActorRequest || a == ActorCredentials) && e.Status.ClassDigit() == 5:
		l.errs.at(ap, "actor %s on a 5xx error: a server error says the request was not at fault", a)
	}
	if f := e.Fault; f != "" {
		fp := l.c.at(e, "/fault")
		switch {
		case !strings.HasSuffix(f, "."):
			l.errs.at(fp, "fault is one sentence ending with a full stop")
		case strings.Count(strings.TrimSuffix(f, "."), ". ") > 0:
			l.errs.at(fp, "fault is one sentence; move the rest to when or the steps")
		}
		if e.Actor == "" {
			l.errs.at(fp, "fault without actor: say who must act too")
		}
		if (e.Actor == ActorRequest || e.Actor == ActorCredentials) && requestFine.MatchString(f) {
			l.errs.at(fp, "fault clears the request (%q), but actor %s says it must change", requestFine.FindString(f), e.Actor)
		}
	}
	// What the cards say about sending the request again.
	cardResends := saysResend(e.Fault) || saysResend(e.Retry.Backoff)
	for i, step := range e.Resolve {
		// Both patterns need one of these words; most steps have neither,
		// and a substring test is far cheaper than the regular expressions.
		if !strings.Contains(step, "unchanged") && !strings.Contains(step, "same") && !strings.Contains(step, "original") &&
			!strings.Contains(step, "as is") && !strings.Contains(step, "as-is") {
			continue
		}
		forbids := forbidResend.MatchString(step)
		sp := func() Pos { return l.c.at(e, fmt.Sprintf("/resolve/%d", i)) }
		switch {
		case forbids && cardResends:
			l.errs.at(sp(), "this step forbids resending the request unchanged, but the at-a-glance cards (fault, retry.backoff) tell the reader to send it again")
		case forbids && r == Retryable && !rebuilds.MatchString(e.Retry.Backoff):
			l.errs.at(sp(), "this step forbids resending the request unchanged, but retryable: yes says the same request may succeed; say in retry.backoff what to redo first, or use after-fix")
		case !forbids && r != Retryable && stepResendUnchanged.MatchString(step):
			l.errs.at(sp(), "this step says to resend the request unchanged, but retryable is %s", r)
		}
	}
}

// saysResend reports whether card text tells the reader to send the
// request again; the substring tests spare most texts the expression.
func saysResend(s string) bool {
	for _, w := range []string{"again", "send", "unchanged", "as is", "as-is", "repeat"} {
		if strings.Contains(s, w) {
			return sayResend.MatchString(s)
		}
	}
	return false
}

// linkRefs checks that every [text][name] names a link of the catalog,
// and that text naming a place the catalog links (support, the status
// page, ...) links it.
func (l *linter) linkRefs(e *Entry, links map[string]bool) {
	eachText(e, func(path func() string, text string) {
		bare := text
		if strings.Contains(text, "][") {
			for _, m := range refLink.FindAllStringSubmatch(text, -1) {
				if !links[m[1]] {
					l.errs.at(l.c.at(e, path()), "link [%s] is not one of the catalog's links (%s)", m[1], linkNames(l.c.Links))
				}
			}
			bare = bracketed.ReplaceAllString(refLink.ReplaceAllString(text, "]"), "")
		}
		lower, ascii := strings.ToLower(bare), isASCII(bare)
		for _, p := range namedPlaces {
			if !links[p.link] || ascii && !strings.Contains(lower, p.word) {
				continue
			}
			if found := namedPlaceRE[p.link].FindString(bare); found != "" {
				found = strings.Join(strings.Fields(found), " ")
				l.errs.at(l.c.at(e, path()), "text names %q without linking it: write [%s][%s]", found, found, p.link)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func linkNames(ls Links) string {
	var names []string
	for _, n := range ls.Named() {
		names = append(names, n.Name)
	}
	if len(names) == 0 {
		return "it has none"
	}
	return strings.Join(names, ", ")
}

// eachText calls do with every markdown text of an entry; path gives the
// text's JSON pointer, built only for a message.
func eachText(e *Entry, do func(path func() string, text string)) {
	fixed := func(p string) func() string { return func() string { return p } }
	at := func(format string, i int) func() string { return func() string { return fmt.Sprintf(format, i) } }
	do(fixed("/when"), e.When)
	do(fixed("/retry/backoff"), e.Retry.Backoff)
	do(fixed("/retry/retry_after/when"), e.Retry.RetryAfter.When)
	for i, s := range e.Causes {
		do(at("/causes/%d", i), s)
	}
	for i, s := range e.Resolve {
		do(at("/resolve/%d", i), s)
	}
	for i, r := range e.Related {
		do(at("/related/%d/note", i), r.Note)
	}
	for i, h := range e.Headers {
		do(at("/headers/%d/description", i), h.Description)
	}
	for i, m := range e.Members {
		do(at("/members/%d/description", i), m.Description)
	}
}

// formats checks the formats page: unique anchors, existing slugs, and
// examples that are JSON.
func (l *linter) formats() {
	f := l.c.Formats
	if f == nil {
		return
	}
	ids := map[string]bool{}
	for i, s := range f.Shapes {
		at := func(sub string) Pos { return l.c.TopPos(fmt.Sprintf("/formats/shapes/%d%s", i, sub)) }
		if ids[s.ID] {
			l.errs.at(at("/id"), "shape id %q is used twice", s.ID)
		}
		ids[s.ID] = true
		var v any
		if err := json.Unmarshal([]byte(s.Example), &v); err != nil {
			l.errs.at(at("/example"), "example is not JSON: %v", err)
		}
		for j, slug := range s.UsedBy {
			if l.bySlug[slug] == nil {
				l.errs.at(at(fmt.Sprintf("/used_by/%d", j)), "used_by: no error has slug %q", slug)
			}
		}
	}
}
