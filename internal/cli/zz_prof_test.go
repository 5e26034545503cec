package cli

import (
	"context"
	"os"
	"testing"
)

func BenchmarkProfBuild(b *testing.B) {
	srcs, err := readSources([]string{os.Getenv("ERRGEN_BENCH_CATALOG")})
	if err != nil {
		b.Fatal(err)
	}
	t := targets{goDir: "g", pkg: "benchpkg"}
	if os.Getenv("SITE") != "" {
		t = targets{siteDir: "w"}
	}
	for b.Loop() {
		if _, _, err := build(context.Background(), srcs, t); err != nil {
			b.Fatal(err)
		}
	}
}
