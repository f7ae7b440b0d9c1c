#!/usr/bin/env bash
# What signing costs: `letterpress batch --jobs 2` over generated releases
# (bench/batch_gen.py: the example releases' layouts, most with a
# signature block), unsigned, signed with an RSA-2048 key and signed with
# an ECDSA P-256 key, in the same run:
#   bench/sign.sh [BUILD_DIR] [RELEASES] [ROUNDS]   (defaults: build, 300, 5)
# Each round runs the three once, in an order that turns by one every
# round, so a change of the machine's load falls on all alike; figures are
# medians over the rounds, whole processes from exec to exit, every output
# durable. The keys are made here with openssl (PEM files, no password).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
count=${2:-300}
rounds=${3:-5}
lp=$build/letterpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$top/bench/batch_gen.py" "$tmp/gen" "$count" >/dev/null
cd "$tmp"
ext='keyUsage=critical,digitalSignature,nonRepudiation'
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key 2>/dev/null
for k in rsa ec; do
  openssl req -x509 -new -key $k.key -out $k.pem -days 2 -subj "/CN=bench $k" -addext "$ext" 2>/dev/null
done

now_ns() { date +%s%N; }
# run NAME ARGS...: one batch, appends "NAME seconds" to results.
run() {
  local name=$1; shift
  rm -rf out
  sync
  local t0 t1
  t0=$(now_ns)
  "$lp" batch gen/src -o out --jobs 2 -q "$@" >log 2>&1 || { echo "$name failed:" >&2; cat log >&2; exit 1; }
  t1=$(now_ns)
  [ "$(grep -c '"status":"ok"' out/manifest.jsonl)" -eq "$count" ] || { echo "$name: not every release ok" >&2; exit 1; }
  echo "$name $(( (t1 - t0) / 1000000 ))" >> results
  # The figures are of real signatures: one output of each signed run checked.
  if [ "$name" != unsigned ]; then
    pdfsig -nocert "$(find out -name '*.pdf' | sort | head -1)" | grep -q "Signature is Valid." ||
      { echo "$name: the signed outputs do not verify" >&2; exit 1; }
  fi
}

names=(unsigned rsa ec)
for ((r = 0; r < rounds; r++)); do
  for ((i = 0; i < 3; i++)); do
    n=${names[$(( (i + r) % 3 ))]}
    case $n in
      unsigned) run unsigned ;;
      *) run "$n" --sign "$n.key" --sign-cert "$n.pem" ;;
    esac
  done
done

median() { grep "^$1 " results | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
u=$(median unsigned) r=$(median rsa) e=$(median ec)
echo "releases: $count, rounds: $rounds, batch --jobs 2, median whole-process ms"
awk -v u="$u" -v r="$r" -v e="$e" -v n="$count" 'BEGIN {
  printf "%-9s %8s %12s %14s\n", "", "ms", "releases/s", "vs unsigned"
  printf "%-9s %8d %12.1f %14s\n", "unsigned", u, n * 1000 / u, "-"
  printf "%-9s %8d %12.1f %+13.1f%%\n", "RSA-2048", r, n * 1000 / r, (r - u) * 100 / u
  printf "%-9s %8d %12.1f %+13.1f%%\n", "ECDSA", e, n * 1000 / e, (e - u) * 100 / u
}'
