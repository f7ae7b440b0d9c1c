#!/usr/bin/env bash
# Regenerates the visual references from the current build:
#   tests/visual/regenerate.sh [BUILD_DIR]
# Review the changed PNGs (git diff --stat; open them) before committing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$here"/refs/*.png
for f in "$top"/examples/*.md; do
  name=$(basename "$f" .md)
  "$build/letterpress" render -q "$f" -o "$tmp/$name.pdf"
  pdftoppm -r 50 -gray -png "$tmp/$name.pdf" "$here/refs/$name"
done
ls "$here/refs" | wc -l | xargs echo "references written:"
