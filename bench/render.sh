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

times_ms() { # RUNS command... : each run's wall time in ms, one a line
  local n=$1; shift
  if command -v hyperfine >/dev/null; then
    # hyperfine runs the command without a shell in between.
    hyperfine -N -w 3 -r "$n" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; [print("%.3f" % (t * 1000)) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' "$tmp/h.json"
    return
  fi
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) | awk '{printf "%.3f\n", $1 / 1000}'
  done
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", (a[int((NR+1)/2)] + a[int(NR/2)+1]) / 2}'; }
median_ms() { times_ms "$@" | median; }

lp_in=$("$build/bench/bench_render" "$release" 300 | tee /dev/stderr | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
lp_render() { times_ms 15 "$build/letterpress" render "$release" -o "$tmp/lp.pdf"; }
# The machine's speed drifts over minutes: letterpress runs before and
# after WeasyPrint, and its median is taken over both.
lp_render > "$tmp/lp_times"
if command -v weasyprint >/dev/null; then
  wp_ms=$(cd "$top/bench" && median_ms 5 weasyprint seed.html "$tmp/wp.pdf")
  lp_render >> "$tmp/lp_times"
  lp_ms=$(median < "$tmp/lp_times")
  echo "letterpress render, whole process: median ${lp_ms} ms (30 runs, half before and half after WeasyPrint's)"
  echo "weasyprint $(weasyprint --version | awk '{print $NF}'), whole process: median ${wp_ms} ms (5 runs)"
  awk -v a="$wp_ms" -v b="$lp_ms" 'BEGIN {printf "ratio, whole process: letterpress is %.1fx faster\n", a/b}'
  # WeasyPrint in one Python process, warm, as letterpress in-process above.
  wp_in=$(cd "$top/bench" && /usr/bin/python3 - <<'PY'
import statistics, time, weasyprint
weasyprint.HTML("seed.html").write_pdf()
times = []
for _ in range(10):
    t = time.perf_counter()
    weasyprint.HTML("seed.html").write_pdf()
    times.append((time.perf_counter() - t) * 1000)
print("%.2f" % statistics.median(times))
PY
)
  echo "weasyprint in-process (Python API, warm): median ${wp_in} ms (10 runs)"
  awk -v a="$wp_in" -v b="$lp_in" 'BEGIN {printf "ratio, in-process: letterpress is %.1fx faster\n", a/b}'
else
  lp_render >> "$tmp/lp_times"
  echo "letterpress render, whole process: median $(median < "$tmp/lp_times") ms (30 runs)"
  echo "weasyprint not installed (apt-get install weasyprint): no comparison"
fi
