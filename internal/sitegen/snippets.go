package sitegen

import (
	"embed"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	texttemplate "text/template"

	"github.com/ankatech/errgen/internal/catalog"
)

// GoPackage is the name of the generated package the site's Go snippets
// use; the caller renders the example calls (Inputs.GoCalls) for it.
const GoPackage = "ankaerr"

// goImport is GoPackage's import path.
const goImport = "github.com/ankatech/errgen/generated/ankaerr"

// GoPackageOf is the Go package that declares e, by name and import path:
// the platform's generated package, or for a service's error the service's
// own (its registered go_package, else a placeholder under example.com, as
// the snippets' API host is).
func GoPackageOf(e *catalog.Entry) (name, path string) {
	switch {
	case e.Service == nil:
		return GoPackage, goImport
	case e.Service.GoPackage != "":
		return e.Service.GoPackage[strings.LastIndexByte(e.Service.GoPackage, '/')+1:], e.Service.GoPackage
	}
	name = strings.ReplaceAll(e.Service.Name, "-", "") + "err"
	return name, "example.com/" + e.Service.Name + "/" + name
}

// The snippets are text/template files filled with an entry's facts
// (snippetData), so each reads as the code it produces. Every one must
// stay a program its language accepts as written: TestSnippetsCompile
// builds the Go ones, and checks the others with bash -n, node --check
// and python3 -m py_compile.
//
//go:embed snippets/*.tmpl
var snippetFS embed.FS

var snippetTemplates = texttemplate.Must(texttemplate.New("").Funcs(texttemplate.FuncMap{
	"line":  oneLine,
	"goq":   strconv.Quote,
	"jsstr": quoteJSON, // a JSON string is a JavaScript string literal
	"pystr": quoteJSON, // and a Python one: the same escapes, \uXXXX included
	"shq":   shellQuote,
}).ParseFS(snippetFS, "snippets/*.tmpl"))

// snippetData is what the snippet templates read.
type snippetData struct {
	Title, Type   string
	StatusText    string // "502", or "5xx" for a catch-all
	URL           string // where the example's request went (its instance)
	Const         string // JavaScript and Python name of the type URI
	GoImport      string
	GoPkg, GoName string // the generated package and the descriptor
	Call          string // the constructor call that builds the example
	ExampleWait   int    // the example's Retry-After in seconds, 0 for none
	Retry         catalog.Retryability
	Advice        string // what to do instead of resending, unless Retry is yes
	RetryAfter    bool   // the error may carry Retry-After
	Min, Max      int    // its bounds in seconds
	CurlRetry     bool   // curl --retry resends after this status
	GoRetry       string // what problem.RetryTransport does with this error
	Ext           []string
	Shown         []string // the members a client prints: detail and Ext
	JQ            string   // a jq filter printing every member
}

// exampleHost stands for the API's address in the snippets.
const exampleHost = "https://api.example.com"

func newSnippetData(c *catalog.Catalog, e *catalog.Entry, call string) snippetData {
	d := snippetData{Title: e.Title, Type: e.URI(), StatusText: e.Status.String(), URL: exampleHost + "/",
		Const: constName(e.Slug), GoName: catalog.GoName(e.Slug),
		Call: call, Retry: e.Retry.Retryable, Advice: advice(e.Retry.Retryable)}
	d.GoPkg, d.GoImport = GoPackageOf(e)
	if inst, ok := e.Example.Body.Get("instance"); ok {
		if s, ok := inst.(string); ok && strings.HasPrefix(s, "/") {
			d.URL = exampleHost + s
		}
	}
	for _, h := range e.Example.Headers {
		if strings.EqualFold(h.Name, "Retry-After") {
			d.ExampleWait, _ = strconv.Atoi(h.Value)
		}
	}
	if ra := e.Retry.RetryAfter; ra.Policy != catalog.RetryAfterNone && ra.Policy != "" {
		d.RetryAfter, d.Min, d.Max = true, ra.Min, ra.Max
	}
	d.CurlRetry = curlRetries(e.Status)
	d.GoRetry = goRetry(d)
	filter := []string{".type", ".title", ".status", ".detail", ".instance"}
	d.Shown = []string{"detail"}
	for _, m := range append(append([]catalog.Member(nil), c.Common.Members...), e.Members...) {
		d.Ext = append(d.Ext, m.Name)
		d.Shown = append(d.Shown, m.Name)
		filter = append(filter, "."+m.Name)
	}
	d.JQ = strings.Join(filter, ", ")
	return d
}

