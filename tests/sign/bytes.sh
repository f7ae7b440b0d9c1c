#!/bin/sh
# A signed render is the unsigned render of the same release, byte for
# byte, plus the signature: an incremental update holding the field, its
# appearance and the appearance's own fonts, the signature dictionary, and
# new revisions of the widget's page (/Annots, /Tabs) and of the catalog
# (/AcroForm); /ID unchanged. increment.py checks it object by object,
# for B-B, PDF/A-2b and -1b, a page that already has links, and an empty
# field (B-T: tsa.sh). PDF/A-1b signed still passes PDFBox Preflight.
#
# Usage: bytes.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
make_ca
make_signer ec ec
# The same key with a name wider than the signature block (below).
long="Александра Константиновић-Митровић Поповић Јовановић Петровић"
openssl req -new -key ec.key -out long.csr -utf8 -subj "/CN=$long/O=Test" 2>/dev/null
openssl x509 -req -in long.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out long.pem \
	-days 10 -extfile ec.ext 2>/dev/null
release
LETTERPRESS_SIGN_TIME=$(date +%s)
export LETTERPRESS_SIGN_TIME

same() { # UNSIGNED SIGNED [field]
	python3 "$src/tests/sign/increment.py" "$@" || fail "$2 is not $1 plus its signature"
}
sign() {
	"$lp" render -q "$@" --sign ec.key --sign-cert ec.pem --sign-chain ca.pem
}

"$lp" render -q release.md -o plain.pdf
sign release.md -o signed.pdf
same plain.pdf signed.pdf
verify_ok signed.pdf
# The stamp is the appearance's: extracted with it, never on the page.
pdftotext signed.pdf - | grep -q "Електронски потписано" || fail "no stamp in signed.pdf"
pdftotext plain.pdf - | grep -q "Електронски потписано" && fail "a stamp in plain.pdf"
[ "$(pdffonts signed.pdf | grep -c 'CID TrueType')" -gt "$(pdffonts plain.pdf | grep -c 'CID TrueType')" ] ||
	fail "the appearance has no fonts of its own"

"$lp" render -q release.md -o field.pdf --sign-field
same plain.pdf field.pdf field

for level in 2b 1b; do
	"$lp" render -q release.md -o "a$level.pdf" --pdfa "$level"
	sign release.md -o "a$level-signed.pdf" --pdfa "$level"
	same "a$level.pdf" "a$level-signed.pdf"
	verify_ok "a$level-signed.pdf"
done

# English, with the certificate's CN in the stamp, on a page with links.
en="$src/examples/en-2024-09-24.md"
"$lp" render -q "$en" -o en.pdf
sign "$en" -o en-signed.pdf
# (Its small objects are in an object stream: qpdf writes them out.)
qpdf --qdf --object-streams=disable en.pdf - | grep -aq "/Annots \[" ||
	fail "en.pdf has no links: the case is not tested"
same en.pdf en-signed.pdf
verify_ok en-signed.pdf

# A name wider than the block is set smaller on its one line of the stamp's
# room, never wrapped: the release names no signer, so the certificate's
# CN shows, and the copy is still the unsigned render plus the signature.
grep -v "^  name:" release.md > noname.md
"$lp" render -q noname.md -o noname.pdf
"$lp" render -q noname.md -o noname-signed.pdf --sign ec.key --sign-cert long.pem
same noname.pdf noname-signed.pdf
pdftotext -raw noname-signed.pdf - | grep -qx "$long" || fail "the long name is not one line: $(pdftotext -raw noname-signed.pdf -)"

jars=/usr/share/java
cp=$jars/preflight.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/xmpbox.jar
cp=$cp:$jars/commons-logging.jar:$jars/jaxb-api.jar:$jars/javax.activation.jar
if command -v java >/dev/null && [ -f $jars/preflight.jar ]; then
	out=$(java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b a1b-signed.pdf 2>&1) || true
	echo "$out" | grep -q "is a valid PDF/A-1b file" || fail "Preflight: $out"
	echo "ok: the signed PDF/A-1b passes PDFBox Preflight"
else
	echo "skipped: Preflight (no java or libpdfbox2-java)"
fi

# Every render of a layout with a signature block keeps the stamp's room
# under it, signed or not, so a block at the foot of a page signs without
# moving anything. The memorandum grows a line at a time; at the last
# lengths on one page the room ends at the frame's foot, and the signed
# copy must still be the unsigned render plus its signature.
grow() { # N: release-N.md with N more one-line paragraphs
	cp release.md "release-$1.md"
	i=0
	while [ $i -lt "$1" ]; do
		i=$((i + 1))
		printf '\nРеченица број %d која попуњава страницу.\n' $i >> "release-$1.md"
	done
}
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# The widget's lowest edge above the page's foot, in points.
widget_bottom() {
	python3 -c 'import re, sys; d = open(sys.argv[1], "rb").read()
r = re.findall(rb"/Subtype /Widget.*?/Rect \[ ?([-\d.]+) ([-\d.]+)", d, re.S)
print(int(float(r[-1][1])))' "$1"
}
lo=0 hi=64 # the fewest lines that take the unsigned render to two pages
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	grow $mid
	"$lp" render -q "release-$mid.md" -o g.pdf
	if [ "$(pages g.pdf)" -gt 1 ]; then hi=$mid; else lo=$mid; fi
done
for n in $((hi - 1)) $((hi - 2)) $hi; do
	grow $n
	"$lp" render -q "release-$n.md" -o u.pdf
	"$lp" render "release-$n.md" -o s.pdf --sign ec.key --sign-cert ec.pem 2> err
	[ ! -s err ] || fail "$n lines: $(cat err)"
	[ "$(pages s.pdf)" = "$(pages u.pdf)" ] || fail "$n lines: signing changed the pages"
	same u.pdf s.pdf >/dev/null
	pdftotext s.pdf - | grep -q "Електронски потписано" || fail "$n lines: no stamp"
done
# With hi - 1 lines the block and its room are the last thing on page 1:
# the room (widget) ends within a line (16 pt) of the first page's body
# frame, whose foot is 32 mm (91 pt) up on the memorandum.
grow $((hi - 1))
"$lp" render -q "release-$((hi - 1)).md" -o s.pdf --sign ec.key --sign-cert ec.pem
bottom=$(widget_bottom s.pdf)
[ "$bottom" -ge 90 ] && [ "$bottom" -lt 107 ] || fail "the block is not at the page's foot: its widget ends ${bottom} pt up"
echo "ok: a signature block at the foot of a page signs without moving ($((hi - 1)) lines; widget ${bottom} pt up)"
