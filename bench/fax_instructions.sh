#!/usr/bin/env bash
# One whole process, a release to fax TIFF against the same release to PDF,
# counted in instructions by valgrind's callgrind (which the machine's load
# does not move, unlike wall and CPU time):
#   bench/fax_instructions.sh [BUILD_DIR] [RELEASE]
# (defaults: build, the one-page examples/predsednik-2024-02-20.md). Prints
# each process's instructions, the writer's share (lp_raster_render_tiff,
# lp_pdf_render: the rest is the same work for both) and TIFF / PDF.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
one=${2:-$top/examples/predsednik-2024-02-20.md}
for t in valgrind callgrind_annotate "$build/letterpress"; do
  command -v "$t" >/dev/null || { echo "fax_instructions.sh: needs $t" >&2; exit 69; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# count OUT WRITER: whole-process instructions, then the writer's inclusive.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" \
    "$build/letterpress" render -q "$one" -o "$tmp/$1" 2>"$tmp/log.$1"
  local all writer
  all=$(sed -n 's/.*Collected : //p' "$tmp/log.$1")
  writer=$(callgrind_annotate --inclusive=yes "$tmp/cg.$1" 2>/dev/null |
    awk -v f="$2" '!n && $0 ~ ":" f " " {gsub(",", "", $1); print $1; n = 1}')
  echo "$all ${writer:-0}"
}
read -r tiff tiff_w < <(count x.tiff lp_raster_render_tiff)
read -r pdf pdf_w < <(count x.pdf lp_pdf_render)
echo "release: ${one#"$top"/}"
printf "to TIFF: %d instructions (the TIFF writer %d)\n" "$tiff" "$tiff_w"
printf "to PDF:  %d instructions (the PDF writer %d)\n" "$pdf" "$pdf_w"
printf "TIFF / PDF: %.4f\n" "$(echo "$tiff / $pdf" | bc -l)"
