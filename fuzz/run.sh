#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz/ with clang and runs each for a
# while, one after another (one process: the machine may be shared), or
# several at once with --jobs.
#
#   fuzz/run.sh [--merge] [--keep-going] [--jobs N] [SECONDS] [TARGET...]
#
#   SECONDS   how long each target runs (default 60)
#   TARGET    release layout svg svg_raster png jpeg image_raster render fax ccitt fill
#             (default: all of them)
#   --merge   afterwards, add the new inputs that reach new code to the
#             committed seed corpus fuzz/corpus/TARGET/ (review the diff)
#   --keep-going  run in libFuzzer's fork mode (still one process at a time)
#             and go on past crashes, timeouts and out-of-memory inputs,
#             keeping each (for a target with a known open finding)
#   --jobs N  run N targets at a time (default 1), each still one process;
#             what each found is printed in the targets' order all the same
#
# New inputs go to a scratch corpus outside the tree ($LP_FUZZ_WORK, else a
# fresh folder under /tmp that is removed at the end unless something was
# found). Prints, for each target, the executions done, the coverage reached
# and any crash, timeout, leak or out-of-memory input, which stays in the
# scratch folder: minimise it (printed command) and commit it under
# fuzz/reproducers/TARGET/ with its fix (under fuzz/open/TARGET/ while the
# fix is still to come). Exits 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(release layout svg svg_raster png jpeg image_raster render fax ccitt fill)
seconds=60 merge=0 keep_going=0 jobs=1 targets=()
want_jobs=0
for arg in "$@"; do
  if [ "$want_jobs" -eq 1 ]; then
    [[ "$arg" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --jobs takes a count, not '$arg'" >&2; exit 64; }
    jobs=$arg want_jobs=0
    continue
  fi
  case "$arg" in
    --merge) merge=1 ;;
    --keep-going) keep_going=1 ;;
    --jobs) want_jobs=1 ;;
    --jobs=*) jobs=${arg#--jobs=}
      [[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --jobs takes a count, not '$jobs'" >&2; exit 64; } ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *[!0-9]*|'')
      [[ " ${all_targets[*]} " == *" $arg "* ]] || {
        echo "run.sh: unknown target '$arg' (${all_targets[*]})" >&2; exit 64; }
      targets+=("$arg") ;;
    *) seconds=$arg ;;
  esac
done
[ "$want_jobs" -eq 0 ] || { echo "run.sh: --jobs takes a count" >&2; exit 64; }
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

# clang and its libFuzzer runtime (Debian 12).
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d build-fuzz ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=disabled -Dbench=disabled \
    -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C build-fuzz -j2 "${targets[@]/#/fuzz/fuzz_}" >/dev/null

work=${LP_FUZZ_WORK:-}
keep=1
if [ -z "$work" ]; then
  work=$(mktemp -d /tmp/letterpress-fuzz.XXXXXX)
  keep=0
fi
# Leaks that are libhyphen's, not ours (tests/lsan.supp says which).
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1"

# Runs target $1 and writes what it did to $work/$1/summary (several may
# run at once, so nothing is printed here); a finding leaves $work/$1/found.
run_target() {
  local t=$1
  local dir="$work/$t" dict seeds args execs last cov rate finds f
  mkdir -p "$dir/corpus" "$dir/artifacts"
  dict=fuzz/dict/$t.dict
  seeds=(fuzz/corpus/"$t")
  case $t in
    render | fax) dict=fuzz/dict/release.dict ;;
    svg_raster) dict=fuzz/dict/svg.dict seeds=(fuzz/corpus/svg) ;; # the SVG seeds, drawn
    image_raster) dict=fuzz/dict/png.dict seeds=(fuzz/corpus/png fuzz/corpus/jpeg) ;;
  esac
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
    -artifact_prefix="$dir/artifacts/")
  [ -f "$dict" ] && args+=(-dict="$dict")
  [ "$keep_going" -eq 1 ] && args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  # New inputs land in the first folder; the committed ones are read only.
  build-fuzz/fuzz/fuzz_"$t" "${args[@]}" "$dir/corpus" "${seeds[@]}" \
    fuzz/reproducers/"$t" >"$dir/log" 2>&1 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$dir/log" | tail -1 || true)
  # Fork mode prints no final stats: its status lines count executions.
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")
  cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov: \1 ft: \2/p' <<<"$last")
  rate=$(sed -n 's/.*exec\/s:\{0,1\} \([0-9]*\).*/\1/p' <<<"$last")
  echo "$t: ${execs:-?} executions in ${seconds} s (${rate:-?} exec/s), ${cov:-no coverage line}"
  shopt -s nullglob
  finds=("$dir"/artifacts/*)
  shopt -u nullglob
  if [ ${#finds[@]} -gt 0 ]; then
    touch "$dir/found"
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|invariant broken' \
      "$dir/log" | sed "s/^/  $t: /" || true
    for f in "${finds[@]}"; do
      echo "  $t: found $f"
      echo "    minimise: build-fuzz/fuzz/fuzz_$t -minimize_crash=1 -runs=10000 $f"
    done
    echo "  $t: log in $dir/log"
  fi
  if [ "$merge" -eq 1 ] && [ ${#seeds[@]} -gt 1 ]; then
    # Its seeds are two formats' corpora: merge into those targets' own.
    echo "  $t: not merged (it draws the seeds of ${seeds[*]}; merge those targets)"
  elif [ "$merge" -eq 1 ]; then
    build-fuzz/fuzz/fuzz_"$t" -merge=1 -timeout=10 "${seeds[0]}" "$dir/corpus" \
      >"$dir/merge.log" 2>&1 || true
    echo "  $t: merged into ${seeds[0]}: $(grep -o '[0-9]* new files with [0-9]* new features' \
      "$dir/merge.log" | tail -1)"
  fi
} >"$work/$1/summary.tmp" 2>&1

found=0
running=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  (run_target "$t"; mv "$work/$t/summary.tmp" "$work/$t/summary") &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait
for t in "${targets[@]}"; do
  if [ -f "$work/$t/summary" ]; then
    cat "$work/$t/summary"
  else
    echo "$t: the run stopped before its summary (see $work/$t)"
    touch "$work/$t/found"
  fi
  [ ! -e "$work/$t/found" ] || found=1
done

if [ "$found" -eq 0 ] && [ "$keep" -eq 0 ]; then
  rm -rf "$work"
else
  echo "scratch corpus and findings: $work"
fi
exit "$found"
