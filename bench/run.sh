#!/usr/bin/env bash
# bench/run.sh: errgen generation against Hugo on the same pages.
#
# For each N in $BENCH_NS (default "100 1000 10000") it writes a synthetic
# catalog of N errors and a Hugo site of the same markdown
# (bench/gencatalog), checks the catalog with errgen lint, then times, each
# $BENCH_RUNS times (default 5) and from an empty output dir:
#   site   errgen generate -catalog cat.yaml -site OUT
#   go     errgen generate -catalog cat.yaml -go OUT -package benchpkg
#   all    errgen generate -catalog cat.yaml -go … -schema … -site …
#   no-op  the "all" command again on its filled dirs (must write 0 files)
#   hugo   hugo --quiet -s SRC -d OUT
# and finally the real catalog (catalog/errors.yaml), all outputs,
# $BENCH_RUNS_REAL times (default 20).
# BENCH_WHAT=site (make bench-site) times only site and hugo.
# At the largest N (BENCH_FLOOR_N; BENCH_FLOOR_N=none skips it) it also
# measures the floors: what the libraries alone must do for that catalog
# (go test -bench '^BenchmarkFloor' in internal/catalog, sitegen and gogen,
# $BENCH_RUNS runs each) and the time to write the site's files with no
# staging (bench/writefloor), and prints how close errgen is to them.
# Wall time and peak RSS come from /usr/bin/time; the table shows medians.
set -euo pipefail
cd "$(dirname "$0")/.."

NS=${BENCH_NS:-"100 1000 10000"}
RUNS=${BENCH_RUNS:-5}
WHAT=${BENCH_WHAT:-all}
GO=${GO:-go}

die() { echo "bench: $*" >&2; exit 1; }

# ensure CMD PACKAGE: install Debian's PACKAGE when CMD is missing.
ensure() {
	command -v "$1" >/dev/null 2>&1 && return
	command -v apt-get >/dev/null 2>&1 || die "$1 is missing and apt-get is not available; install $2"
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "bench: installing $2 (apt-get)" >&2
	$sudo apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$2" >&2
}
ensure hugo hugo
ensure /usr/bin/time time

# Outputs go to tmpfs, so the disk does not dominate the times.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	WORK=$(mktemp -d /dev/shm/errgen-bench.XXXXXX)
	echo "bench: output on tmpfs ($WORK)" >&2
else
	WORK=$(mktemp -d)
	echo "bench: /dev/shm missing, output in $WORK (not tmpfs: disk speed counts)" >&2
fi
trap 'rm -rf "$WORK"' EXIT
# errgen's no-op stamps for these throwaway folders stay in the throwaway dir.
export XDG_CACHE_HOME="$WORK/cache"

$GO build -o "$WORK/errgen" ./cmd/errgen
$GO build -o "$WORK/gencatalog" ./bench/gencatalog
$GO build -o "$WORK/writefloor" ./bench/writefloor
ERRGEN=$WORK/errgen
RESULTS=$WORK/results
: >"$RESULTS"

# median: of the numbers on stdin; prints nothing when there are none.
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) exit; if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# timed OUTFILE CMD...: run CMD once under /usr/bin/time, stdout to OUTFILE;
# appends "wall_s rss_kib" to $WORK/samples. The wall time is bash's
# EPOCHREALTIME around the run (microseconds; /usr/bin/time's %e has only
# 10 ms steps, too coarse for the real catalog), so it includes starting
# /usr/bin/time, about a millisecond.
timed() {
	local out=$1 start end
	shift
	start=$EPOCHREALTIME
	/usr/bin/time -f '%M' -o "$WORK/time" "$@" >"$out" 2>"$WORK/stderr" ||
		{ cat "$WORK/stderr" >&2; die "failed: $*"; }
	end=$EPOCHREALTIME
	echo "$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.4f", e - s}') $(cat "$WORK/time")" >>"$WORK/samples"
}

