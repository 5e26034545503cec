package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The Hugo site has one content/errors/<slug>.md per error whose body is
// the entry's own markdown (when, causes, resolve, relation notes) plus
// its example response as fenced http and json blocks, which Hugo
// highlights (with chroma; errgen writes its own markup from the
// example's structure). Layouts are minimal and no theme
// is used, so the work is markdown to HTML for N pages and an index.

const hugoConfig = `baseURL = "https://docs.ankatech.co/"
title = "AnkaSecure errors"
disableKinds = ["taxonomy", "term", "RSS"]

[markup.highlight]
noClasses = false
`

const hugoSingle = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} ({{ .Params.status }})</title>
<meta name="description" content="{{ .Params.summary }}"></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p>HTTP status <strong>{{ .Params.status }}</strong>; retryable: {{ .Params.retryable }}</p>
<p>{{ .Params.summary }}</p>
<p>Type: <code>{{ .Params.type }}</code></p>
{{ .Content }}
</main>
</body>
</html>
`

const hugoList = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<table>
<thead><tr><th>Error</th><th>Status</th><th>Summary</th></tr></thead>
<tbody>
{{ range .RegularPagesRecursive }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.status }}</td><td>{{ .Params.summary }}</td></tr>
{{ end }}</tbody>
</table>
</main>
</body>
</html>
`

const hugo404 = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><main><h1>Not found</h1><p><a href="/errors/">All errors</a></p></main></body></html>
`

func writeHugoSite(dir string, doc *catalogDoc) error {
	files := map[string]string{
		"hugo.toml":                    hugoConfig,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
		"layouts/404.html":             hugo404,
		"content/_index.md":            frontMatter(map[string]any{"title": doc.Name + " errors"}),
		"content/errors/_index.md":     frontMatter(map[string]any{"title": "Error reference"}),
	}
	for _, e := range doc.Errors {
		files["content/errors/"+e.Slug+".md"] = hugoPage(doc, e)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// frontMatter is JSON front matter, which Hugo reads and needs no quoting rules.
func frontMatter(m map[string]any) string {
	b, _ := json.MarshalIndent(m, "", "  ") // strings and numbers only
	return string(b) + "\n\n"
}

func hugoPage(doc *catalogDoc, e *entryDoc) string {
	var b strings.Builder
	b.WriteString(frontMatter(map[string]any{
		"title": e.Title, "status": e.Status, "summary": e.Summary,
		"retryable": e.Retry.Retryable, "type": doc.BaseURI + e.Slug,
	}))
	b.WriteString(e.When)
	b.WriteString("\n## Causes\n\n")
	for _, c := range e.Causes {
		b.WriteString("- " + c + "\n")
	}
	b.WriteString("\n## How to resolve\n\n")
	for i, r := range e.Resolve {
		fmt.Fprintf(&b, "%d. %s\n", i+1, r)
	}
	b.WriteString("\n## Example\n\n```http\n")
	fmt.Fprintf(&b, "HTTP/1.1 %v\nContent-Type: application/problem+json\n", e.body[2].value)
	for _, h := range e.Example.Headers {
		fmt.Fprintf(&b, "%s: %s\n", h.Name, h.Value)
	}
	b.WriteString("```\n\n```json\n{\n")
	for i, f := range e.body {
		v, _ := json.Marshal(f.value) // plain values only
		sep := ","
		if i == len(e.body)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "  %q: %s%s\n", f.key, v, sep)
	}
	b.WriteString("}\n```\n")
	if len(e.Related) > 0 {
		b.WriteString("\n## Related errors\n\n")
		for _, r := range e.Related {
			fmt.Fprintf(&b, "- [%s](/errors/%s/) (*%s*): %s\n", r.Slug, r.Slug, r.Kind, r.Note)
		}
	}
	return b.String()
}
