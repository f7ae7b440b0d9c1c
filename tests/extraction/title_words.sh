#!/bin/sh
# The widely spaced title of every example set on a letterhead layout must
# come out of each reader as its words ("САОПШТЕЊЕ ЗА МЕДИЈЕ"), once, and
# not as letters ("С А О П Ш Т Е Њ Е"): poppler's pdftotext, MuPDF's
# mutool, Ghostscript's txtwrite, pdf.js getTextContent() and PDFium's
# FPDFText_GetText (tests/js/pdfium-text.mjs, the WebAssembly build from npm
# that ./setup --test installs). docs/extraction.md says why.
# Usage: title_words.sh LETTERPRESS SOURCE_ROOT [NODE]
set -u
lp=$1
root=$2
node=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
checked=0

# A sanitized build sets LP_TEST_FEW_READERS: letterpress still renders
# every example and poppler reads it; the other readers read the same bytes
# in the release build's run.
few=${LP_TEST_FEW_READERS:-}

# pdf.js and PDFium are node modules (npm ci in tests/js): not a skip but a
# failure when missing, so that no run passes without them.
[ -n "$few" ] || for m in pdfjs-dist @hyzyla/pdfium; do
	if [ -z "$node" ] || ! [ -d "$root/tests/js/node_modules/$m" ]; then
		echo "FAIL: node or $m missing (./setup --test runs npm ci in tests/js)"
		exit 1
	fi
done

# The example's title as its layout sets it: in capitals.
title_of() {
	python3 -c '
import sys
front = open(sys.argv[1], encoding="utf-8").read().split("\n---", 1)[0]
for line in front.splitlines():
    if line.startswith("title:"):
        print(line[6:].strip().upper())
' "$1"
}

# READER TEXT_FILE TITLE: the title once, whitespace folded.
expect() {
	python3 - "$@" <<'PY'
import sys
reader, path, title = sys.argv[1:4]
text = " ".join(open(path, encoding="utf-8", errors="replace").read().split())
n = text.count(title)
if n != 1:
    start = text.find(title[:1])
    print(f"FAIL: {reader}: title {title!r} found {n} times; text starts {text[:160]!r}")
    sys.exit(1)
PY
}

for f in "$root"/examples/*.md; do
	layout=$(sed -n 's/^layout: *//p' "$f" | head -n 1)
	case $layout in predsednik | memorandum | latinica) ;; *) continue ;; esac
	name=$(basename "$f" .md)
	title=$(title_of "$f")
	pdf=$tmp/$name.pdf
	if ! "$lp" render -q "$f" -o "$pdf"; then
		echo "FAIL: $name: render"
		fail=1
		continue
	fi
	pdftotext -enc UTF-8 "$pdf" "$tmp/poppler.txt" && expect "$name poppler" "$tmp/poppler.txt" "$title" || fail=1
	if [ -n "$few" ]; then
		checked=$((checked + 1))
		continue
	fi
	mutool draw -q -F txt -o "$tmp/mupdf.txt" "$pdf" 2>/dev/null && expect "$name mupdf" "$tmp/mupdf.txt" "$title" || fail=1
	gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=txtwrite -o "$tmp/gs.txt" "$pdf" && expect "$name ghostscript" "$tmp/gs.txt" "$title" || fail=1
	"$node" "$root/tests/js/pdf-text.mjs" "$pdf" >"$tmp/pdfjs.txt" && expect "$name pdf.js" "$tmp/pdfjs.txt" "$title" || fail=1
	"$node" "$root/tests/js/pdfium-text.mjs" "$pdf" >"$tmp/pdfium.txt" && expect "$name pdfium" "$tmp/pdfium.txt" "$title" || fail=1
	checked=$((checked + 1))
done
if [ "$checked" -eq 0 ]; then
	echo "FAIL: no example with a spaced title"
	exit 1
fi
[ "$fail" -eq 0 ] && echo "$checked examples: every reader${few:+ (poppler only)} extracts the title as words"
exit $fail
