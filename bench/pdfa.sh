#!/usr/bin/env bash
# What tags and PDF/A cost the seed release, every way measured in one run:
#   bench/pdfa.sh [BUILD_DIR] [--no-callgrind]
# 1. bytes of the PDF untagged (LETTERPRESS_BENCH_UNTAGGED=1, a switch for
#    this benchmark only: every PDF letterpress publishes is tagged), tagged,
#    and with --pdfa 1b, 2b, 3b and --pdfua --pdfa 2b, each against the
#    untagged one (the goal, issue 14 item 7: tags and PDF/A together at
#    most +15 %);
# 2. in-process render time (one engine, bench_render), untagged and
#    tagged + --pdfa 2b alternating in blocks, so that the machine's drift
#    over minutes falls on both alike; the medians of the blocks, their ratio;
#    then whole processes, untagged against 2b, in 200 alternating pairs;
# 3. instructions per render under callgrind (independent of the load on the
#    machine): (instructions of 11 renders - those of 1) / 10, so that
#    starting the process and the engine is left out, untagged and 2b.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
release=$top/examples/predsednik-2024-02-20.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

LETTERPRESS_BENCH_UNTAGGED=1 "$build/letterpress" render -q "$release" -o "$tmp/untagged.pdf"
base=$(stat -c %s "$tmp/untagged.pdf")
echo "bytes, untagged: $base"
row() { # NAME FILE
  awk -v a="$(stat -c %s "$2")" -v b="$base" -v l="$1" \
    'BEGIN {printf "bytes, %s: %d (%+.1f %%)\n", l, a, (a - b) * 100 / b}'
}
"$build/letterpress" render -q "$release" -o "$tmp/tagged.pdf"
row "tagged" "$tmp/tagged.pdf"
for level in 1b 2b 3b; do
  "$build/letterpress" render -q "$release" -o "$tmp/$level.pdf" --pdfa $level
  row "tagged, --pdfa $level" "$tmp/$level.pdf"
done
"$build/letterpress" render -q "$release" -o "$tmp/ua.pdf" --pdfa 2b --pdfua
row "tagged, --pdfa 2b --pdfua" "$tmp/ua.pdf"

median_of() { # ROUNDS [2b], with the environment given
  "$build/bench/bench_render" "$release" "$@" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p'
}
: >"$tmp/untagged.ms"
: >"$tmp/2b.ms"
for _ in 1 2 3; do
  LETTERPRESS_BENCH_UNTAGGED=1 median_of 200 >>"$tmp/untagged.ms"
  median_of 200 2b >>"$tmp/2b.ms"
done
med() { sort -n "$1" | sed -n 2p; } # the middle of three blocks
u=$(med "$tmp/untagged.ms")
a=$(med "$tmp/2b.ms")
echo "in-process render, median of 3 blocks of 200: untagged $u ms, tagged --pdfa 2b $a ms"
awk -v a="$a" -v b="$u" 'BEGIN {printf "time, tagged --pdfa 2b: %+.1f %%\n", (a - b) * 100 / b}'
# Whole processes in 200 alternating pairs (bench/paired.py), which the
# machine's drift moves least: what a user waits for, start included.
python3 "$top/bench/paired.py" 200 \
  "LETTERPRESS_BENCH_UNTAGGED=1 $build/letterpress render -q $release -o $tmp/pu.pdf" \
  "$build/letterpress render -q $release -o $tmp/p2b.pdf --pdfa 2b"

[ "${2:-}" = --no-callgrind ] && exit 0
command -v valgrind >/dev/null || { echo "no valgrind: instruction counts skipped"; exit 0; }
instructions() { # ROUNDS [2b]
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$build/bench/bench_render" "$release" "$@" >/dev/null 2>&1
  sed -n 's/^summary: \([0-9]*\).*/\1/p' "$tmp/cg.out"
}
ui=$(( ($(LETTERPRESS_BENCH_UNTAGGED=1 instructions 11) - $(LETTERPRESS_BENCH_UNTAGGED=1 instructions 1)) / 10 ))
ai=$(( ($(instructions 11 2b) - $(instructions 1 2b)) / 10 ))
echo "instructions per render (callgrind): untagged $ui, tagged --pdfa 2b $ai"
awk -v a="$ai" -v b="$ui" 'BEGIN {printf "instructions, tagged --pdfa 2b: %+.1f %%\n", (a - b) * 100 / b}'
