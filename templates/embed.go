// Package templates holds the html/template files, the stylesheet and the
// script of the documentation site. It lives at the top of the repo so
// the templates are easy to find and edit; sitegen reads them through FS,
// since //go:embed cannot reach a parent folder.
package templates

import "embed"

// FS holds every template (*.html) and asset (*.css, *.js).
//
//go:embed *.html *.css *.js
var FS embed.FS
