#!/usr/bin/env bash
# Determinism under load: generate the real catalog and a 1,000-error
# synthetic catalog three times each while four CPU-bound processes and a
# 2 GiB allocation run beside them, and want byte-identical outputs.
# No timing is measured or asserted; a loaded machine is the point.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
work=$(mktemp -d)
load=()
cleanup() { kill "${load[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

$GO build -o "$work/errgen" ./cmd/errgen
$GO run ./bench/gencatalog -n 1000 -o "$work/1k.yaml"

for _ in 1 2 3 4; do (while :; do :; done) & load+=($!); done
# 2 GiB held in memory (and touched) for as long as the runs take.
python3 -c 'import time; b = bytearray(2 << 30); [b.__setitem__(i, 1) for i in range(0, len(b), 4096)]; time.sleep(3600)' & load+=($!)

for cat in real 1k; do
  for run in 1 2 3; do
    out="$work/$cat-$run"
    args=(-go "$out/go" -package errs -schema "$out/schema" -site "$out/site")
    [ "$cat" = 1k ] && args+=(-catalog "$work/1k.yaml") || args+=(-catalog catalog/errors.yaml)
    XDG_CACHE_HOME="$work/cache-$cat-$run" "$work/errgen" generate "${args[@]}" >/dev/null
  done
  for run in 2 3; do
    if ! diff -r "$work/$cat-1" "$work/$cat-$run" >"$work/diff" ; then
      echo "determinism: $cat catalog, run $run differs from run 1:"; head -20 "$work/diff"; exit 1
    fi
  done
  echo "determinism: $cat catalog: 3 runs under load, byte-identical ($(find "$work/$cat-1" -type f | wc -l) files)"
done
