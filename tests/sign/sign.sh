#!/bin/sh
# PAdES B-B with RSA-2048 and ECDSA P-256 keys from PKCS#12 and PEM files,
# checked by poppler's pdfsig (valid, trusted, whole document), OpenSSL's
# CMS verifier over the byte range, and qpdf; a flipped byte makes both
# verifiers refuse; two signed runs differ only in the signature value.
#
# Usage: sign.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
make_ca
make_signer rsa rsa
make_signer ec ec
release

# PKCS#12 with the password in the environment; PEM key with its certificate.
LETTERPRESS_SIGN_PASSWORD=secret "$lp" render -q release.md -o rsa.pdf --sign rsa.p12
verify_ok rsa.pdf
"$lp" render -q release.md -o ec.pdf --sign ec.key --sign-cert ec.pem --sign-chain ca.pem
verify_ok ec.pdf
echo "ok: RSA (PKCS#12) and ECDSA (PEM) signatures valid, trusted, whole"

# A PKCS#12 file encrypted the legacy way (RC2 and 3DES, as older Windows,
# Java and CA exports are), which OpenSSL 3 reads only with its legacy
# provider.
openssl pkcs12 -export -legacy -inkey rsa.key -in rsa.pem -certfile ca.pem -out legacy.p12 \
	-passout pass:secret
LETTERPRESS_SIGN_PASSWORD=secret "$lp" render -q release.md -o legacy.pdf --sign legacy.p12 ||
	fail "a legacy PKCS#12 file was not read"
verify_ok legacy.pdf
echo "ok: a PKCS#12 file with RC2 and 3DES encryption signs"

# The CMS: no signing-time, a signing-certificate-v2, SHA-256, the chain.
openssl cms -cmsout -print -inform DER -in rsa.pdf.der > cms.txt
grep -q signingTime cms.txt && fail "the CMS has a signing-time attribute"
grep -q "id-smime-aa-signingCertificateV2" cms.txt || fail "no signing-certificate-v2"
grep -q "algorithm: sha256" cms.txt || fail "digest is not SHA-256"
[ "$(grep -c 'issuer:' cms.txt)" -ge 2 ] || fail "the chain is not embedded"
# /M is the signing time, not the release's date (2024-02-20).
grep -aq "/M (D:$(date -u +%Y%m%d)" rsa.pdf || fail "/M is not today's date"
echo "ok: signed attributes: content-type, message-digest, signing-certificate-v2; /M now"

# One flipped byte inside the first signed range: both verifiers refuse.
python3 -c "
import sys; d = bytearray(open('rsa.pdf','rb').read()); d[200] ^= 0x01; open('flip.pdf','wb').write(d)"
out=$(pdfsig -nssdir "sql:$work/nss" flip.pdf 2>&1) || true
echo "$out" | grep -q "Signature is Valid." && fail "pdfsig accepts a changed byte"
echo "$out" | grep -Eq "Digest Mismatch|Signature is Invalid" || fail "pdfsig: $out"
extract flip.pdf
if openssl cms -verify -binary -inform DER -in flip.pdf.der -content flip.pdf.data -CAfile ca.pem \
	-purpose any -out /dev/null 2>/dev/null; then
	fail "openssl accepts a changed byte"
fi
echo "ok: a flipped byte is refused by pdfsig and openssl"

# Determinism: with the time pinned, two runs are the same bytes outside
# /Contents (RSA PKCS#1 v1.5 signatures are deterministic: all bytes).
export LETTERPRESS_SIGN_TIME="$(date +%s)"
for k in 1 2; do
	"$lp" render -q release.md -o "r$k.pdf" --sign rsa.key --sign-cert rsa.pem
	"$lp" render -q release.md -o "e$k.pdf" --sign ec.key --sign-cert ec.pem
