package gogen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// versionNames are the constants versionFile declares; Check keeps slugs
// and upstream roles off them.
var versionNames = []string{"CatalogVersion", "CatalogDigest"}

// versionFile declares which catalog the package was generated from, so a
// service can log it or expose it:
//
//	const CatalogVersion = "1.0.0"
//	const CatalogDigest = "sha256:…"
func (g *gen) versionFile(f *jen.File) {
	v := g.c.Version
	own, base := g.source()
	if base != "" {
		own = base // the version is the base catalog's
	}
	f.Comment(fmt.Sprintf("CatalogVersion is the version of %s this package was", own))
	if v == "" {
		f.Comment("generated from; the catalog has none, so it is empty.")
	} else {
		f.Comment("generated from (semver, without a leading v).")
	}
	f.Const().Id(versionNames[0]).Op("=").Lit(v)
	f.Line()
	f.Comment("CatalogDigest is the SHA-256 of the catalog source this package was generated")
	f.Comment("from (of the file, or of the files' digests one a line when there are several).")
	f.Const().Id(versionNames[1]).Op("=").Lit("sha256:" + g.c.Digest)
}
