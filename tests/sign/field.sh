#!/bin/sh
# --sign-field without a credential: an empty signature field over the
# signature block, which poppler's pdfsig then signs (as a person would in
# Acrobat or Okular) and verifies. The unsigned render's objects are all
# in the field render unchanged.
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
# Every stream of the unsigned render is in the field render, byte for byte.
# (The unsigned render keeps its small objects in an object stream, which
# a file with a signature field does not: its object and cross-reference
# streams are left out, and both files' objects are read through them.)
python3 - <<'PY' || fail "the field render changed the unsigned render's streams"
import re
def streams(p):
    return sorted(m.group(2) for m in re.finditer(rb'<<(.*?)>>\r?\nstream\r?\n(.*?)\r?\nendstream',
                  open(p, 'rb').read(), re.S) if not re.search(rb'/Type ?/(ObjStm|XRef)', m.group(1)))
a, b = streams('plain.pdf'), streams('field.pdf')
rest = list(b)
for s in a:
    rest.remove(s)
PY
# ... and every object before the structure tree keeps its number and
# bytes, but the catalog (/AcroForm) and the page (/Annots); the field's
# objects come after them.
python3 - <<'PY' || fail "the field render changed the unsigned render's objects"
import re, zlib
def objs(p):
    d = open(p, 'rb').read()
    o = {int(m.group(1)): m.group(2)
         for m in re.finditer(rb'\n(\d+) 0 obj\n(.*?)\nendobj', d, re.S)}
    for k, v in list(o.items()):  # an object stream's objects
        m = re.match(rb'<</Type/ObjStm/N (\d+)/First (\d+)/Filter/FlateDecode/Length (\d+) *>>\nstream\r\n', v)
        if m:
            data = zlib.decompress(v[m.end():m.end() + int(m.group(3))])
            first, head = int(m.group(2)), data[:int(m.group(2))].split()
            at = [int(x) for x in head[1::2]] + [len(data) - first]
            for i, num in enumerate(head[0::2]):
                o[int(num)] = data[first + at[i]:first + at[i + 1]].rstrip(b'\n')
            del o[k]
    # A stream's length, written as an object of its own or directly.
    lengths = {k: v for k, v in o.items() if v.isdigit()}
    return {k: re.sub(rb'/Length (\d+) 0 R', lambda m: b'/Length ' + lengths[int(m.group(1))], v)
            for k, v in o.items() if k not in lengths and not v.startswith(b'<</Type/XRef')}
a, b = objs('plain.pdf'), objs('field.pdf')
# The structure tree is written last, after the field's objects, so its
# objects (and only they) take new numbers.
tree = min(k for k in a if a[k].startswith(b'<</Type/StructTreeRoot'))
changed = [k for k in a if k < tree and a[k] != b.get(k)]
assert len(changed) == 2, changed
assert all(b'/Type /Catalog' in a[k] or b'/Type /Page\n' in a[k] for k in changed), changed
assert min(set(b) - set(a)) > max(a)
PY
echo "ok: an empty field over the signature block; the unsigned render's objects unchanged but catalog and page"

# A person signs the field with pdfsig (NSS database with their key).
pk12util -i person.p12 -d "sql:$work/nss" -W secret -K "" >/dev/null 2>&1
pdfsig -nssdir "sql:$work/nss" -sign Potpis -nick person -etsi field.pdf signed.pdf >/dev/null 2>&1 ||
	fail "pdfsig -sign: $(pdfsig -nssdir "sql:$work/nss" -sign Potpis -nick person -etsi field.pdf signed.pdf 2>&1)"
# (pdfsig 22.12 signs an existing field as adbe.pkcs7.detached, -etsi or not.)
verify_ok signed.pdf any-subfilter
echo "ok: pdfsig -sign filled the field; the signature is valid and trusted"
