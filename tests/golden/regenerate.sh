#!/usr/bin/env bash
# Regenerates the golden line dumps from the current build:
#   tests/golden/regenerate.sh [BUILD_DIR]
# Read the diff (git diff tests/golden) before committing: every changed
# line is a line that now breaks differently.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
for f in "$top"/examples/*.md; do
  name=$(basename "$f" .md)
  "$build/letterpress" check -q --dump=lines "$f" > "$here/$name.lines"
done
ls "$here"/*.lines | wc -l | xargs echo "golden dumps written:"
