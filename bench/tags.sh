#!/usr/bin/env bash
# What tagging costs: the seed release (examples/predsednik-2024-02-20.md)
# rendered by two builds side by side in one run, an untagged one (BEFORE:
# a build of the commit before tagged PDF) and a tagged one (AFTER), runs
# alternating so that both see the same machine; prints the bytes of each
# PDF and the median whole-process time of each, with their ratios.
#
#   bench/tags.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
before=$1/letterpress
after=$2/letterpress
runs=${3:-30}
seed=$top/examples/predsednik-2024-02-20.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$before" render -q "$seed" -o "$tmp/before.pdf"
"$after" render -q "$seed" -o "$tmp/after.pdf"
b_bytes=$(stat -c %s "$tmp/before.pdf")
a_bytes=$(stat -c %s "$tmp/after.pdf")
ns() { date +%s%N; }
: > "$tmp/b.txt"
: > "$tmp/a.txt"
for _ in $(seq "$runs"); do
  t0=$(ns); "$before" render -q "$seed" -o "$tmp/b.pdf"; t1=$(ns)
  "$after" render -q "$seed" -o "$tmp/a.pdf"; t2=$(ns)
  echo $(( (t1 - t0) / 1000 )) >> "$tmp/b.txt"
  echo $(( (t2 - t1) / 1000 )) >> "$tmp/a.txt"
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
b_us=$(median "$tmp/b.txt")
a_us=$(median "$tmp/a.txt")
awk -v bb="$b_bytes" -v ab="$a_bytes" -v bt="$b_us" -v at="$a_us" -v n="$runs" 'BEGIN {
  printf "bytes: untagged %d, tagged %d, ratio %.3f\n", bb, ab, ab / bb
  printf "render (median of %d, whole process): untagged %.1f ms, tagged %.1f ms, ratio %.3f\n",
    n, bt / 1000, at / 1000, at / bt
}'
