package gogen

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/ankatech/errgen/internal/catalog"
)

// ExampleCall is the constructor call that produces the entry's example
// response, as Go source: NewX(args...) with the arguments in the order
// the generated constructor takes them (status for a class catch-all,
// detail parameters, required members), values read from the example.
// The docs show it, so it must match what Render generates.
func ExampleCall(c *catalog.Catalog, e *catalog.Entry, pkg string) string {
	var args []string
	if e.Status.Class != "" {
		status, _ := e.Example.Body.Get("status")
		args = append(args, fmt.Sprint(status))
	}
	detail, _ := e.Example.Body.Get("detail")
	s, _ := detail.(string)
	values, _ := c.MatchDetail(e, s)
	for _, p := range e.Detail.Params {
		args = append(args, paramLiteral(c, p, values[p.Name], pkg))
	}
	for _, m := range e.Members {
		if m.Required {
			v, _ := e.Example.Body.Get(m.Name)
			args = append(args, memberLiteral(e, m, v, pkg))
		}
	}
	return fmt.Sprintf("%s.New%s(%s)", pkg, catalog.GoName(e.Slug), strings.Join(args, ", "))
}

// ExampleCalls is ExampleCall for every error, in catalog order: what the
// documentation site shows, computed by the caller and handed to sitegen.
func ExampleCalls(c *catalog.Catalog, pkg string) []string {
	calls := make([]string, len(c.Errors))
	for i, e := range c.Errors {
		calls[i] = ExampleCall(c, e, pkg)
	}
	return calls
}

func paramLiteral(c *catalog.Catalog, p catalog.Param, v, pkg string) string {
	switch p.Type {
	case catalog.ParamUpstream:
		if v == "" && len(c.Upstreams) > 0 {
			v = c.Upstreams[0].Name
		}
		return pkg + "." + catalog.GoName(v)
	case catalog.ParamInteger:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "0"
		}
		return v
	}
	return strconv.Quote(v)
}

func memberLiteral(e *catalog.Entry, m catalog.Member, v any, pkg string) string {
	if len(m.Enum) > 0 {
		s, _ := v.(string)
		if s == "" {
			s = m.Enum[0]
		}
		return pkg + "." + enumConst(enumType(e, m), s)
	}
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	switch m.Type {
	case "integer", "number":
		return "0"
	case "boolean":
		return "false"
	}
	return `""`
}
