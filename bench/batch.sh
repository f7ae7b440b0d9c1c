#!/usr/bin/env bash
# Exporting an archive: `letterpress batch` over 1,000 one-page releases with
# --jobs 1 and --jobs 2, next to Typst and WeasyPrint in the same run:
#   bench/batch.sh [BUILD_DIR] [RELEASES] [ROUNDS] [WEASYPRINT_DOCS]
# (defaults: build, 1000, 5, 100). Each round runs the four programs once,
# in an order that turns by one every round, so that a change of the
# machine's load falls on all of them alike; the figures are the medians
# over the rounds. Every program is timed as a whole process, from exec to
# exit, writing every PDF to a fresh folder:
#   - letterpress batch SRC -o ARCHIVE --jobs N (outputs durable, manifest
#     written; peak RSS from /usr/bin/time);
#   - Typst: one node process, one NodeCompiler, every document compiled
#     and its PDF written (bench/typst; `npm ci` there first);
#   - WeasyPrint: one Python process, HTML(...).write_pdf() for the first
#     WEASYPRINT_DOCS documents only (it takes about a fifth of a second a
#     document: the whole thousand would take minutes a round).
# The documents come from bench/batch_gen.py (seeded, so every run sets the
# same text).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
count=${2:-1000}
rounds=${3:-5}
wp_docs=${4:-100}
lp=$build/letterpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$top/bench/batch_gen.py" "$tmp/gen" "$count"
have_typst=0
[ -d "$top/bench/typst/node_modules/@myriaddreamin" ] && have_typst=1
have_wp=0
/usr/bin/python3 -c "import weasyprint" 2>/dev/null && have_wp=1
[ "$have_typst" -eq 1 ] || echo "Typst not installed (cd bench/typst && npm ci): no comparison"
[ "$have_wp" -eq 1 ] || echo "WeasyPrint not installed (./setup --bench): no comparison"

now_ns() { date +%s%N; }

# run NAME DOCS command...: times one whole process, appends
# "NAME seconds docs/s peak_rss_kB" to $tmp/results.
run() {
  local name=$1 docs=$2; shift 2
  rm -rf "$tmp/out"
  sync
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/log" 2>&1 || {
    echo "$name failed:" >&2; cat "$tmp/log" >&2; exit 1
  }
  t1=$(now_ns)
  awk -v n="$name" -v d="$docs" -v ns=$((t1 - t0)) -v rss="$(tail -1 "$tmp/rss")" \
    'BEGIN {s = ns / 1e9; printf "%s %.3f %.1f %d\n", n, s, d / s, rss}' | tee -a "$tmp/results"
}

lp_jobs() {
  run "letterpress-jobs$1" "$count" "$lp" batch "$tmp/gen/src" -o "$tmp/out" --jobs "$1" -q
  # The manifest lists every release, each ok.
  [ "$(grep -c '"status":"ok"' "$tmp/out/manifest.jsonl")" -eq "$count" ] || {
    echo "letterpress: not every release ok" >&2; exit 1
  }
}
typst() {
  run typst "$count" node "$top/bench/typst/compile.mjs" "$tmp/gen/typst.json" "$tmp/out" \
    "$top/fonts" "$top"
}
weasyprint() {
  run weasyprint "$wp_docs" /usr/bin/python3 - "$tmp/gen/html" "$tmp/out" "$wp_docs" <<'PY'
import os, sys, weasyprint
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
for name in sorted(os.listdir(src))[:n]:
    weasyprint.HTML(os.path.join(src, name)).write_pdf(os.path.join(out, name[:-4] + "pdf"))
PY
}

progs=(lp_jobs1 lp_jobs2)
[ "$have_typst" -eq 1 ] && progs+=(typst)
[ "$have_wp" -eq 1 ] && progs+=(weasyprint)
lp_jobs1() { lp_jobs 1; }
lp_jobs2() { lp_jobs 2; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "name seconds docs/s peak_rss_kB"
for r in $(seq 0 $((rounds - 1))); do
  for i in $(seq 0 $((${#progs[@]} - 1))); do
    "${progs[$(( (i + r) % ${#progs[@]} ))]}"
  done
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"

# The ratios within each round (the load changes less within a round than
# across rounds), then the medians over the rounds.
echo
awk -v per="${#progs[@]}" '
  { rate[$1] = $3 }
  NR % per == 0 {
    printf "round %d: jobs 2 / jobs 1 %.2fx", NR / per, rate["letterpress-jobs2"] / rate["letterpress-jobs1"]
    if ("typst" in rate) printf ", jobs 2 / Typst %.1fx", rate["letterpress-jobs2"] / rate["typst"]
    print ""
  }' "$tmp/results"
awk '
  { rate[$1] = rate[$1] " " $3; rss[$1] = rss[$1] " " $4 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    for (k in rate) { m[k] = median(rate[k]); printf "%s: median %.1f docs/s, peak RSS median %.1f MB\n", k, m[k], median(rss[k]) / 1024 }
    j1 = m["letterpress-jobs1"]; j2 = m["letterpress-jobs2"]
    printf "jobs 2 / jobs 1: %.2fx\n", j2 / j1
    if ("typst" in m) printf "letterpress jobs 2 / Typst: %.1fx (jobs 1 / Typst: %.1fx)\n", j2 / m["typst"], j1 / m["typst"]
    if ("weasyprint" in m) printf "letterpress jobs 2 / WeasyPrint: %.1fx\n", j2 / m["weasyprint"]
  }' "$tmp/results" | sort
