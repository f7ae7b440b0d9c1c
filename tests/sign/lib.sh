# Shared by the signing tests: a throwaway CA and signers made with openssl
# in the test's own folder, an NSS database trusting the CA (for pdfsig),
# and helpers that read a signed PDF with independent tools.
#
# Sourced with $lp (the letterpress binary) and $src (the source tree) set;
# leaves the caller in a fresh folder $work, removed on exit.

need() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || { echo "$t is not installed"; exit 77; }
	done
}
need openssl pdfsig certutil qpdf python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export LETTERPRESS_DATA="$src"
unset LETTERPRESS_SIGN_PASSWORD LETTERPRESS_SIGN_TIME

fail() { echo "FAIL: $*"; exit 1; }

# make_ca: ca.key, ca.pem
make_ca() {
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -utf8 \
		-subj "/CN=letterpress test CA" -addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	certutil -N -d "sql:$work/nss" --empty-password 2>/dev/null || { mkdir -p nss; certutil -N -d "sql:$work/nss" --empty-password; }
	certutil -A -d "sql:$work/nss" -n testca -t "CT,C,C" -i ca.pem
}

# make_signer NAME ALG [KEYUSAGE] [DAYS]: NAME.key, NAME.pem, NAME.p12 (password "secret").
# ALG is rsa or ec.
make_signer() {
	name=$1 alg=$2 ku=${3:-digitalSignature,nonRepudiation} days=${4:-10}
	if [ "$alg" = ec ]; then
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" 2>/dev/null
	else
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key" 2>/dev/null
	fi
	openssl req -new -key "$name.key" -out "$name.csr" -utf8 -subj "/CN=Марија Јовановић/O=Test" 2>/dev/null
	printf 'keyUsage=critical,%s\nbasicConstraints=CA:FALSE\n' "$ku" > "$name.ext"
	openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$name.pem" \
		-days "$days" -extfile "$name.ext" 2>/dev/null
	openssl pkcs12 -export -inkey "$name.key" -in "$name.pem" -certfile ca.pem -name "$name" -out "$name.p12" \
		-passout pass:secret
}

# release: release.md, a memorandum with a signature block.
release() {
	cp "$src/tests/sign/memo.md" release.md
}

# extract PDF: PDF.data (the signed bytes), PDF.der (the CMS), from /ByteRange and /Contents.
extract() {
	python3 - "$1" <<'PY'
import re, sys, binascii
p = sys.argv[1]
d = open(p, 'rb').read()
br = [int(x) for x in re.findall(rb'/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]', d)[-1]]
a, b, c, n = br
open(p + '.data', 'wb').write(d[a:a + b] + d[c:c + n])
hexs = d[a + b + 1:c - 1]
der = binascii.unhexlify(hexs)
# The DER's own length: the zeros after it are padding.
l = der[1]
if l == 0x80:  # BER, indefinite length (NSS writes it): the reader stops at its end
    l = len(der)
elif l & 0x80:
    k = l & 0x7f
    l = int.from_bytes(der[2:2 + k], 'big') + 2 + k
else:
    l += 2
open(p + '.der', 'wb').write(der[:l])
PY
}

# verify_ok PDF [any-subfilter]: pdfsig and openssl both accept, trusted, whole document.
verify_ok() {
	out=$(pdfsig -nssdir "sql:$work/nss" "$1" 2>&1) || true
	echo "$out" | grep -q "Signature is Valid." || fail "pdfsig: not valid: $out"
	echo "$out" | grep -q "Certificate is Trusted." || fail "pdfsig: not trusted: $out"
	echo "$out" | grep -q "Total document signed" || fail "pdfsig: not whole: $out"
	[ "${2:-}" = any-subfilter ] || echo "$out" | grep -q "ETSI.CAdES.detached" ||
		fail "pdfsig: not PAdES: $out"
	extract "$1"
	openssl cms -verify -binary -inform DER -in "$1.der" -content "$1.data" -CAfile ca.pem \
		-purpose any -out /dev/null 2>/dev/null || fail "openssl cms -verify refuses $1"
	qpdf --check "$1" >/dev/null 2>&1 || fail "qpdf --check: $(qpdf --check "$1" 2>&1 | tail -3)"
}
