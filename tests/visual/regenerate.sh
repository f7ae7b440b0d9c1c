#!/usr/bin/env bash
# Regenerates the visual references from the current build:
#   tests/visual/regenerate.sh [BUILD_DIR]
# It runs only on a clean tree, so that what it changes is exactly the
# references' diff, and ends by naming the pages that changed. Open them
# before committing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no)" ]; then
  echo "regenerate.sh: the tree has uncommitted changes; commit them first, so that the references' diff is all this writes" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$here"/refs/*.png
for f in "$top"/examples/*.md; do
  name=$(basename "$f" .md)
  "$build/letterpress" render -q "$f" -o "$tmp/$name.pdf"
  pdftoppm -r 50 -gray -png "$tmp/$name.pdf" "$here/refs/$name"
done
changed=$(git -C "$top" status --porcelain -- tests/visual/refs)
if [ -z "$changed" ]; then
  echo "references unchanged ($(ls "$here/refs" | wc -l) pages)"
else
  echo "references changed (M changed, D gone, ?? new):"
  echo "$changed" | sed 's/^/  /'
fi