// constName is the slug as an upper-case identifier: UPSTREAM_UNAVAILABLE.
func constName(slug string) string {
	name := strings.ToUpper(strings.ReplaceAll(slug, "-", "_"))
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		name = "TYPE_" + name
	}
	return name
}

// curlRetries reports whether curl --retry resends after the status: it
// does after 408, 429, 500, 502, 503 and 504 only.
func curlRetries(s catalog.Status) bool {
	switch s.Code {
	case 408, 429, 500, 502, 503, 504:
		return true
	}
	return s.Class == "5xx" // 500, 502, 503 and 504 are among them
}

func advice(r catalog.Retryability) string {
	switch r {
	case catalog.AfterFix:
		return "Not retryable as sent: correct the request or its credentials first (see How to resolve)."
	case catalog.NotRetryable:
		return "Sending it again will not help until something outside the request changes (see How to resolve)."
	}
	return ""
}

func goRetry(d snippetData) string {
	switch {
	case d.Retry != catalog.Retryable:
		return "It never retries this error."
	case d.RetryAfter:
		return fmt.Sprintf("It retries this error (4 attempts in all), waiting Retry-After when it is sent (%d to %d s), else 1 s, 2 s, 4 s.", d.Min, d.Max)
	}
	return "It retries this error (4 attempts in all), waiting 1 s, 2 s, 4 s."
}

// oneLine keeps catalog text inside a one-line comment.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// shellQuote is s in single quotes for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// snippet fills one template; the templates are parsed at start-up and
// their data is always complete, so an error is a bug in a template.
func snippet(name string, d snippetData) (string, error) {
	var b strings.Builder
	if err := snippetTemplates.ExecuteTemplate(&b, name, d); err != nil {
		return "", err
	}
	return b.String(), nil
}

// clientBlocks are the client snippets of a page, one per tab.
func clientBlocks(d snippetData) ([]codeBlock, error) {
	specs := []struct{ file, id, tab, label, lang, comment string }{
		{"curl.sh.tmpl", "client-curl", "curl", "curl, in a shell (jq to read members)", "shell", "#"},
		{"fetch.js.tmpl", "client-js", "JavaScript", "JavaScript fetch, in a browser or Node.js 18+", "javascript", "//"},
		{"requests.py.tmpl", "client-python", "Python", "Python 3 with requests", "python", "#"},
		{"client.go.tmpl", "client-go", "Go", "Go with problem.Parse and problem.RetryTransport", "go", ""},
	}
	out := make([]codeBlock, 0, len(specs))
	for _, s := range specs {
		text, err := snippet(s.file, d)
		if err != nil {
			return nil, err
		}
		h := goHTML(text)
		if s.lang != "go" {
			h = linesHTML(text, s.comment)
		}
		out = append(out, codeBlock{ID: s.id, Tab: s.tab, Label: s.label, What: "the " + s.tab + " example",
			Lang: s.lang, HTML: h})
	}
	return out, nil
}

// serviceBlock is the Go snippet of the "For developers" section.
func serviceBlock(d snippetData) (codeBlock, error) {
	text, err := snippet("service.go.tmpl", d)
	return codeBlock{ID: "go-service", Label: "Go: answer with it, recognise it",
		What: "the Go example", Lang: "go", HTML: goHTML(text)}, err
}

// exampleBlock is the example response.
func exampleBlock(e *catalog.Entry) codeBlock {
	code := exampleStatus(e)
	return codeBlock{ID: "example-response", Label: fmt.Sprintf("HTTP response: %d %s", code, http.StatusText(code)),
		What: "the example response", Lang: "http", HTML: exampleHTML(e)}
}
