#!/usr/bin/env bash
# Regenerates the golden files from the current build:
#   tests/golden/regenerate.sh [BUILD_DIR]
# NAME.lines: every example's body lines (width, adjustment ratio, text);
# NAME.trace: every item of every page of its display list (the trace
# device: glyphs with text and positions, rules, paths, pictures with their
# hash, links, structure tags, outline and signature block).
# It runs only on a clean tree, so that what it changes is exactly the
# goldens' diff; it ends with a summary of that diff. Commit the code first,
# read `git diff tests/golden`, then commit the goldens with a word on why
# each change is right.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no)" ]; then
  echo "regenerate.sh: the tree has uncommitted changes; commit them first, so that the goldens' diff is all this writes" >&2
  exit 1
fi
for f in "$top"/examples/*.md; do
  name=$(basename "$f" .md)
  "$build/letterpress" check -q --dump=lines "$f" > "$here/$name.lines"
  "$build/letterpress" check -q --dump=dlist "$f" > "$here/$name.trace"
done
# The summary: per file, lines changed; then the text of changed runs.
changed=$(git -C "$top" diff --numstat -- tests/golden)
new=$(git -C "$top" ls-files --others --exclude-standard -- tests/golden)
if [ -n "$new" ]; then
  echo "new golden files (not yet in git):"
  echo "$new" | sed 's/^/  /'
fi
if [ -z "$changed" ]; then
  echo "golden files in git unchanged ($(ls "$here"/*.lines "$here"/*.trace | wc -l) files)"
  exit 0
fi
echo "golden files changed (added/removed lines, file):"
echo "$changed" | sed 's/^/  /'
echo "text that now differs (first 20 lines; see git diff tests/golden):"
git -C "$top" diff -U0 -- tests/golden | grep -E '^[-+](text|[0-9])' | sed -E 's/ \[[^]]*\]$//' | head -20 | sed 's/^/  /'
