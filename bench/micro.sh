#!/usr/bin/env bash
# bench/micro.sh: the in-process benchmarks of the runtime (issue 3) and
# of Validate (issue 4), interleaved so that a noisy, shared machine hits
# every benchmark alike. Each of $ROUNDS rounds (default 8) runs every
# benchmark of a package once (-count 1) in one process; the table gives
# the median ns/op and allocs/op over the rounds and the median of the
# per-round ratios (numerator and denominator from the same round).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-8}
GO=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run PKG REGEX NAME: ROUNDS rounds into $tmp/NAME.
run() {
	for r in $(seq "$ROUNDS"); do
		$GO test -run '^$' -bench "$2" -benchmem -count 1 "$1" |
			awk -v r="$r" '/^Benchmark/ { n=$1; sub(/-[0-9]+$/, "", n); sub(/^Benchmark/, "", n); print r, n, $3, $(NF-1) }'
	done >"$tmp/$3"
}

# report NAME "NUM/DEN ..." : medians and per-round ratio medians.
report() {
	awk -v pairs="$2" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
	}
	{ ns[$1, $2] = $3; al[$2] = $4; if (!($2 in seen)) { seen[$2] = 1; order[++k] = $2 }; if ($1 > R) R = $1 }
	END {
		printf "| benchmark | median ns/op | allocs/op |\n| --- | ---: | ---: |\n"
		for (i = 1; i <= k; i++) { n = 0; for (r = 1; r <= R; r++) v[++n] = ns[r, order[i]]; printf "| %s | %.0f | %s |\n", order[i], median(v, n), al[order[i]] }
		printf "\n| ratio (per round, median) | value |\n| --- | ---: |\n"
		np = split(pairs, P, " ")
		for (i = 1; i <= np; i++) { split(P[i], q, "/"); n = 0; for (r = 1; r <= R; r++) v[++n] = ns[r, q[1]] / ns[r, q[2]]; printf "| %s | %.2f |\n", P[i], median(v, n) }
	}' "$tmp/$1"
}

echo "## problem: construct + ServeHTTP ($ROUNDS rounds)"
run ./problem 'ServeHTTP|RecorderOnly|WriterOnly' serve
report serve "ServeHTTP/ServeHTTPBaseline ServeHTTPReused/ServeHTTPBaselineReused RecorderOnly/ServeHTTPBaseline WriterOnly/ServeHTTPBaselineReused"
echo
echo "## Validate ($ROUNDS rounds)"
run ./internal/schemagen 'Validate' validate
report validate "Validate/ValidateLibraryRaw Validate/ValidateHandWritten ValidateLibraryDecoded/ValidateHandWritten"
