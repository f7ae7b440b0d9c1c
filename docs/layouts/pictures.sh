#!/bin/sh
# Renders the pictures of the shipped layouts that docs/layouts.md shows:
# the first page of one example release on each layout, as letterpress's own
# 60-dpi PNG preview, and the same page of the press service's release as
# its fax TIFF would print it (shown as PNG, scaled to about 60 dpi).
#
# Usage: docs/layouts/pictures.sh [BUILD_DIR]   (default: build)
# Needs ImageMagick's convert for the fax picture and the side-by-side one.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
lp=$build/letterpress
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pair in predsednik:predsednik-2024-02-20 memorandum:ru-2024-04-09 \
	latinica:latinica-2024-03-14 plain:seed-saopstenje-2024-02-20; do
	layout=${pair%%:*}
	example=${pair#*:}
	"$lp" render -q "$top/examples/$example.md" -o "$tmp/$layout.png" --dpi 60
	# One page gives LAYOUT.png, more give LAYOUT-1.png …: keep the first.
	if [ -f "$tmp/$layout-1.png" ]; then
		mv "$tmp/$layout-1.png" "$here/$layout.png"
	else
		mv "$tmp/$layout.png" "$here/$layout.png"
	fi
done
"$lp" render -q "$top/examples/predsednik-2024-02-20.md" -o "$tmp/fax.tiff"
convert "$tmp/fax.tiff[0]" -resize 29.4%x30.6% -strip -define png:exclude-chunk=date,time "$here/predsednik-fax.png"
echo "pictures written to $here"