# record N WHAT: store the medians of $WORK/samples.
record() {
	local wall rss
	wall=$(awk '{print $1}' "$WORK/samples" | median)
	rss=$(awk '{print $2}' "$WORK/samples" | median)
	echo "$1 $2 $wall $rss" >>"$RESULTS"
	echo "bench: N=$1 $2: median ${wall}s, $(awk -v k="$rss" 'BEGIN{printf "%.0f", k/1024}') MiB (samples: $(awk '{printf "%s ", $1}' "$WORK/samples"))" >&2
	: >"$WORK/samples"
}

# bench N WHAT OUTDIRS -- ARGS: time errgen generate ARGS from empty OUTDIRS.
bench() {
	local n=$1 what=$2
	shift 2
	local dirs=()
	while [ "$1" != "--" ]; do dirs+=("$1"); shift; done
	shift
	: >"$WORK/samples"
	for _ in $(seq "$RUNS"); do
		rm -rf "${dirs[@]}" && mkdir -p "${dirs[@]}"
		timed "$WORK/stdout" "$ERRGEN" generate "$@"
	done
	record "$n" "$what"
}

# noop N ARGS: the same generate again on filled dirs; it must write nothing.
noop() {
	local n=$1
	shift
	: >"$WORK/samples"
	for _ in $(seq "$RUNS"); do
		timed "$WORK/stdout" "$ERRGEN" generate "$@"
		grep -Eq '^nothing to do| 0 files written' "$WORK/stdout" || die "no-op rerun wrote files: $(cat "$WORK/stdout")"
	done
	record "$n" no-op
}

hugo_bench() {
	local n=$1 src=$2 out=$3
	: >"$WORK/samples"
	for _ in $(seq "$RUNS"); do
		rm -rf "$out" && mkdir -p "$out"
		timed "$WORK/stdout" hugo --quiet -s "$src" -d "$out" --cacheDir "$WORK/hugo-cache"
	done
	record "$n" hugo
}

# floor N DIR: the library floors on DIR/cat.yaml and the write floor of
# the site the last "site" run left in DIR/site, as "N floor-PART s" lines.
FLOORS=$WORK/floors
: >"$FLOORS"
floor() {
	local n=$1 d=$2 out part v
	echo "bench: N=$n floors: go test -bench '^BenchmarkFloor' ($RUNS runs each), bench/writefloor" >&2
	out=$(ERRGEN_BENCH_CATALOG=$d/cat.yaml $GO test -run '^$' -bench '^BenchmarkFloor' -benchtime 1x -count "$RUNS" \
		./internal/catalog ./internal/sitegen ./internal/gogen) || die "floor benchmarks failed: $out"
	for part in YAML Schema Markdown Template Format; do
		# The name has a -N suffix unless GOMAXPROCS is 1.
		v=$(echo "$out" | awk -v b="BenchmarkFloor$part" '$1 == b || index($1, b "-") == 1 {print $3 / 1e9}' | median)
		[ -n "$v" ] || die "no BenchmarkFloor$part result"
		echo "$n $part $v" >>"$FLOORS"
		echo "bench: N=$n floor $part: median ${v}s" >&2
	done
	v=$("$WORK/writefloor" -from "$d/site" -to "$WORK/writefloor-out" -runs "$RUNS")
	echo "$n Write $v" >>"$FLOORS"
	echo "bench: N=$n floor Write: median ${v}s" >&2
}
FLOOR_N=${BENCH_FLOOR_N:-$(echo "$NS" | tr ' ' '\n' | sort -n | tail -1)}

for n in $NS; do
	d=$WORK/n$n
	mkdir -p "$d"
	"$WORK/gencatalog" -n "$n" -o "$d/cat.yaml" -hugo "$d/hugo-src"
	"$ERRGEN" lint -catalog "$d/cat.yaml" >&2 || die "synthetic catalog of $n errors fails lint"
	bench "$n" site "$d/site" -- -catalog "$d/cat.yaml" -site "$d/site"
	if [ "$WHAT" != site ]; then
		bench "$n" go "$d/go" -- -catalog "$d/cat.yaml" -go "$d/go" -package benchpkg
		all=(-catalog "$d/cat.yaml" -go "$d/all/go" -package benchpkg -schema "$d/all/schema" -site "$d/all/site")
		bench "$n" all "$d/all" -- "${all[@]}"
		noop "$n" "${all[@]}"
	fi
	hugo_bench "$n" "$d/hugo-src" "$d/hugo-out"
	[ "$n" != "$FLOOR_N" ] || floor "$n" "$d"
	rm -rf "$d"
