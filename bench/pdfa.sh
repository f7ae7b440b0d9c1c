#!/usr/bin/env bash
# What PDF/A costs on the seed release, both ways measured in the same run:
#   bench/pdfa.sh [BUILD_DIR]
# 1. bytes of the PDF with and without --pdfa 2b (and 1b, 3b for reference);
# 2. in-process render time (one engine, bench_render), plain and 2b
#    alternating in blocks, so that the machine's drift over minutes falls
#    on both alike; the medians of the blocks and their ratio.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
release=$top/examples/predsednik-2024-02-20.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/letterpress" render -q "$release" -o "$tmp/plain.pdf"
plain=$(stat -c %s "$tmp/plain.pdf")
echo "bytes, plain: $plain"
for level in 1b 2b 3b; do
  "$build/letterpress" render -q "$release" -o "$tmp/$level.pdf" --pdfa $level
  awk -v a="$(stat -c %s "$tmp/$level.pdf")" -v b="$plain" -v l=$level \
    'BEGIN {printf "bytes, --pdfa %s: %d (%+.1f %%)\n", l, a, (a - b) * 100 / b}'
done

median_of() { bench_out=$("$build/bench/bench_render" "$release" 200 "$@"); echo "$bench_out" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p'; }
: >"$tmp/plain.ms"
: >"$tmp/2b.ms"
for _ in 1 2 3; do
  median_of >>"$tmp/plain.ms"
  median_of 2b >>"$tmp/2b.ms"
done
med() { sort -n "$1" | sed -n 2p; } # the middle of three blocks
p=$(med "$tmp/plain.ms")
a=$(med "$tmp/2b.ms")
echo "in-process render, median of 3 blocks of 200: plain $p ms, --pdfa 2b $a ms"
awk -v a="$a" -v b="$p" 'BEGIN {printf "time, --pdfa 2b: %+.1f %%\n", (a - b) * 100 / b}'
