#!/usr/bin/env bash
# Fax speed, next to Ghostscript's tiffg4 on letterpress's own PDFs of the
# same releases, in the same run:
#   bench/fax_speed.sh [BUILD_DIR] [ROUNDS]      (defaults: build, 3)
# 1. in one process: build/bench/bench_fax renders each example release to a
#    fax TIFF in memory again and again (engine warm: fonts and glyph masks
#    cached, as in a batch): fax pages per second;
# 2. a whole batch: `letterpress batch examples -o A --format tiff --jobs 1`
#    against one `gs -sDEVICE=tiffg4 -r204x196` process given every PDF:
#    pages per second, whole processes;
# 3. a process a release: `letterpress render X.md -o X.tiff` against
#    `gs ... X.pdf`, every release once per round: pages per second;
# 4. one one-page release to TIFF against the same release to PDF, whole
#    processes (hyperfine when installed, else a timed loop of 30).
# Each figure is the median over ROUNDS rounds.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
rounds=${2:-3}
lp=$build/letterpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in gs "$lp" "$build/bench/bench_fax"; do
  command -v "$t" >/dev/null || { echo "fax_speed.sh: needs $t" >&2; exit 69; }
done
gs_fax() { gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x196 "$@"; }
now_ns() { date +%s%N; }
median() { sort -g | awk '{a[NR] = $1} END {print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

mkdir -p "$tmp/src"
cp "$top"/examples/*.md "$tmp/src/"
"$lp" batch -q "$tmp/src" -o "$tmp/pdf" --format pdf >/dev/null
pages=$(grep -o '"pages":[0-9]*' "$tmp/pdf/manifest.jsonl" | cut -d: -f2 | paste -sd+ | bc)
n_rel=$(ls "$tmp/src" | wc -l)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "releases: $n_rel examples, $pages pages"
echo

echo "== 1. in one process (bench_fax, 20 renders a release after a warm-up)"
for f in "$tmp"/src/*.md; do "$build/bench/bench_fax" "$f" 20; done | tee "$tmp/inproc"
awk '{for (i = 1; i <= NF; i++) { if ($i == "page(s),") p += $(i - 1); if ($i == "TIFF") t += $(i + 2) }}
  END {printf "all examples: %d pages in %.1f ms: %.0f fax pages/s in one process\n", p, t, p * 1000 / t}' \
  "$tmp/inproc"
echo

for r in $(seq "$rounds"); do
  rm -rf "$tmp/a" "$tmp/g"; mkdir -p "$tmp/g"
  t0=$(now_ns); "$lp" batch -q "$tmp/src" -o "$tmp/a" --format tiff --jobs 1 >/dev/null; t1=$(now_ns)
  echo "$pages $(( t1 - t0 ))" | awk '{print $1 / ($2 / 1e9)}' >>"$tmp/batch"
  t0=$(now_ns); gs_fax -o "$tmp/g/p-%03d.tif" "$tmp"/pdf/*.pdf; t1=$(now_ns)
  echo "$pages $(( t1 - t0 ))" | awk '{print $1 / ($2 / 1e9)}' >>"$tmp/gsone"
  t0=$(now_ns)
  for f in "$tmp"/src/*.md; do "$lp" render -q "$f" -o "$tmp/one.tiff"; done
  t1=$(now_ns)
  echo "$pages $(( t1 - t0 ))" | awk '{print $1 / ($2 / 1e9)}' >>"$tmp/lpproc"
  t0=$(now_ns)
  for f in "$tmp"/pdf/*.pdf; do gs_fax -o "$tmp/one-gs.tif" "$f"; done
  t1=$(now_ns)
  echo "$pages $(( t1 - t0 ))" | awk '{print $1 / ($2 / 1e9)}' >>"$tmp/gsproc"
done
b=$(median <"$tmp/batch"); g=$(median <"$tmp/gsone")
lpp=$(median <"$tmp/lpproc"); gp=$(median <"$tmp/gsproc")
echo "== 2. a whole batch, one process (median of $rounds)"
printf "letterpress batch --format tiff --jobs 1: %.1f pages/s\n" "$b"
printf "gs tiffg4 204x196, one process, every PDF: %.1f pages/s\n" "$g"
printf "ratio: %.1fx\n\n" "$(echo "$b / $g" | bc -l)"
echo "== 3. a process a release (median of $rounds)"
printf "letterpress render -o X.tiff: %.1f pages/s\n" "$lpp"
printf "gs tiffg4 204x196 X.pdf: %.1f pages/s\n" "$gp"
printf "ratio: %.1fx\n\n" "$(echo "$lpp / $gp" | bc -l)"

echo "== 4. one one-page release, whole process: TIFF against PDF"
one=$top/examples/predsednik-2024-02-20.md
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 --style basic \
    "$lp render -q $one -o $tmp/x.tiff" "$lp render -q $one -o $tmp/x.pdf" 2>&1 \
    | grep -E "Benchmark|Time|±|faster" || true
else
  for out in x.tiff x.pdf; do
    t0=$(now_ns)
    for i in $(seq 30); do "$lp" render -q "$one" -o "$tmp/$out"; done
    t1=$(now_ns)
    echo "$out: $(( (t1 - t0) / 30000000 )) ms a run"
  done
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"
