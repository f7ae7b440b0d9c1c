#!/usr/bin/env bash
# Paragraph quality next to XeLaTeX: the seed release's seven body
# paragraphs in Noto Serif 11 pt on a 160 mm measure, justified, hyphenated
# with the Serbian patterns. Reports the inter-word spaces in em (mean,
# standard deviation, maximum over all lines) and the loose lines.
#
#   bench/para_quality.sh [BUILD_DIR]     (default: build)
#
# letterpress's spaces come from its line glyph positions
# (bench_para_quality); XeLaTeX's from `pdftotext -bbox-layout` word boxes
# of the PDF it makes (gap between consecutive words on a line). XeLaTeX
# and the Serbian patterns come with `./setup --bench`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
tmp=$(mktemp -d)
[ -n "${KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# The body: the paragraphs between the spaced-out title and the dateline.
awk '/^\*\*С А О П/ { on = 1; next } /^Београд,/ { on = 0 } on && NF' \
  "$root/examples/seed-saopstenje-2024-02-20.md" > "$tmp/body.txt"

echo "letterpress (Knuth–Plass, TeX defaults, emergency stretch 1 em):"
"$build/bench/bench_para_quality" "$root/fonts" "$tmp/body.txt" --measure-mm 160 --size 11

if ! command -v xelatex >/dev/null 2>&1; then
  echo "xelatex not found: run ./setup --bench to compare" >&2
  exit 0
fi

{
  cat <<EOF
\\documentclass{article}
\\paperwidth=200mm \\paperheight=400mm \\pdfpagewidth=\\paperwidth \\pdfpageheight=\\paperheight
\\textwidth=160mm \\textheight=370mm \\hoffset=-25.4mm \\voffset=-25.4mm
\\oddsidemargin=20mm \\topmargin=10mm \\headheight=0pt \\headsep=0pt
\\usepackage{fontspec}
\\usepackage{polyglossia}
\\setmainlanguage[script=Cyrillic]{serbian}
\\setmainfont{NotoSerif}[Path=$root/fonts/, Extension=.ttf, UprightFont=*-Regular,
  BoldFont=*-Bold, ItalicFont=*-Italic, BoldItalicFont=*-BoldItalic]
\\parindent=0pt \\parskip=6pt \\pagestyle{empty}
\\emergencystretch=1em
\\begin{document}
\\fontsize{11pt}{14pt}\\selectfont
EOF
  sed 's/$/\n/' "$tmp/body.txt"
  echo '\end{document}'
} > "$tmp/body.tex"
(cd "$tmp" && xelatex -interaction=nonstopmode -halt-on-error body.tex >/dev/null) ||
  { echo "xelatex failed; see its log" >&2; exit 1; }
pdftotext -bbox-layout "$tmp/body.pdf" "$tmp/body.html"

echo "XeLaTeX $(xelatex --version | head -1 | sed 's/^XeTeX //'):"
# Noto Serif's space is 260/1000 em; TeX's stretch is half of it, so a
# line whose mean gap exceeds 1.5 spaces has an adjustment ratio > 1.
awk -v size=11 -v space=0.26 '
  /<line / { n = 0; lsum = 0; lgaps = 0 }
  /<word / {
    match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
    match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
    if (n++ > 0) {
      g = (x0 - prev) / size
      sum += g; sum2 += g * g; if (g > max) max = g; spaces++
      lsum += g; lgaps++
    }
    prev = x1
  }
  /<\/line>/ { lines++; if (lgaps && (lsum / lgaps - space) / (space / 2) > 1) loose++ }
  END {
    mean = sum / spaces; sd = sqrt(sum2 / spaces - mean * mean)
    printf "lines %d  spaces %d  mean %.3f em  sd %.3f em  max %.3f em  loose(ratio>1) %d\n",
      lines, spaces, mean, sd, max, loose
  }' "$tmp/body.html"
echo "hyphenated lines: $(pdftotext -layout "$tmp/body.pdf" - | grep -c -- '-$' || true)"
