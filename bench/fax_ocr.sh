#!/bin/sh
# Fax legibility measured by a real reader: every example release rendered
# as letterpress's fax TIFF (fine 204x196 and standard 204x98), as
# Ghostscript's tiffg4 of letterpress's PDF (the same two resolutions) and
# as a 300-dpi greyscale PNG, each page read by Tesseract in the release's
# language, and the text compared with what the display list put on the
# page (bench/fax_cer.py: character error rate after normalising), for the
# whole page and for the band below the body frame (contact footer, page
# numbers) cropped on its own.
#
# Usage: bench/fax_ocr.sh [BUILD_DIR] [RELEASE.md ...]
#   (default: build, and every release in examples/). Needs tesseract-ocr
#   with the srp, srp-latn, rus, ukr, bul, mkd and eng data, ghostscript
#   and ImageMagick (./setup --bench). Prints a Markdown table; the work
#   files are left in $FAX_OCR_DIR (default: a temporary folder, removed).
#
# FAX_OCR_LAYOUT_DIR=DIR: look for layouts by name in DIR first
# (--layout-dir), to measure a layout change before making it.
#
# Standard-mode pages (204x98) are stretched to twice their height by
# repeating rows, as a fax machine prints them, before Tesseract reads
# them: it assumes square pixels.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
lp=$(cd "$build" && pwd)/letterpress
[ -x "$lp" ] || { echo "fax_ocr.sh: no $lp (build first)" >&2; exit 66; }
for t in tesseract gs convert python3; do
	command -v $t >/dev/null || { echo "fax_ocr.sh: needs $t (./setup --bench)" >&2; exit 69; }
done
[ $# -gt 0 ] || set -- "$here"/examples/*.md

# letterpress, with FAX_OCR_LAYOUT_DIR's layouts first when it is set.
lpx() {
	if [ -n "${FAX_OCR_LAYOUT_DIR:-}" ]; then
		"$lp" "$@" --layout-dir "$FAX_OCR_LAYOUT_DIR"
	else
		"$lp" "$@"
	fi
}

keep=${FAX_OCR_DIR:-}
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
results=$work/results.txt
: >"$results"
export OMP_THREAD_LIMIT=1 # one Tesseract thread: the machine is shared

tess_lang() {
	case $1 in
	sr-Latn*) echo srp_latn+eng ;;
	sr*) echo srp+eng ;;
	ru*) echo rus+eng ;;
	uk*) echo ukr+eng ;;
	bg*) echo bul+eng ;;
	mk*) echo mkd+eng ;;
	*) echo eng ;;
	esac
}

# ocr IMAGE DPI LANG OUT: the text Tesseract reads, line by line (psm 4:
# one column of lines of any size, the order the reference is in).
ocr() {
	tesseract "$1" "$4" -l "$3" --psm 4 --dpi "$2" >/dev/null 2>&1
}

# read_page NAME RENDERING PAGE IMAGE DPI_Y LANG: Tesseract reads the page
# and, when the page has text below the body frame, that band cropped.
read_page() {
	name=$1 rend=$2 p=$3 img=$4 dpi=$5 lang=$6 d=$work/$1
	case " ${FAX_OCR_ONLY:-$rend} " in
	*" $rend "*) ;;
	*) echo "$name $rend $p" >>"$work/read.txt"; return 0 ;;
	esac
	ocr "$img" "$dpi" "$lang" "$d/$rend-$p"
	if [ -s "$d/ref-$p-footer.txt" ]; then
		top=$(awk -v p="$p" '$1 == p {print $3}' "$d/pages.txt")
		# From 2 pt above the band to the page's foot.
		y=$(awk -v t="$top" -v r="$dpi" 'BEGIN {printf "%d", (t - 2) * r / 72}')
		h=$(identify -format '%h' "$img")
		w=$(identify -format '%w' "$img")
		convert "$img" -crop "${w}x$((h - y))+0+$y" +repage "$d/$rend-$p-footer.png"
		ocr "$d/$rend-$p-footer.png" "$dpi" "$lang" "$d/$rend-$p-footer"
	fi
	echo "$name $rend $p" >>"$work/read.txt"
}

