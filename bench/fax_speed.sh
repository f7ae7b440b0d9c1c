#!/usr/bin/env bash
# Fax speed, next to Ghostscript's tiffg4 on letterpress's own PDFs of the
# same releases, in the same run:
#   bench/fax_speed.sh [BUILD_DIR] [ROUNDS]      (defaults: build, 3)
# 1. in one process: build/bench/bench_fax renders each example release to a
#    fax TIFF in memory again and again (engine warm: fonts and glyph masks
#    cached, as in a batch): fax pages per second; and the backend alone,
#    display list to TIFF, which is the part Ghostscript does to a PDF;
# 2. a whole batch: `letterpress batch examples -o A --format tiff --jobs 1`
#    against one `gs -sDEVICE=tiffg4 -r204x196` process given every PDF:
#    pages per second, whole processes;
# 3. a process a release: `letterpress render X.md -o X.tiff` against
#    `gs ... X.pdf`, every release once per round: pages per second;
# 4. one one-page release to TIFF against the same release to PDF, whole
#    processes: 200 pairs timed in turn (bench/paired.py), then hyperfine
#    when installed (else a timed loop of 30);
# 5. a further page, as an archive's fax export renders ever new releases:
#    the generated one-page releases of the batch benchmark
#    (bench/batch_gen.py), the first N and the first 2N to TIFF in one
#    `letterpress batch --jobs 1`, and gs in one process on letterpress's
#    PDFs of the same N and 2N; the difference over the extra N releases is
#    what a page costs each once started (N: FAX_SPEED_N, default 200:
#    with 100, the start-up's noise moved the result by half);
#    and with two cores each (when there are two): `--jobs 2` against two
#    gs processes at once, each given every other PDF;
# 6. a page in one process, one thread each (build/bench/bench_vs_gs):
#    2N generated releases, then the examples, to fax TIFF by letterpress's
#    engine and letterpress's PDFs of them by Ghostscript's library (libgs),
#    in turns of 20 releases, each side's block twice in its turn (the
#    other side's turn leaves its caches cold), each release's least over
#    ROUNDS rounds after a first:
#    the machine's drift, which moves whole runs by half here and leaves
#    section 5 a matter of luck, falls on both alike.
# Each figure is the median over ROUNDS rounds. FAX_SPEED_SECTIONS runs only
# the sections it lists (say 5, or 125; default all). FAX_SPEED_BASE=DIR
# times another build's letterpress (say main's, before a change) in
# section 5 too, in turn with this one in every round (first in every
# other round), so that the two are compared under the same load.
#
# Every timed run writes into a new folder of its own, removed only at the
# end, so that no run follows the deletion of the one before's files.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
rounds=${2:-3}
lp=$build/letterpress
base=${FAX_SPEED_BASE:+$(cd "$FAX_SPEED_BASE" && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in gs "$lp" "$build/bench/bench_fax"; do
  command -v "$t" >/dev/null || { echo "fax_speed.sh: needs $t" >&2; exit 69; }
done
gs_fax() { gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x196 "$@"; }
now_ns() { date +%s%N; }
want() { [[ ${FAX_SPEED_SECTIONS:-123456} == *"$1"* ]]; }
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

if want 1; then
echo "== 1. in one process (bench_fax, 20 renders a release after a warm-up)"
for f in "$tmp"/src/*.md; do "$build/bench/bench_fax" "$f" 20; done | tee "$tmp/inproc"
awk '/backend alone/ {for (i = 1; i <= NF; i++) { if ($i == "TIFF") b += $(i + 2); if ($i == "PDF") bp += $(i + 2) }; next}
  {for (i = 1; i <= NF; i++) { if ($i == "page(s),") p += $(i - 1); if ($i == "TIFF") t += $(i + 2); if ($i == "PDF") tp += $(i + 2) }}
  END {printf "all examples: %d pages in %.1f ms: %.0f fax pages/s in one process (release to TIFF; to PDF %.1f ms)\n", p, t, p * 1000 / t, tp;
    printf "backend alone (display list to TIFF): %.1f ms, %.0f fax pages/s (to PDF: %.1f ms)\n", b, p * 1000 / b, bp}' \
  "$tmp/inproc"
echo
fi

# measure NAME command...: the CPU seconds (user + system, children
# included) and wall seconds of one whole run, appended to $tmp/NAME. On a
# shared machine the CPU figure moves less than the wall.
measure() {
  local name=$1; shift
  local t0 t1
  t0=$(now_ns)
  cpu_of "$@" >"$tmp/cpu"
  t1=$(now_ns)
  echo "$(cat "$tmp/cpu") $(echo "($t1 - $t0) / 1000000000" | bc -l)" >>"$tmp/$name"
}
# cpu_of command...: runs it (output discarded) and prints its CPU seconds,
# user + system, children included, to the microsecond (time(1) rounds to
# hundredths, a tenth of a millisecond a page over 100 pages).
cpu_of() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.6f" % (r.ru_utime + r.ru_stime))' "$@"
}
# fresh: a new empty folder under $tmp/out, printed.
fresh() { mkdir -p "$tmp/out" && mktemp -d "$tmp/out/XXXXXX"; }
# timed NAME command...: the same run as "pages/s pages/CPU-s" of the
# examples' pages, appended to $tmp/NAME.
timed() {
  local name=$1; shift
  measure last "$@"
  read -r c w < <(tail -n 1 "$tmp/last")
  awk -v p="$pages" -v w="$w" -v c="$c" 'BEGIN {printf "%.2f %.2f\n", p / w, p / c}' >>"$tmp/$name"
}
lp_one_by_one() { for f in "$tmp"/src/*.md; do "$lp" render -q "$f" -o "$tmp/one.tiff"; done; }
gs_one_by_one() { for f in "$tmp"/pdf/*.pdf; do gs_fax -o "$tmp/one-gs.tif" "$f"; done; }
export -f gs_fax lp_one_by_one gs_one_by_one 2>/dev/null || true
export lp tmp

if want 2 || want 3; then
for _ in $(seq "$rounds"); do
  timed batch "$lp" batch -q "$tmp/src" -o "$(fresh)/a" --format tiff --jobs 1
  g=$(fresh); export g
  timed gsone bash -c 'gs_fax -o "$g/p-%03d.tif" "$tmp"/pdf/*.pdf'
  timed lpproc bash -c lp_one_by_one
  timed gsproc bash -c gs_one_by_one
done
col() { cut -d' ' -f"$1" <"$tmp/$2" | median; }
report() { # TITLE LP_FILE LP_NAME GS_FILE GS_NAME
  echo "== $1 (median of $rounds)"
  printf "%s: %.1f pages/s, %.1f pages per CPU-second\n" "$3" "$(col 1 "$2")" "$(col 2 "$2")"
  printf "%s: %.1f pages/s, %.1f pages per CPU-second\n" "$5" "$(col 1 "$4")" "$(col 2 "$4")"
  printf "ratio: %.1fx wall, %.1fx CPU\n\n" "$(echo "$(col 1 "$2") / $(col 1 "$4")" | bc -l)" \
    "$(echo "$(col 2 "$2") / $(col 2 "$4")" | bc -l)"
}
report "2. a whole batch, one process" batch "letterpress batch --format tiff --jobs 1" \
  gsone "gs tiffg4 204x196, one process, every PDF"
report "3. a process a release" lpproc "letterpress render -o X.tiff" gsproc "gs tiffg4 204x196 X.pdf"
fi

if want 4; then
echo "== 4. one one-page release, whole process: TIFF against PDF"
one=$top/examples/predsednik-2024-02-20.md
# In pairs (bench/paired.py), which the machine's drift moves least; then
# hyperfine's own figures.
python3 "$top/bench/paired.py" 200 "$lp render -q $one -o $tmp/x.tiff" "$lp render -q $one -o $tmp/x.pdf"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 --style basic \
    "$lp render -q $one -o $tmp/x.tiff" "$lp render -q $one -o $tmp/x.pdf" 2>&1 \
    | grep -E "Benchmark|Time|±|faster" || true
  # CPU time of 30 runs each, which the machine's load moves less.
  for out in x.tiff x.pdf; do
    c=$(cpu_of bash -c "for i in \$(seq 30); do $lp render -q $one -o $tmp/$out; done")
    echo "$out: $(echo "$c * 1000 / 30" | bc -l | cut -c1-5) ms of CPU a run"
  done
else
  for out in x.tiff x.pdf; do
    t0=$(now_ns)
    for i in $(seq 30); do "$lp" render -q "$one" -o "$tmp/$out"; done
    t1=$(now_ns)
    echo "$out: $(( (t1 - t0) / 30000000 )) ms a run"
  done
fi
echo
fi

if want 5; then
n=${FAX_SPEED_N:-200}
echo "== 5. a further page: the first $n and $((2 * n)) generated releases, one process each (median of $rounds)"
python3 "$top/bench/batch_gen.py" "$tmp/gen" $((2 * n)) >/dev/null
cd "$tmp/gen" # batch --from takes paths relative to the current folder
find src -name '*.md' | sort >all.list
head -n "$n" all.list >half.list
"$lp" batch -q --from all.list -o "$tmp/genpdf" --format pdf
for l in half all; do
  sed "s|^\(.*\)\.md$|$tmp/genpdf/\1.pdf|" "$l.list" >"$l.pdfs"
  # Every core busy: two gs processes, each given every other PDF.
  awk 'NR % 2' "$l.pdfs" >"$l.pdfs1"
  awk '!(NR % 2)' "$l.pdfs" >"$l.pdfs2"
done
# shellcheck disable=SC2046
gs_two() { # LIST DIR: two gs processes at once on the list's two halves
  gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x196 -o "$2/a-%04d.tif" $(cat "$1.pdfs1") &
  gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x196 -o "$2/b-%04d.tif" $(cat "$1.pdfs2")
  wait
}
export -f gs_two
lp_tiff() { # NAME LETTERPRESS LIST
  measure "$1" "$2" batch -q --from "$3.list" -o "$(fresh)/f" --format tiff --jobs 1
}
for r in $(seq "$rounds"); do
  for l in half all; do
    # With a base build, the two take turns going first: the one run
    # second after the other may find the machine warmer or busier.
    if [ -n "$base" ] && [ $((r % 2)) -eq 0 ]; then
      lp_tiff "base_$l" "$base/letterpress" "$l"
      lp_tiff "lp_$l" "$lp" "$l"
    else
      lp_tiff "lp_$l" "$lp" "$l"
      [ -z "$base" ] || lp_tiff "base_$l" "$base/letterpress" "$l"
    fi
    # shellcheck disable=SC2046
    measure "gs_$l" gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x196 \
      -o "$(fresh)/p-%04d.tif" $(cat "$l.pdfs")
    if [ "$(nproc)" -ge 2 ]; then
      measure "lp2_$l" "$lp" batch -q --from "$l.list" -o "$(fresh)/f" --format tiff --jobs 2
      measure "gs2_$l" bash -c "gs_two $l $(fresh)"
    fi
  done
done
further() { # TOOL COLUMN: milliseconds a further page, from the medians
  echo "($(cut -d' ' -f"$2" <"$tmp/${1}_all" | median) - $(cut -d' ' -f"$2" <"$tmp/${1}_half" | median)) * 1000 / $n" | bc -l
}
least() { # TOOL: CPU milliseconds a further page, from each size's least CPU time
  echo "($(cut -d' ' -f1 <"$tmp/${1}_all" | sort -g | head -1) - $(cut -d' ' -f1 <"$tmp/${1}_half" | sort -g | head -1)) * 1000 / $n" | bc -l
}
spread() { # TOOL: the least and the most CPU ms a further page of a single round
  paste -d' ' "$tmp/${1}_half" "$tmp/${1}_all" |
    awk -v n="$n" '{d = ($3 - $1) * 1000 / n; if (NR == 1 || d < lo) lo = d; if (NR == 1 || d > hi) hi = d}
      END {printf "%.2f-%.2f", lo, hi}'
}
lp_cpu=$(further lp 1) gs_cpu=$(further gs 1) lp_wall=$(further lp 2) gs_wall=$(further gs 2)
printf "letterpress, release to fax TIFF: %.2f ms of CPU a further page (%.0f pages/s), %.2f ms wall\n" \
  "$lp_cpu" "$(echo "1000 / $lp_cpu" | bc -l)" "$lp_wall"
printf "gs tiffg4 204x196 on the PDFs: %.2f ms of CPU a further page (%.0f pages/s), %.2f ms wall\n" \
  "$gs_cpu" "$(echo "1000 / $gs_cpu" | bc -l)" "$gs_wall"
printf "ratio: %.1fx CPU, %.1fx wall\n" "$(echo "$gs_cpu / $lp_cpu" | bc -l)" "$(echo "$gs_wall / $lp_wall" | bc -l)"
# One round's figure is the difference of two runs of a few tenths of a
# second each, most of it the start-up: a round can be far off the median.
echo "single rounds, CPU ms a further page: letterpress $(spread lp), gs $(spread gs)"
# A busy machine only adds time, so each size's least CPU time over the
# rounds is nearest what it costs alone: the steadier figure of the two.
lp_least=$(least lp) gs_least=$(least gs)
printf "from the least times: letterpress %.2f ms, gs %.2f ms of CPU a further page: %.1fx\n" \
  "$lp_least" "$gs_least" "$(echo "$gs_least / $lp_least" | bc -l)"
if [ -n "$base" ]; then
  base_cpu=$(further base 1)
  printf "base build (%s): %.2f ms of CPU a further page, %.1fx gs; this build takes %.1f %% of its time\n" \
    "$base" "$base_cpu" "$(echo "$gs_cpu / $base_cpu" | bc -l)" "$(echo "100 * $lp_cpu / $base_cpu" | bc -l)"
fi
if [ "$(nproc)" -ge 2 ]; then
  # Two cores each: letterpress's two workers in one process against two
  # gs processes; the wall time is what counts here.
  lp2_wall=$(further lp2 2) gs2_wall=$(further gs2 2)
  printf "two cores each: letterpress --jobs 2 %.2f ms wall a further page (%.0f pages/s), two gs processes %.2f ms (%.0f pages/s): %.1fx\n" \
    "$lp2_wall" "$(echo "1000 / $lp2_wall" | bc -l)" "$gs2_wall" "$(echo "1000 / $gs2_wall" | bc -l)" \
    "$(echo "$gs2_wall / $lp2_wall" | bc -l)"
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"
fi

if want 6; then
n=${FAX_SPEED_N:-200}
echo "== 6. a page in one process, one thread each, in turns: letterpress and libgs on $((2 * n)) generated releases"
python3 "$top/bench/batch_gen.py" "$tmp/gen6" $((2 * n)) >/dev/null
cd "$tmp/gen6"
find src -name '*.md' | sort >all.list
"$build/bench/bench_vs_gs" all.list $((rounds + 1)) || echo "bench_vs_gs: exit $? (69: no libgs.so.10)"
# The examples too: denser pages than the generated ones'. From the second
# round on, a release whose page its letterhead's recall kept takes all its
# rows from it, which flatters letterpress here and not on new releases.
# Each release's ratio too: gs takes about the same time for any page,
# letterpress more for a page dense with text, which it sets.
echo "== 6. the same on the $n_rel examples ($pages pages)"
ls "$tmp"/src/*.md >"$tmp/examples.list"
"$build/bench/bench_vs_gs" "$tmp/examples.list" $((rounds + 1)) each || echo "bench_vs_gs: exit $?"
fi
