#!/bin/sh
# --sign-ltv: a Document Security Store after the signature, as a second
# incremental update. The test CA issues a CRL (openssl ca -gencrl) and an
# OCSP answer for the signer (openssl ocsp); the DSS that qpdf shows holds
# them and the chain, byte for byte as openssl wrote them, with a VRI entry
# keyed by the SHA-1 of the signature's /Contents. pdfsig still finds the
# signature valid and trusted, and says the last revision is not covered
# (the DSS is after the signed bytes, as it must be); the signed revision
# alone is "Total document signed", and with RSA and a fixed time it is
# the same bytes as the render without --sign-ltv. Bad validation data is
# refused before anything is written. (B-T with a DSS: tsa.sh.)
#
# Usage: ltv.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
make_ca
make_signer rsa rsa
make_signer gone ec
release
LETTERPRESS_SIGN_TIME=$(date +%s)
export LETTERPRESS_SIGN_TIME

# The CA's database: the signer valid, "gone" revoked; a CRL, an OCSP answer.
mkdir db
: > db/index.txt
echo 01 > db/crlnumber
printf '[ca]\ndefault_ca = t\n[t]\ndatabase = db/index.txt\ncrlnumber = db/crlnumber\ndefault_md = sha256\ndefault_crl_days = 7\nunique_subject = no\n' > ca.cnf
openssl ca -config ca.cnf -valid rsa.pem -keyfile ca.key -cert ca.pem 2>/dev/null
openssl ca -config ca.cnf -revoke gone.pem -keyfile ca.key -cert ca.pem 2>/dev/null
openssl ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem -out crl.pem 2>/dev/null
openssl ocsp -issuer ca.pem -cert rsa.pem -no_nonce -reqout req.der >/dev/null 2>&1
openssl ocsp -index db/index.txt -CA ca.pem -rsigner ca.pem -rkey ca.key -reqin req.der \
	-respout ocsp.der -ndays 7 >/dev/null 2>&1
[ -s crl.pem ] && [ -s ocsp.der ] || fail "openssl made no CRL or OCSP answer"

sign() {
	"$lp" render -q release.md --sign rsa.key --sign-cert rsa.pem --sign-chain ca.pem "$@"
}
sign -o bb.pdf
sign -o ltv.pdf --sign-ltv crl.pem --sign-ltv ocsp.der
qpdf --check ltv.pdf >/dev/null 2>&1 || fail "qpdf --check: $(qpdf --check ltv.pdf 2>&1 | tail -3)"