# score NAME RENDERING PAGE: its errors against the reference.
score() {
	d=$work/$1
	set -- "$1" "$2" "$3" $(python3 "$here/bench/fax_cer.py" cer "$d/ref-$3.txt" "$d/$2-$3.txt")
	echo "$1 $2 page $4 $5" >>"$results"
	if [ -s "$d/ref-$3-footer.txt" ]; then
		set -- "$1" "$2" "$3" $(python3 "$here/bench/fax_cer.py" cer "$d/ref-$3-footer.txt" \
			"$d/$2-$3-footer.txt")
		echo "$1 $2 footer $4 $5" >>"$results"
	fi
}

# FAX_OCR_ONLY="lp-fine lp-std" with FAX_OCR_DIR: read only those renderings
# again, keeping what an earlier run read of the others (to measure a
# change to letterpress's fax output against the same peers).
# FAX_OCR_RESCORE=1 with FAX_OCR_DIR: score what an earlier run read again
# (after a change to the reference or the normalisation), reading nothing.
[ -n "${FAX_OCR_RESCORE:-}" ] && [ -n "$keep" ] && set --
[ -n "${FAX_OCR_RESCORE:-}" ] || : >"$work/read.txt"
for rel in "$@"; do
	name=$(basename "$rel" .md)
	d=$work/$name
	mkdir -p "$d"
	layout=$(sed -n '1,/^---$/{s/^layout: *//p}' "$rel" | head -n 1)
	lang=$(sed -n '1,/^---$/{s/^lang: *//p}' "$rel" | head -n 1)
	yaml=$here/layouts/${layout:-plain}/layout.yaml
	[ -f "${FAX_OCR_LAYOUT_DIR:-/nonexistent}/${layout:-plain}/layout.yaml" ] &&
		yaml=$FAX_OCR_LAYOUT_DIR/${layout:-plain}/layout.yaml
	tl=$(tess_lang "${lang:-sr}")
	lpx check "$rel" --dump=dlist >"$d/dump.txt" 2>/dev/null
	python3 "$here/bench/fax_cer.py" ref "$d/dump.txt" "$yaml" "$d" >"$d/pages.txt"
	echo "$yaml" >"$d/layout.txt"
	n=$(wc -l <"$d/pages.txt")

	lpx render -q "$rel" -o "$d/lp-fine.tiff"
	lpx render -q "$rel" -o "$d/lp-std.tiff" --fax-mode standard
	lpx render -q "$rel" -o "$d/doc.pdf"
	gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x196 -o "$d/gs-fine.tiff" "$d/doc.pdf"
	gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r204x98 -o "$d/gs-std.tiff" "$d/doc.pdf"
	lpx render -q "$rel" --format png --dpi 300 --grey -o "$d/grey.png"

	p=1
	while [ "$p" -le "$n" ]; do
		i=$((p - 1))
		for r in lp-fine gs-fine; do
			convert "$d/$r.tiff[$i]" "$d/$r-$p.png"
			read_page "$name" "$r" "$p" "$d/$r-$p.png" 196 "$tl"
		done
		for r in lp-std gs-std; do
			convert "$d/$r.tiff[$i]" -scale 100%x200% "$d/$r-$p.png"
			read_page "$name" "$r" "$p" "$d/$r-$p.png" 196 "$tl"
		done
		g=$d/grey.png
		[ "$n" -gt 1 ] && g=$d/grey-$p.png
		read_page "$name" grey300 "$p" "$g" 300 "$tl"
		p=$((p + 1))
	done
	echo "$name: $n page(s) read" >&2
done
# The references again (cheap, and current with fax_cer.py), then scores.
for d in "$work"/*/; do
	[ -f "$d/dump.txt" ] && python3 "$here/bench/fax_cer.py" ref "$d/dump.txt" "$(cat "$d/layout.txt")" \
		"$d" >"$d/pages.txt"
done
while read -r name rend p; do
	score "$name" "$rend" "$p"
done <"$work/read.txt"
python3 "$here/bench/fax_cer.py" table "$results"
