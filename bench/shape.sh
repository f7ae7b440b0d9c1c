#!/bin/sh
# Shaping throughput of letterpress next to hb-shape (Debian libharfbuzz-bin)
# on the same text: the body paragraphs of the seed release, Noto Serif,
# language sr. Usage: bench/shape.sh [BUILD_DIR] [ITERATIONS]
# hb-shape's own start-up, font loading and output are taken out by timing
# it once with 1 iteration and once with ITERATIONS + 1.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
n=${2:-500}
release=$root/examples/seed-saopstenje-2024-02-20.md
font=$root/fonts/NotoSerif-Regular.ttf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/bench/bench_shape" "$release" "$root/fonts" "$n" --write-text "$tmp/body.txt" | tee "$tmp/lp.txt"
chars=$(sed -n 's/.*characters \([0-9]*\),.*/\1/p' "$tmp/lp.txt")

ns() { date +%s%N; }
run_hb() {
	hb-shape --font-file="$font" --text-file="$tmp/body.txt" --language=sr --direction=ltr \
		--num-iterations="$1" --output-file=/dev/null
}
t0=$(ns); run_hb 1; t1=$(ns); run_hb $((n + 1)); t2=$(ns)
hb_ns=$(( (t2 - t1) - (t1 - t0) ))
[ "$hb_ns" -gt 0 ] || hb_ns=1
hb_rate=$(awk -v c="$chars" -v n="$n" -v t="$hb_ns" 'BEGIN { printf "%.0f", c * n / (t / 1e9) }')
lp_rate=$(sed -n 's/^letterpress shape: \([0-9]*\).*/\1/p' "$tmp/lp.txt")
echo "hb-shape: $hb_rate chars/s"
awk -v a="$lp_rate" -v b="$hb_rate" 'BEGIN { printf "letterpress shape / hb-shape: %.2f\n", a / b }'
