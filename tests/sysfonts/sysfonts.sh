#!/bin/sh
# System fonts by family name (docs/layouts.md, Fonts): a layout naming
# DejaVu Serif, which only the system has (Debian's fonts-dejavu-core),
# renders with it embedded (pdffonts); --no-system-fonts makes the same
# layout an error at its family's line; a misspelt family is an error at
# the layout's line with a "did you mean" and the line shown (in the file
# that wrote it, for a layout extending another); `letterpress fonts` names the
# file chosen and where from, and the characters no face has; and what one
# layout loaded from the system does not change another layout's fonts in
# the same engine (a batch against single renders, byte for byte).
# Exit 77 (skipped) without fontconfig's DejaVu Serif or poppler-utils.
#   tests/sysfonts/sysfonts.sh LETTERPRESS SRCDIR
set -u
lp=$1
src=$2
command -v pdffonts >/dev/null 2>&1 || { echo "pdffonts missing: skipped"; exit 77; }
serif=$(fc-match -f '%{file}' 'DejaVu Serif:style=Book' 2>/dev/null)
case "$serif" in
*DejaVuSerif.ttf) ;;
*) echo "no system DejaVu Serif (fonts-dejavu-core): skipped"; exit 77 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}
# run CODE ARGS...: letterpress with stdout in out, stderr in err.
run() {
	want=$1
	shift
	NO_COLOR= "$lp" "$@" >out 2>err
	got=$?
	[ "$got" -eq "$want" ] || fail "letterpress $* exited $got, not $want: $(head -c 400 err)"
}

# A copy of plain whose body (and every style based on it) is DejaVu Serif.
mkdir serif
sed 's/family: Noto Serif/family: DejaVu Serif/' "$src/layouts/plain/layout.yaml" >serif/layout.yaml
line=$(grep -n 'family: DejaVu Serif' serif/layout.yaml | head -1 | cut -d: -f1)
cat >r.md <<'MD'
---
title: Проба системског фонта
date: 2024-02-20
---

Текст у фонту система, **подебљано** и *курзив*; знак 漢 нема ниједан фонт.
MD

run 0 render r.md -l ./serif -o r.pdf
pdffonts r.pdf >fonts.txt 2>&1
for face in DejaVuSerif DejaVuSerif-Bold DejaVuSerif-Italic; do
	grep -Eq "^[A-Z]{6}\+$face +CID TrueType +Identity-H +yes +yes +yes" fonts.txt ||
		fail "pdffonts shows no embedded subset of $face: $(cat fonts.txt)"
done
grep -q 'NotoSerif' fonts.txt && fail "the body is still set in Noto Serif: $(cat fonts.txt)"

# Off: the layout's family is unknown, at the layout's own line.
run 65 render r.md -l ./serif -o off.pdf --no-system-fonts
grep -q "serif/layout.yaml:$line:[0-9]*: error: font family 'DejaVu Serif' is not among the layout's fonts, the bundled fonts (system fonts are off: --no-system-fonts)" err ||
	fail "--no-system-fonts: no error at the layout's family line $line: $(cat err)"
[ -e off.pdf ] && fail "--no-system-fonts: an output was written"

# Misspelt: found nowhere, blamed on the layout, with the closest family.
mkdir typo
sed 's/family: Noto Serif/family: Noto Serf/' "$src/layouts/plain/layout.yaml" >typo/layout.yaml
run 65 render r.md -l ./typo -o typo.pdf
grep -q "typo/layout.yaml:[0-9]*:[0-9]*: error: font family 'Noto Serf' is not among the layout's fonts, the bundled fonts or the system's (fontconfig)" err ||
	fail "a misspelt family is not an error at the layout's line: $(cat err)"
grep -q "did you mean 'Noto Serif'" err || fail "no 'did you mean' for Noto Serf: $(cat err)"
# With the layout's line under it, the misspelt family marked.
tline=$(grep -n 'family: Noto Serf' typo/layout.yaml | head -1 | cut -d: -f1)
grep -q "^$tline |     family: Noto Serf\$" err || fail "the layout's line $tline is not shown: $(cat err)"
grep -q "^ *|             ^^^^^^^^^\$" err || fail "no caret under the family: $(cat err)"
# A layout that extends typo without styles of its own: the family is
# typo's, at typo's line, in typo's file (not the extending one's).
mkdir -p ld/typo ld/child
cp typo/layout.yaml ld/typo/
printf 'extends: typo\ndescription: a variant\n' >ld/child/layout.yaml
run 65 render r.md -l child --layout-dir ld -o child.pdf
grep -q "ld/typo/layout.yaml:$tline:[0-9]*: error: font family 'Noto Serf'" err ||
	fail "an inherited family is not blamed on the file it is written in: $(cat err)"
