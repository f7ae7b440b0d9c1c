#!/bin/sh
# Three shards of one archive run at once by GNU parallel, then merged:
# the archive equals an unsharded run's byte for byte (docs/scaling.md).
#
# Usage: parallel.sh LETTERPRESS SOURCE_TREE   (exit 77: GNU parallel is missing)
set -eu
lp=$1 src=$2
command -v parallel >/dev/null 2>&1 || { echo "GNU parallel is not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Sixteen releases in two folders, and one that fails.
mkdir -p releases/2023 releases/2024
i=0
for ex in en-2024-09-24 predsednik-2024-02-20 ru-2024-04-09 latinica-2024-03-14; do
	for y in 2023 2024 2023 2024; do
		i=$((i + 1))
		{ cat "$src/examples/$ex.md"; printf '\nNote %d.\n' "$i"; } > "releases/$y/$ex-$i.md"
	done
done
printf -- '---\ndate: 2024-02-30\n---\nText.\n' > releases/2024/bad.md

status=0
"$lp" batch releases -o whole --jobs 1 -q || status=$?
[ "$status" -eq 65 ] || { echo "unsharded run: exit $status, expected 65"; exit 1; }

# The three shards at once, each a process of its own on the shared archive.
parallel --will-cite --halt never --joblog jobs \
	"$lp" batch releases -o sharded --jobs 1 -q --shard {}/3 ::: 1 2 3 || true
awk 'NR > 1 && $7 != 0 && $7 != 65 { print "shard job failed: " $0; bad = 1 } END { exit bad }' jobs
[ "$(awk 'NR > 1' jobs | wc -l)" -eq 3 ] || { echo "not three shard jobs"; cat jobs; exit 1; }
for k in 1 2 3; do
	[ -f "sharded/manifest.$k-of-3.jsonl" ] || { echo "shard $k wrote no manifest"; exit 1; }
done

"$lp" manifest merge sharded
cmp whole/manifest.jsonl sharded/manifest.jsonl
diff -r -x .letterpress -x 'manifest.*-of-*' whole sharded
echo "3 shards under GNU parallel, merged: $(wc -l < whole/manifest.jsonl) releases, the same bytes as one run"
