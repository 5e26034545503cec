#!/usr/bin/env bash
# bench/ab.sh OLD NEW [ROUNDS]: interleaved A/B of two errgen binaries on
# the same inputs, on a shared machine: each round runs OLD then NEW (then
# NEW then OLD, alternately) on every case, from an empty output folder,
# and the table shows the median wall time of each and their ratio.
# Cases: the real catalog (all outputs), and synthetic catalogs of 1,000
# and 10,000 errors (bench/gencatalog), Go only and site only.
# BENCH_AB_NS="1000" shortens it. OLD_CATALOG names the real catalog the
# old binary reads (default: catalog/errors.yaml), for an old errgen that
# does not know a newer catalog's fields. Output folders live on tmpfs.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/ab.sh OLD-BINARY NEW-BINARY [ROUNDS]}
NEW=${2:?usage: bench/ab.sh OLD-BINARY NEW-BINARY [ROUNDS]}
ROUNDS=${3:-5}
NS=${BENCH_AB_NS:-"1000 10000"}
WORK=$(mktemp -d /dev/shm/errgen-ab.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_CACHE_HOME="$WORK/cache" # no-op stamps stay here
OLD_CATALOG=${OLD_CATALOG:-catalog/errors.yaml}
cases=("real all -catalog REAL -go OUT/go -package benchpkg -schema OUT/schema -site OUT/site")
for n in $NS; do
  go run ./bench/gencatalog -n "$n" -o "$WORK/cat$n.yaml" >/dev/null
  cases+=("$n go -catalog $WORK/cat$n.yaml -go OUT/go -package benchpkg")
  cases+=("$n site -catalog $WORK/cat$n.yaml -site OUT/site")
done
# one run: binary, case args; prints seconds
one() {
  local bin=$1; shift
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  local real=catalog/errors.yaml
  [ "$bin" = "$OLD" ] && real=$OLD_CATALOG
  local args=("${@//OUT/$WORK/out}")
  args=("${args[@]//REAL/$real}")
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" generate "${args[@]}" >/dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}' 
}
declare -A times
for r in $(seq "$ROUNDS"); do
  for c in "${cases[@]}"; do
    read -r n what rest <<<"$c"
    # shellcheck disable=SC2086
    if (( r % 2 )); then a=$(one "$OLD" $rest); b=$(one "$NEW" $rest); else b=$(one "$NEW" $rest); a=$(one "$OLD" $rest); fi
    times["$n $what old"]+="$a "
    times["$n $what new"]+="$b "
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
printf '%-6s %-5s %10s %10s %7s\n' catalog what old_s new_s new/old
for c in "${cases[@]}"; do
  read -r n what _ <<<"$c"
  o=$(echo "${times["$n $what old"]}" | median); w=$(echo "${times["$n $what new"]}" | median)
  printf '%-6s %-5s %10.3f %10.3f %7.2f\n' "$n" "$what" "$o" "$w" "$(awk -v a="$o" -v b="$w" 'BEGIN {print b / a}')"
done
echo "(medians of $ROUNDS interleaved rounds; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
