#!/bin/sh
# --sign-field without a credential: an empty signature field over the
# signature block, which poppler's pdfsig then signs (as a person would in
# Acrobat or Okular) and verifies. The field render is the unsigned
# render plus the field.
#
# Usage: field.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
need pk12util
make_ca
make_signer person rsa
release

"$lp" render -q release.md -o plain.pdf
"$lp" render -q release.md -o field.pdf --sign-field=Potpis
qpdf --check field.pdf >/dev/null 2>&1 || fail "qpdf --check field.pdf"
out=$(pdfsig field.pdf 2>&1) || true
echo "$out" | grep -q "Signature Field Name: Potpis" || fail "pdfsig sees no field: $out"
echo "$out" | grep -q "Signature Validation" && fail "an empty field claims a signature: $out"
# The widget sits over the signature block: its rectangle holds the block's text.
rect=$(python3 -c "
import re; d = open('field.pdf','rb').read()
m = re.search(rb'/FT /Sig.*?/Rect \[ ([-\d. ]+) \]', d, re.S); print(m.group(1).decode())")
H=$(pdfinfo field.pdf | awk '/Page size/ { print $5 }')
crop=$(python3 -c "
import math; x0, y0, x1, y1 = map(float, '$rect'.split())
print(math.floor(x0), math.floor($H - y1), math.ceil(x1 - x0), math.ceil(y1 - y0))")
set -- $crop
pdftotext -x "$1" -y "$2" -W "$3" -H "$4" field.pdf - | grep -q "Марија Јовановић" ||
	fail "the field's rectangle ($rect) does not cover the signature block"
# The unsigned render, byte for byte, plus the field (increment.py).
python3 "$src/tests/sign/increment.py" plain.pdf field.pdf field ||
	fail "the field render is not the unsigned render plus the field"
echo "ok: an empty field over the signature block, appended to the unsigned render"

# A person signs the field with pdfsig (NSS database with their key).
pk12util -i person.p12 -d "sql:$work/nss" -W secret -K "" >/dev/null 2>&1
pdfsig -nssdir "sql:$work/nss" -sign Potpis -nick person -etsi field.pdf signed.pdf >/dev/null 2>&1 ||
	fail "pdfsig -sign: $(pdfsig -nssdir "sql:$work/nss" -sign Potpis -nick person -etsi field.pdf signed.pdf 2>&1)"
# (pdfsig 22.12 signs an existing field as adbe.pkcs7.detached, -etsi or not.)
verify_ok signed.pdf any-subfilter
echo "ok: pdfsig -sign filled the field; the signature is valid and trusted"

# A layout with no signature block gives the field no place to be clicked:
# said, the field still made (it can be signed by its name).
sed 's/^layout: .*/layout: plain/' release.md >noblock.md
"$lp" render noblock.md -o noblock.pdf --sign-field 2>noblock.err ||
	fail "--sign-field on a layout without a signature block: $(cat noblock.err)"
grep -q "has no signature block: the signature field is invisible" noblock.err ||
	fail "no warning that the field is invisible: $(cat noblock.err)"
grep -aq '/FT */Sig' noblock.pdf || fail "the invisible field was not made"
echo "ok: a field on a layout without a signature block is made, and said to be invisible"
