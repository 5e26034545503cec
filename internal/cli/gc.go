package cli

import (
	"os"
	"runtime/debug"

	"github.com/ankatech/errgen/internal/catalog"
)

// tuneGC lets the heap grow to five times the live data between
// collections instead of twice (GOGC=400), under a soft limit that scales
// with the catalog (512 MiB plus 40 bytes per catalog byte: every output
// is held in memory until the plan is applied, about 28 bytes per catalog
// byte for a full build), after which
// the collector works as hard as it must to stay below it. A small catalog
// then builds with one or two collections instead of a dozen and a large
// one peaks no higher than with the defaults. GOGC or GOMEMLIMIT in the
// environment win.
func tuneGC(srcs []catalog.Source) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	size := int64(len(builtinSource.Data))
	for _, s := range srcs {
		size += int64(len(s.Data))
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(512<<20 + 40*size)
}