done
cmp r1.pdf r2.pdf || fail "two RSA-signed runs differ"
blank() { python3 -c "
import re,sys; d=open(sys.argv[1],'rb').read()
sys.stdout.buffer.write(re.sub(rb'/Contents <[0-9A-F]+>', b'/Contents <>', d))" "$1"; }
blank e1.pdf > e1.b
blank e2.pdf > e2.b
cmp e1.b e2.b || fail "two ECDSA-signed runs differ outside /Contents"
cmp -s e1.pdf e2.pdf && fail "two ECDSA signatures are equal (no randomness?)"
unset LETTERPRESS_SIGN_TIME
echo "ok: signed runs are byte-identical outside the signature value"

# The signed page reads as the unsigned one plus the stamp.
"$lp" render -q release.md -o plain.pdf
pdftotext plain.pdf plain.txt
pdftotext rsa.pdf rsa.txt
grep -q "Електронски потписано" rsa.txt || fail "no stamp in the signed PDF's text"
tr -d '\f' < plain.txt | grep -v '^$' > plain.lines
tr -d '\f' < rsa.txt | grep -v -e '^$' -e "Електронски потписано" -e " UTC$" | diff plain.lines - ||
	fail "signed text differs"
# The stamp is the widget's appearance, not page content: without its
# annotations the signed page draws exactly as the unsigned one.
pdftoppm -r 50 -gray -hide-annotations rsa.pdf hidden
pdftoppm -r 50 -gray rsa.pdf shown
pdftoppm -r 50 -gray plain.pdf plain
cmp hidden-1.pgm plain-1.pgm || fail "the signed page without its widget differs from the unsigned page"
cmp -s shown-1.pgm plain-1.pgm && fail "the widget's appearance draws nothing"
echo "ok: the signed text is the unsigned text plus the stamp, drawn by the widget only"

# The stamp's words in the release's language; the certificate's CN when
# the release names no signer.
for lw in "en:Digitally signed" "sr-Latn:Elektronski potpisano" "ru:Подписано электронной подписью" \
	"uk:Підписано електронним підписом" "bg:Подписано с електронен подпис" \
	"mk:Електронски потпишано" "sr-Cyrl:Електронски потписано"; do
	lang=${lw%%:*} words=${lw#*:}
	sed -e "s/^lang: .*/lang: $lang/" -e '/^  name:/d' release.md > "lang-$lang.md"
	"$lp" render -q "lang-$lang.md" -o "lang-$lang.pdf" --sign ec.key --sign-cert ec.pem
	pdftotext "lang-$lang.pdf" - > "lang-$lang.txt"
	grep -q "$words" "lang-$lang.txt" || fail "$lang: no '$words' in the stamp"
	grep -q "Марија Јовановић" "lang-$lang.txt" || fail "$lang: the stamp lacks the certificate's CN"
done
echo "ok: the stamp in seven languages, with the certificate's CN when the release names nobody"

# batch --sign across two threads: every output valid.
mkdir -p rel/a rel/b
for i in 1 2 3; do cp release.md "rel/a/r$i.md"; cp release.md "rel/b/r$i.md"; done
"$lp" batch rel -o out --jobs 2 -q --sign ec.key --sign-cert ec.pem --sign-chain ca.pem
n=0
for f in out/a/*.pdf out/b/*.pdf; do verify_ok "$f"; n=$((n + 1)); done
[ "$n" -eq 6 ] || fail "batch wrote $n outputs, expected 6"
echo "ok: batch --sign --jobs 2: $n valid signatures"

# --resume keeps no unsigned output for a signed run (the journal knows
# the signer).
"$lp" batch rel -o out2 --jobs 2 -q
"$lp" batch rel -o out2 --jobs 2 -q --resume --sign ec.key --sign-cert ec.pem --sign-chain ca.pem
for f in out2/a/*.pdf out2/b/*.pdf; do verify_ok "$f"; done
echo "ok: batch --resume --sign signs the outputs an unsigned run left"

# ... nor one signed without the chain now asked for: a verifier that
# lacks the intermediate is why a user adds it.
"$lp" batch rel -o out3 -q --sign ec.key --sign-cert ec.pem
"$lp" batch rel -o out3 -q --resume --sign ec.key --sign-cert ec.pem --sign-chain ca.pem
for f in out3/a/*.pdf out3/b/*.pdf; do
	extract "$f"
	openssl cms -cmsout -print -inform DER -in "$f.der" | grep -q 'subject: CN=letterpress test CA' ||
		fail "$f: --resume kept an output signed without the chain asked for"
done
echo "ok: batch --resume --sign-chain signs again what was signed without the chain"
