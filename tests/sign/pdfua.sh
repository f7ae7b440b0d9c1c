#!/bin/sh
# --pdfua with --sign and --sign-field: the signature's widget is in the
# structure tree as PDF/UA-1 asks (7.18.1, 7.18.4): a /StructParent whose
# ParentTree entry is a Form element holding an OBJR to it, reached from
# the StructTreeRoot where the signature block stands in reading order,
# and the field's /TU in the release's language (widget_tree.py, through
# qpdf; poppler's structure reader for the order). The signature stays
# valid and whole (pdfsig, openssl), and the signed file is still the
# unsigned render plus the update (increment.py). A field signed later
# with pdfsig keeps its widget in the tree.
#
# Usage: pdfua.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
need pdfinfo pk12util
make_ca
make_signer rsa rsa
make_signer person rsa
release
export LETTERPRESS_SIGN_PASSWORD=secret
tree() {
	python3 "$src/tests/sign/widget_tree.py" "$@" || fail "$1: the widget is not in the structure tree"
}
# The document's elements in order, one a line, each with its text, as
# poppler reads the tree.
order() {
	pdfinfo -struct-text "$1" | awk '
		/^  [^ ]/ { if (el != "") print el text; el = substr($0, 3); sub(/ .*/, "", el); text = "" }
		/^    +"/ { t = $0; sub(/^ +/, "", t); text = text " " t }
		END { if (el != "") print el text }'
}

# Signed, in both kinds of file: objects packed with a cross-reference
# stream (PDF 1.7), and the classic table of PDF/A-1b.
for level in "" "--pdfa 1b"; do
	# shellcheck disable=SC2086 # $level is one option and its value, or none
	"$lp" render -q release.md -o plain.pdf --pdfua $level
	# shellcheck disable=SC2086
	"$lp" render -q release.md -o ua.pdf --pdfua $level --sign rsa.p12
	pdfinfo -meta ua.pdf | grep -q 'pdfuaid:part="1"' || fail "ua.pdf claims no PDF/UA-1"
	verify_ok ua.pdf
	tree ua.pdf --tu "Потпис: Марија Јовановић. Електронски потписано "
	# The Form stands right after the signature block's lines.
	order ua.pdf | grep -A1 "Шеф Службе" | tail -1 | grep -qx "Form" ||
		fail "the Form is not after the signature block: $(order ua.pdf)"
	python3 "$src/tests/sign/increment.py" plain.pdf ua.pdf ||
		fail "ua.pdf is not the unsigned render plus its signature"
done
echo "ok: --pdfua --sign: the widget's Form element after the signature block, /TU, valid and whole"

# pdf.js (when installed: npm ci in tests/js) builds the page's tree from
# the ParentTree too, and finds the Form holding the widget and its /TU.
pdfjs() { node "$src/tests/js/pdf-struct.mjs" "$1"; }
if command -v node >/dev/null 2>&1 && [ -r "$src/tests/js/node_modules/pdfjs-dist/package.json" ]; then
	pdfjs ua.pdf | grep -A1 "P: Шеф Службе" | tail -1 |
		grep -q '^    Form .*tu="Потпис: Марија Јовановић\. ' || fail "pdf.js: $(pdfjs ua.pdf)"
	echo "ok: pdf.js reads the Form after the signature block, with the field's /TU"
else
	echo "pdf.js is not installed (npm ci in tests/js): its reading is skipped"
fi

# An empty field: the same, its /TU the word alone; a person then signs it.
"$lp" render -q release.md -o field.pdf --pdfua --sign-field=Potpis
tree field.pdf --tu "Потпис"
order field.pdf | grep -A1 "Шеф Службе" | tail -1 | grep -qx "Form" ||
	fail "the field's Form is not after the signature block: $(order field.pdf)"
if command -v node >/dev/null 2>&1 && [ -r "$src/tests/js/node_modules/pdfjs-dist/package.json" ]; then
	pdfjs field.pdf | grep -q '^    Form .*tu="Потпис"' || fail "pdf.js: $(pdfjs field.pdf)"
fi
python3 -c "
import json, subprocess, sys
j = json.loads(subprocess.run(['qpdf', '--json=2', '--json-key=qpdf', 'field.pdf'],
                              capture_output=True, check=True).stdout)
tu = [v['value']['/TU'] for v in j['qpdf'][1].values() if isinstance(v.get('value'), dict) and '/TU' in v['value']]
sys.exit(tu != ['u:Потпис'])" || fail "the empty field's /TU is not 'Потпис'"
pk12util -i person.p12 -d "sql:$work/nss" -W secret -K "" >/dev/null 2>&1
pdfsig -nssdir "sql:$work/nss" -sign Potpis -nick person -etsi field.pdf signed.pdf >/dev/null 2>&1 ||
	fail "pdfsig -sign could not sign the field"
verify_ok signed.pdf any-subfilter
# Signing in place of the field keeps the widget in the structure tree.
tree signed.pdf --tu "Потпис"
echo "ok: --pdfua --sign-field: the field's Form element, /TU 'Потпис'; pdfsig signs it, valid, the widget still in the tree"

# A layout whose footer follows the signature block, and a body with a
# link: the Form stands between the body and the footer, and the widget's
# key comes after the link's.
"$lp" render -q "$src/examples/en-2024-09-24.md" -o en.pdf --pdfua --sign rsa.p12
verify_ok en.pdf
tree en.pdf --tu "Signature: Марија Јовановић. Digitally signed "
order en.pdf | grep -B1 -A1 -x "Form" | head -1 | grep -q "until 31 October" ||
	fail "the Form does not follow the body: $(order en.pdf)"
order en.pdf | grep -A1 -x "Form" | tail -1 | grep -q "+381 21 480 2200" ||
	fail "the footer does not follow the Form: $(order en.pdf)"
# A layout without a signature block: an invisible signature, its Form
# after all the content.
"$lp" render -q "$src/examples/predsednik-2024-02-20.md" -o invisible.pdf --pdfua --sign rsa.p12
verify_ok invisible.pdf
tree invisible.pdf --last --tu "Потпис: Марија Јовановић. "
echo "ok: the Form where the block stands between body and footer, and last without a block"
