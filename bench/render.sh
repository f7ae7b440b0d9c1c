#!/usr/bin/env bash
# Rendering speed of the seed release, letterpress next to WeasyPrint in the
# same run:
#   bench/render.sh [BUILD_DIR]
# 1. in-process: one engine, the release rendered again and again (median);
# 2. whole process: `letterpress render` from start to exit (median of runs);
# 3. WeasyPrint rendering an equivalent HTML (bench/seed.html), whole process.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
release=$top/examples/predsednik-2024-02-20.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/bench/bench_render" "$release" 300

median_ms() { # command... ; prints the median wall time of N runs in ms
  local n=$1; shift
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR+1)/2)]/1000}'
}

lp_ms=$(median_ms 30 "$build/letterpress" render "$release" -o "$tmp/lp.pdf")
echo "letterpress render, whole process: median ${lp_ms} ms (30 runs)"
if command -v weasyprint >/dev/null; then
  wp_ms=$(cd "$top/bench" && median_ms 5 weasyprint seed.html "$tmp/wp.pdf")
  echo "weasyprint $(weasyprint --version | awk '{print $NF}'), whole process: median ${wp_ms} ms (5 runs)"
  awk -v a="$wp_ms" -v b="$lp_ms" 'BEGIN {printf "ratio, whole process: letterpress is %.0fx faster\n", a/b}'
else
  echo "weasyprint not installed (apt-get install weasyprint): no comparison"
fi