done
if [ "$WHAT" != site ]; then
	d=$WORK/real
	RUNS=${BENCH_RUNS_REAL:-20} bench real all "$d" -- -catalog catalog/errors.yaml -go "$d/go" -package benchpkg -schema "$d/schema" -site "$d/site"
fi

# The table: ratios against Hugo (site), 10k/1k (Go), no-op/full.
echo
echo "Machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $($GO version | cut -d' ' -f3-), $(hugo version | cut -d' ' -f1-2), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $RUNS runs each, medians"
echo
awk -v runs="$RUNS" '
{ key = $1 SUBSEP $2; wall[key] = $3; rss[key] = $4; order[++n] = key }
function r(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "" }
END {
	print "| N | what | median wall s | median peak RSS MiB | vs Hugo (time, RSS) | Go 10k/1k | no-op/full |"
	print "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
	for (i = 1; i <= n; i++) {
		split(order[i], k, SUBSEP); N = k[1]; w = k[2]
		vs = ""; lin = ""; nf = ""
		if (w == "site" && ((N, "hugo") in wall))
			vs = r(wall[order[i]], wall[N, "hugo"]) "×, " r(rss[order[i]], rss[N, "hugo"]) "×"
		if (w == "go" && N == 10000 && ((1000, "go") in wall))
			lin = r(wall[order[i]], wall[1000, "go"])
		if (w == "no-op" && ((N, "all") in wall))
			nf = r(wall[order[i]], wall[N, "all"])
		label = (N == "real") ? "real catalog" : N
		printf "| %s | %s | %.3f | %.0f | %s | %s | %s |\n", label, w, wall[order[i]], rss[order[i]] / 1024, vs, lin, nf
	}
}' "$RESULTS"

# The floors against errgen and the targets.
[ -s "$FLOORS" ] || exit 0
echo
awk '
FNR == NR { f[$2] = $3; n = $1; next }
{ wall[$1, $2] = $3 }
function r(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "" }
END {
	site = f["YAML"] + f["Schema"] + f["Markdown"] + f["Template"] + f["Write"]
	gof = f["YAML"] + f["Schema"] + f["Format"]
	printf "Floors at N=%s (medians; each on every core, nothing of errgen'"'"'s own timed):\n\n", n
	print "| floor | median s |"
	print "| --- | ---: |"
	printf "| yaml.v3 parses every entry | %.3f |\n", f["YAML"]
	printf "| jsonschema checks every entry against the catalog schema | %.3f |\n", f["Schema"]
	printf "| goldmark renders each distinct markdown text once | %.3f |\n", f["Markdown"]
	printf "| html/template executes every error page (data prebuilt) | %.3f |\n", f["Template"]
	printf "| the site'"'"'s files written (MkdirAll + WriteFile, no staging) | %.3f |\n", f["Write"]
	printf "| go/format formats the generated package | %.3f |\n", f["Format"]
	print ""
	print "| sum of floors | s | errgen / floor | floor vs target |"
	print "| --- | ---: | ---: | --- |"
	h = wall[n, "hugo"]
	printf "| site: yaml + schema + markdown + template + writes | %.3f | %s | %s× Hugo'"'"'s %.3f s (target ≤ 0.25×) |\n", site, r(wall[n, "site"], site), r(site, h), h
	if ((n, "go") in wall)
		printf "| go: yaml + schema + format | %.3f | %s | %.3f s (target ≤ 1 s) |\n", gof, r(wall[n, "go"], gof), gof
}' "$FLOORS" "$RESULTS"
