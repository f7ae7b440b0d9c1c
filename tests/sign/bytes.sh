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

# When the stamp lines do not fit below the block on its page, the block
# moves on with them and the pages differ from the unsigned render's: a
# warning says so. The memorandum grows a line at a time; the last
# lengths on one page unsigned are the ones where the stamp may not fit.
grow() { # N: release-N.md with N more one-line paragraphs
	cp release.md "release-$1.md"
	i=0
	while [ $i -lt "$1" ]; do
		i=$((i + 1))
		printf '\nРеченица број %d која попуњава страницу.\n' $i >> "release-$1.md"
	done
}
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
lo=0 hi=64 # the fewest lines that take the unsigned render to two pages
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	grow $mid
	"$lp" render -q "release-$mid.md" -o g.pdf
	if [ "$(pages g.pdf)" -gt 1 ]; then hi=$mid; else lo=$mid; fi
done
moved=0 kept=0
for n in $((hi - 1)) $((hi - 2)) $((hi - 3)) $((hi - 4)) $((hi - 5)); do
	grow $n
	"$lp" render -q "release-$n.md" -o u.pdf
	"$lp" render "release-$n.md" -o s.pdf --sign ec.key --sign-cert ec.pem 2> err
	if [ "$(pages s.pdf)" -gt "$(pages u.pdf)" ]; then
		grep -q "stamp lines do not fit below the signature block" err || fail "$n lines: no warning"
		grep -q "layout.yaml:[0-9]*:[0-9]*: warning" err || fail "$n lines: the warning has no place: $(cat err)"
		python3 "$src/tests/sign/increment.py" u.pdf s.pdf >/dev/null && fail "$n lines: moved, yet the same"
		moved=$((moved + 1))
	else
		[ ! -s err ] || fail "$n lines: $(cat err)"
		same u.pdf s.pdf >/dev/null
		kept=$((kept + 1))
	fi
done
[ $moved -gt 0 ] && [ $kept -gt 0 ] || fail "no length near the page's end moved the block ($moved) or kept it ($kept)"
echo "ok: a stamp that moves the signature block to the next page is warned about ($moved of 5 lengths)"
