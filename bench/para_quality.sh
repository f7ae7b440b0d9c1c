#!/usr/bin/env bash
# Paragraph quality next to XeLaTeX, in each of the seven languages
# letterpress ships (sr-Cyrl, sr-Latn, ru, uk, bg, mk, en): the body
# paragraphs of the examples in that language, in Noto Serif 11 pt on a
# 160 mm measure, justified, hyphenated with the language's patterns.
# Reports the inter-word spaces in em (mean, standard deviation, maximum
# over all lines), the loose lines (adjustment ratio > 1) and the lines
# stretched past ratio 2, then a table of both setters, one row a language.
#
#   bench/para_quality.sh [BUILD_DIR] [LANG...]     (default: build, all seven)
#
# The paragraphs: every blank-line-separated block of an example's body of
# at least 200 bytes that is not a heading, list, quote, table or code
# (Markdown emphasis and link targets taken out, straight quotes made the
# language's), one a line; an example whose front matter names no language
# is sr-Cyrl. letterpress's spaces come from its line glyph positions
# (bench_para_quality); XeLaTeX's (polyglossia, the same font files, size,
# leading and measure, \emergencystretch 1em) from `pdftotext -bbox-layout`
# word boxes of the PDF it makes (the gap between consecutive words on a
# line). XeLaTeX and the patterns come with `./setup --bench`. KEEP_TMP=1
# keeps the work folder (each language's body.txt and .tex).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
langs=${*:-sr-Cyrl sr-Latn ru uk bg mk en}
tmp=$(mktemp -d)
[ -n "${KEEP_TMP:-}" ] && echo "work folder: $tmp" >&2
[ -n "${KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# The language an example is written in.
lang_of() {
  awk 'NR == 1 && !/^---$/ { exit } NR > 1 && /^---$/ { exit }
       /^lang:/ { sub(/^lang:[ \t]*/, ""); gsub(/["\047]/, ""); print; found = 1; exit }
       END { if (!found) print "sr-Cyrl" }' "$1"
}

# The body paragraphs of one example, one a line, in plain text.
body_of() {
  local open=$2 close=$3
  awk -v oq="$open" -v cq="$close" '
    function flush() {
      if (length(para) >= 200 && para !~ /^(#|>|[-*+] |[0-9]+[.)] |\||```|    )/) {
        gsub(/\[/, "", para); gsub(/\]\([^)]*\)/, "", para)   # [text](url) -> text
        gsub(/\*\*|__|\*|`/, "", para)
        out = ""; q = 0
        while ((i = index(para, "\"")) > 0) {               # "..." -> the language quotes
          out = out substr(para, 1, i - 1) (q ? cq : oq); q = !q
          para = substr(para, i + 1)
        }
        para = out para
        gsub(/\047/, "’", para)
        print para
      }
      para = ""
    }
    NR == 1 && /^---$/ { fm = 1; next }
    fm { if (/^---$/) fm = 0; next }
    /^[ \t]*$/ { flush(); next }
    { sub(/[ \t]+$/, ""); para = para (para == "" ? "" : " ") $0 }
    END { flush() }' "$1"
}

# XeLaTeX's spaces: a line's mean gap in em against Noto Serif's space
# (260/1000 em) and TeX's stretch of half of it gives its ratio.
xelatex_spaces() {
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
    /<\/line>/ {
      lines++
      if (lgaps) { r = (lsum / lgaps - space) / (space / 2); if (r > 1) loose++; if (r > 2) over2++ }
    }
    END {
      mean = sum / spaces; sd = sqrt(sum2 / spaces - mean * mean)
      printf "lines %d  spaces %d  mean %.3f em  sd %.3f em  max %.3f em  loose(ratio>1) %d  ratio>2 %d",
        lines, spaces, mean, sd, max, loose, over2 + 0
    }' "$1"
}

have_xelatex=1
command -v xelatex >/dev/null 2>&1 || { have_xelatex=0; echo "xelatex not found: run ./setup --bench to compare" >&2; }
table="$tmp/table.md"
for lang in $langs; do
  case $lang in
    sr-Cyrl) gloss='[script=Cyrillic]{serbian}'; q='„ ”' ;;
    sr-Latn) gloss='[script=Latin]{serbian}'; q='„ ”' ;;
    ru) gloss='{russian}'; q='« »' ;;
    uk) gloss='{ukrainian}'; q='« »' ;;
    bg) gloss='{bulgarian}'; q='„ “' ;;
    mk) gloss='{macedonian}'; q='„ “' ;;
    en) gloss='{english}'; q='“ ”' ;;
    *) echo "unknown language $lang" >&2; exit 2 ;;
  esac
  dir="$tmp/$lang"; mkdir -p "$dir"
  : > "$dir/body.txt"
  examples=()
  for f in "$root"/examples/*.md; do
    [ "$(lang_of "$f")" = "$lang" ] || continue
    body_of "$f" ${q% *} ${q#* } >> "$dir/body.txt"
    examples+=("$(basename "$f" .md)")
  done
  [ -s "$dir/body.txt" ] || { echo "$lang: no example paragraphs" >&2; continue; }
  echo "== $lang: $(wc -l < "$dir/body.txt") paragraphs of ${examples[*]}"
  lp=$("$build/bench/bench_para_quality" "$root/fonts" "$dir/body.txt" --measure-mm 160 --size 11 \
    --lang "$lang")
  echo "letterpress: $lp"
  xe="" xh=""
  if [ $have_xelatex = 1 ]; then
    {
      cat <<EOF
\\documentclass{article}
\\paperwidth=200mm \\paperheight=2000mm \\pdfpagewidth=\\paperwidth \\pdfpageheight=\\paperheight
\\textwidth=160mm \\textheight=1970mm \\hoffset=-25.4mm \\voffset=-25.4mm
\\oddsidemargin=20mm \\topmargin=10mm \\headheight=0pt \\headsep=0pt
\\usepackage{fontspec}
\\usepackage{polyglossia}
\\setmainlanguage$gloss
\\setmainfont{NotoSerif}[Path=$root/fonts/, Extension=.ttf, UprightFont=*-Regular,
  BoldFont=*-Bold, ItalicFont=*-Italic, BoldItalicFont=*-BoldItalic]
\\parindent=0pt \\parskip=6pt \\pagestyle{empty}
\\emergencystretch=1em
\\begin{document}
\\fontsize{11bp}{14bp}\\selectfont
EOF
      sed 's/[&%$#_]/\\&/g; s/$/\n/' "$dir/body.txt"
      echo '\end{document}'
    } > "$dir/body.tex"
    (cd "$dir" && xelatex -interaction=nonstopmode -halt-on-error body.tex >/dev/null) ||
      { echo "xelatex failed on $lang; see $dir/body.log (KEEP_TMP=1)" >&2; exit 1; }
    pdftotext -bbox-layout "$dir/body.pdf" "$dir/body.html"
    xe=$(xelatex_spaces "$dir/body.html")
    xh=$(pdftotext -layout "$dir/body.pdf" - | grep -c -- '-$' || true)
    echo "XeLaTeX:     $xe  hyphenated $xh"
    grep -q "No hyphenation patterns were loaded" "$dir/body.log" &&
      echo "  (XeLaTeX has no hyphenation patterns for $lang)"
  fi
  field() { sed -n "s/.*$2 \([0-9.]*\).*/\1/p" <<< "$1"; }
  echo "| $lang | $(field "$lp" lines) | $(field "$lp" sd) / $(field "$xe" sd) |" \
    "$(field "$lp" max) / $(field "$xe" max) | $(field "$lp" 'loose(ratio>1)') / $(field "$xe" 'loose(ratio>1)') |" \
    "$(field "$lp" 'ratio>2') / $(field "$xe" 'ratio>2') | $(field "$lp" hyphenated) / $xh |" >> "$table"
done
echo
echo "| language | lines | word-gap sd, em (letterpress / XeLaTeX) | max gap, em | loose lines (ratio > 1) | lines over ratio 2 | hyphenated lines |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
cat "$table"
