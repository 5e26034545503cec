// Package templates holds the html/template files, the stylesheet and the
// script of the documentation site. It lives at the top of the repo so
// the templates are easy to find and edit; sitegen reads them through FS,
// since //go:embed cannot reach a parent folder.
package templates

import "embed"

// FS holds every template (*.html) and asset (*.css, *.js, *.svg), and
// the licence of the vendored MiniSearch (minisearch.js, its UMD build
// from npm, unchanged).
//
//go:embed *.html *.css *.js *.svg *.txt
var FS embed.FS