# What pdfsig says of the whole file and of the signed revision alone.
out=$(pdfsig -nssdir "sql:$work/nss" ltv.pdf 2>&1) || true
echo "$out" | grep -q "Signature is Valid." || fail "pdfsig: not valid: $out"
echo "$out" | grep -q "Certificate is Trusted." || fail "pdfsig: not trusted: $out"
echo "$out" | grep -q "Not total document signed" || fail "pdfsig: the DSS is signed?: $out"
end=$(python3 -c 'import re, sys
d = open(sys.argv[1], "rb").read()
a, b, c, n = map(int, re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", d)[0])
print(c + n)' ltv.pdf)
head -c "$end" ltv.pdf > rev1.pdf
verify_ok rev1.pdf
cmp rev1.pdf bb.pdf || fail "the signed revision is not the render without --sign-ltv"
echo "ok: the signature's revision is untouched; pdfsig: valid, trusted, DSS not signed"

# The DSS as qpdf reads it: the chain, the CRL and the OCSP answer, as DER.
openssl x509 -in rsa.pem -outform DER -out rsa.der
openssl x509 -in ca.pem -outform DER -out ca.der
openssl crl -in crl.pem -outform DER -out crl.der
dss=$(python3 -c 'import re, sys
d = open(sys.argv[1], "rb").read()
print(re.findall(rb"/DSS (\d+) 0 R", d)[-1].decode())' ltv.pdf)
qpdf --show-object="$dss" ltv.pdf > dss.txt
grep -q "/Type /DSS" dss.txt || fail "object $dss is not the DSS: $(cat dss.txt)"
python3 - ltv.pdf "$dss" <<'PY' || fail "the DSS is not what was given"
import binascii, hashlib, re, subprocess, sys
pdf, dss = sys.argv[1], sys.argv[2]
def show(n, *opt):
    return subprocess.run(["qpdf", "--show-object=%s" % n, *opt, pdf], check=True,
                          capture_output=True).stdout
def refs(text, key):
    m = re.search(rb"/" + key + rb" \[ ?([^\]]*)\]", text)
    return [int(x) for x in re.findall(rb"(\d+) 0 R", m.group(1))] if m else []
def data(n):
    return show(n, "--raw-stream-data")
d = show(dss)
certs = sorted(data(n) for n in refs(d, b"Certs"))
want = sorted(open(f, "rb").read() for f in ("rsa.der", "ca.der"))
assert certs == want, "Certs: %d objects, not the signer's and the CA's" % len(certs)
assert [data(n) for n in refs(d, b"CRLs")] == [open("crl.der", "rb").read()], "CRLs"
assert [data(n) for n in refs(d, b"OCSPs")] == [open("ocsp.der", "rb").read()], "OCSPs"
# The VRI key: the SHA-1 of the whole /Contents string, padding included.
raw = open(pdf, "rb").read()
contents = re.findall(rb"/Contents <([0-9A-Fa-f]+)>", raw)[-1]
key = hashlib.sha1(binascii.unhexlify(contents)).hexdigest().upper().encode()
m = re.search(rb"/VRI << /(\w+) (\d+) 0 R >>", d)
assert m and m.group(1) == key, "VRI key %r, not %r" % (m and m.group(1), key)
vri = show(int(m.group(2)))
assert sorted(refs(vri, b"Cert")) == sorted(refs(d, b"Certs")), "VRI /Cert"
assert refs(vri, b"CRL") == refs(d, b"CRLs") and refs(vri, b"OCSP") == refs(d, b"OCSPs"), "VRI"
print("ok: DSS %s: %d certificates, a CRL, an OCSP answer; VRI %s" % (dss, len(certs), key.decode()))
PY

# The same file given twice, and a chain certificate given again, are kept once.
sign -o twice.pdf --sign-ltv crl.pem --sign-ltv crl.pem --sign-ltv ca.pem
qpdf --show-object="$(python3 -c 'import re, sys
print(re.findall(rb"/DSS (\d+) 0 R", open(sys.argv[1], "rb").read())[-1].decode())' twice.pdf)" \
	twice.pdf > twice.txt
grep -q "/Certs \[ [0-9]* 0 R [0-9]* 0 R \]" twice.txt && grep -q "/CRLs \[ [0-9]* 0 R \]" twice.txt ||
	fail "duplicates kept: $(cat twice.txt)"

# The DSS update's cross-reference section is of the signed file's kind:
# a stream after a stream (the default PDF 1.7 file), a table after a
# table (PDF/A-1b is PDF 1.4); qpdf reads both and finds the DSS.
sign -o a1b.pdf --pdfa 1b --sign-ltv crl.pem
for f in ltv.pdf a1b.pdf; do
	qpdf --check "$f" >/dev/null 2>&1 || fail "$f: qpdf --check: $(qpdf --check "$f" 2>&1 | tail -3)"
	kinds=$(python3 -c 'import re, sys
d = open(sys.argv[1], "rb").read()
ends = [m.start() for m in re.finditer(rb"%%EOF", d)]
k = []
for i, e in enumerate(ends[-2:]):
    at = int(re.findall(rb"startxref\s+(\d+)", d[:e + 5])[-1])
    k.append("table" if d[at:at + 4] == b"xref" else "stream")
print(" ".join(k))' "$f")
	case "$f:$kinds" in
	"ltv.pdf:stream stream" | "a1b.pdf:table table") ;;
	*) fail "$f: the signature's and the DSS's sections are '$kinds'" ;;
	esac
	qpdf --show-object=trailer "$f" | grep -q "/Root" || fail "$f: no trailer"
	python3 -c 'import re, subprocess, sys
root = subprocess.run(["qpdf", "--show-object=trailer", sys.argv[1]], capture_output=True,
    check=True).stdout
n = re.search(rb"/Root (\d+) 0 R", root).group(1).decode()
cat = subprocess.run(["qpdf", "--show-object=" + n, sys.argv[1]], capture_output=True,
    check=True).stdout
sys.exit(0 if b"/DSS" in cat else 1)' "$f" || fail "$f: qpdf finds no /DSS in the catalog"
done
pdfsig -nssdir "sql:$work/nss" a1b.pdf 2>&1 | grep -q "Signature is Valid." || fail "a1b.pdf: not valid"
echo "ok: the DSS update's section is of the signed file's kind (stream, and a table for 1b)"

# Refused before anything is written: exit, message, no output.
refused() { # EXIT WORDS ARGS...
	code=$1 words=$2
	shift 2
	rc=0
	"$lp" render -q release.md -o bad.pdf "$@" 2> err || rc=$?
	[ "$rc" = "$code" ] || fail "exit $rc, not $code, for $*: $(cat err)"
	grep -q "$words" err || fail "no '$words' for $*: $(cat err)"
	[ ! -e bad.pdf ] || fail "an output was written for $*"
}
refused 65 "lists the signing certificate as revoked" --sign gone.key --sign-cert gone.pem \
	--sign-ltv crl.pem
printf 'not a certificate\n' > junk.txt
refused 65 "neither a certificate, a CRL nor an OCSP response" --sign rsa.key --sign-cert rsa.pem \
	--sign-ltv junk.txt
refused 66 "missing.crl" --sign rsa.key --sign-cert rsa.pem --sign-ltv missing.crl
refused 64 "go with --sign" --sign-ltv crl.pem
# An OCSP answer that says the signer is revoked.
openssl ocsp -issuer ca.pem -cert gone.pem -no_nonce -reqout greq.der >/dev/null 2>&1
openssl ocsp -index db/index.txt -CA ca.pem -rsigner ca.pem -rkey ca.key -reqin greq.der \
	-respout gone.ocsp -ndays 7 >/dev/null 2>&1
refused 65 "says the signing certificate is revoked" --sign gone.key --sign-cert gone.pem \
	--sign-chain ca.pem --sign-ltv gone.ocsp
echo "ok: revoked signers, junk, missing files and --sign-ltv without --sign are refused"