grep -q "^$tline |     family: Noto Serf\$" err || fail "the inherited family's line is not shown: $(cat err)"
grep -q "child/layout.yaml" err && fail "the extending layout is blamed for its parent's family: $(cat err)"

# letterpress fonts: the file chosen, where from; the characters' faces.
run 0 fonts r.md -l ./serif
grep -Eq "^  DejaVu Serif +Book +400 system +$serif\$" out ||
	fail "fonts does not list the system's DejaVu Serif file $serif: $(cat out)"
grep -Eq "^  Noto Serif +Regular +400 bundled +.*/fonts/NotoSerif-Regular.ttf\$" out ||
	fail "fonts does not list the bundled Noto Serif: $(cat out)"
grep -q "^  U+0431 б  DejaVu Serif Book\$" out || fail "fonts: б is not set in DejaVu Serif: $(cat out)"
grep -q "^  U+6F22 漢  in no face, first at r.md:6:" out ||
	fail "fonts: 漢 is not listed as in no face with its line: $(cat out)"
grep -q "^characters: [0-9]*, 1 in no face\$" out || fail "fonts: the count is not one uncovered: $(cat out)"
run 0 fonts --no-system-fonts
grep -q " system " out && fail "fonts --no-system-fonts lists system faces: $(cat out)"
grep -q "^characters" out && fail "fonts without a release lists characters: $(cat out)"

# One engine, two layouts: 'own' brings its own DejaVu Serif (the book face
# only) and sets its title bold; 'serif' loads the system's whole family
# first (sources are taken in name order). The bold title of 'own' must
# stay its own face, as it is when rendered alone.
mkdir -p batch/own
sed 's/family: Noto Serif/family: DejaVu Serif/' "$src/layouts/plain/layout.yaml" |
	sed 's/^fonts:$/fonts:\n  files: [DejaVuSerif.ttf]/' >batch/own/layout.yaml
cp "$serif" batch/own/DejaVuSerif.ttf
cp -r serif batch/serif
sed 's#^title:#layout: serif/layout.yaml\ntitle:#' r.md >batch/a.md
sed 's#^title:#layout: own/layout.yaml\ntitle:#' r.md >batch/b.md
SOURCE_DATE_EPOCH=0 "$lp" batch -q -j 1 -o archive batch >batch.log 2>&1 ||
	fail "the batch failed: $(cat batch.log)"
SOURCE_DATE_EPOCH=0 "$lp" render -q batch/b.md -o alone.pdf 2>/dev/null || fail "b.md alone failed"
cmp -s archive/b.pdf alone.pdf ||
	fail "b.md in a batch after a.md differs from b.md alone: $(pdffonts archive/b.pdf) / $(pdffonts alone.pdf)"
pdffonts archive/b.pdf | grep -q 'DejaVuSerif-Bold' &&
	fail "b.md took the system's bold face that a.md's layout loaded"

# The same from four threads, the two layouts' releases interleaved: each
# output is the bytes of its release rendered alone.
mkdir -p many/own many/serif
cp batch/own/* many/own/
cp serif/layout.yaml many/serif/
for i in 1 2 3; do
	cp batch/a.md many/a$i.md
	cp batch/b.md many/b$i.md
done
SOURCE_DATE_EPOCH=0 "$lp" batch -q -j 4 -o archive4 many >batch4.log 2>&1 ||
	fail "the four-thread batch failed: $(cat batch4.log)"
for r in a1 b1 a2 b2 a3 b3; do
	SOURCE_DATE_EPOCH=0 "$lp" render -q many/$r.md -o $r.alone.pdf 2>/dev/null || fail "$r alone failed"
	cmp -s archive4/$r.pdf $r.alone.pdf || fail "$r.md from a four-thread batch differs from $r.md alone"
done

[ "$failed" -eq 0 ] && echo "sysfonts: system family embedded, off and misspelt at the layout's line, fonts listing, batch order"
[ "$failed" -eq 0 ]
