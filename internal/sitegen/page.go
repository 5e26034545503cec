package sitegen

import (
	"html/template"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// meta is what the shared layout needs from every page.
type meta struct {
	Title       string
	Description string
	SiteName    string
	// Prefix leads from the page to the errors/ folder. It climbs to the
	// document root and back down ("../../errors/"), which resolves the
	// same from /errors/x, /errors/x/ and file://.../errors/x/index.html:
	// a ".." above the root is dropped (RFC 3986 section 5.2.4).
	Prefix string
	// Canonical is the page's absolute URL (the type URI for an error).
	Canonical string
	// Home marks the index page, for aria-current in the nav.
	Home bool
	// Feedback is where reports about a page go (catalog links.feedback).
	Feedback string
	// Chrome is rendered from the fields above (see withChrome).
	Chrome chrome
}

// errorPage is what templates/error.html renders.
type errorPage struct {
	Meta       meta
	E          *catalog.Entry
	Reason     string
	Server     bool   // 5xx
	Actor      string // who must act, or "" when the entry does not say
	Fault      string
	Shapes     []shapeLink // older body formats its documentation used
	Retry      string
	RetryKey   string
	When       template.HTML
	Causes     []template.HTML
	Resolve    []template.HTML
	FirstStep  template.HTML // Resolve[0], shown at a glance
	Backoff    template.HTML
	RetryAfter *retryAfterView
	Headers    []headerView
	Members    []memberView
	Example    codeBlock
	Clients    []codeBlock // curl, JavaScript, Python, Go
	Compare    []compareRow
	Related    []relGroup
	Dev        devView
	Life       lifeView // since, last changed, deprecation
}

// retryAfterView is the Retry-After section; nil when never sent.
type retryAfterView struct {
	Required bool
	Breaker  bool
	Range    string
	Min, Max int
	When     template.HTML
}

type headerView struct {
	Name        string
	Required    string
	Description template.HTML
	Example     string
}

type memberView struct {
	Name, Type  string
	Required    bool
	Description template.HTML
}

// newErrorPage builds the view of e on base, the meta (and chrome) every
// error page shares; call is the Go constructor call of e's example.
func newErrorPage(w *worker, c *catalog.Catalog, e *catalog.Entry, call string, base meta) (*errorPage, error) {
	m := mdErr{w: w}
	base.Title, base.Description, base.Canonical = e.Title, e.Summary, e.URI()
	p := &errorPage{
		Meta: base, E: e, Reason: reason(e.Status), Server: e.Status.ClassDigit() == 5,
		Actor: actorLabel(e.Actor), Fault: fault(e), Shapes: shapesOf(c, e, base.Prefix), Retry: retryWord(e.Retry.Retryable), RetryKey: retryKey(e.Retry.Retryable),
		When: m.block(e.When), Causes: m.inlines(e.Causes), Resolve: m.inlines(e.Resolve),
		Backoff: m.inline(e.Retry.Backoff),
		Headers: headers(c, e, &m), Members: members(e, &m),
	}
	if len(p.Resolve) > 0 {
		p.FirstStep = p.Resolve[0]
	}
	if ra := e.Retry.RetryAfter; ra.Policy != catalog.RetryAfterNone && ra.Policy != "" {
		p.RetryAfter = &retryAfterView{Required: ra.Policy == catalog.RetryAfterRequired,
			Breaker: ra.Breaker, Range: secondsRange(ra), Min: ra.Min, Max: ra.Max, When: m.block(ra.When)}
	}
	p.Example = exampleBlock(e)
	d := newSnippetData(c, e, call)
	var err error
	if p.Clients, err = clientBlocks(d); err != nil {
		return nil, err
	}
	p.Compare = compare(c, e, &m)
	p.Related = related(c, e, &m)
	p.Life = newLife(c, e, base.Prefix, &m)
	if p.Dev, err = newDevView(c, e, d, &m); err != nil {
		return nil, err
	}
	return p, m.err
}

// headers lists what the response carries: the catalog-wide headers, the
// entry's own, and Retry-After when the policy allows it.
func headers(c *catalog.Catalog, e *catalog.Entry, m *mdErr) []headerView {
	var out []headerView
	for _, h := range append(append([]catalog.Header{}, c.Common.Headers...), e.Headers...) {
		out = append(out, headerView{Name: h.Name, Required: always(h.Required),
			Description: m.inline(h.Description), Example: h.Example})
	}
	if ra := e.Retry.RetryAfter; ra.Policy != catalog.RetryAfterNone && ra.Policy != "" {
		out = append(out, headerView{Name: "Retry-After",
			Required: always(ra.Policy == catalog.RetryAfterRequired),
			Description: template.HTML("Whole seconds to wait, " + template.HTMLEscapeString(secondsRange(ra)) +
				`. See <a href="#retry-after">Retry-After</a>.`)})
	}
	return out
}

func always(b bool) string {
	if b {
		return "Always"
	}
	return "Sometimes"
}

func members(e *catalog.Entry, m *mdErr) []memberView {
	var out []memberView
	for _, mem := range e.Members {
		typ := mem.Type
		if mem.Format != "" {
			typ += " (" + mem.Format + ")"
		}
		if len(mem.Enum) > 0 {
			typ += ": one of " + strings.Join(mem.Enum, ", ")
		}
		out = append(out, memberView{Name: mem.Name, Type: typ, Required: mem.Required,
			Description: m.inline(mem.Description)})
	}
	return out
}

// mdErr renders markdown with a worker and keeps the first error, so a
// page builder reads as a list of fields instead of a ladder of error checks.
type mdErr struct {
	w   *worker
	err error
}

func (m *mdErr) keep(h template.HTML, err error) template.HTML {
	if err != nil && m.err == nil {
		m.err = err
	}
	return h
}

func (m *mdErr) block(s string) template.HTML  { return m.keep(m.w.block(s)) }
func (m *mdErr) inline(s string) template.HTML { return m.keep(m.w.inline(s)) }

func (m *mdErr) inlines(list []string) []template.HTML {
	out := make([]template.HTML, 0, len(list))
	for _, s := range list {
		out = append(out, m.inline(s))
	}
	return out
}
