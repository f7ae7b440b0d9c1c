#!/bin/sh
# PAdES B-T: --tsa URL adds an RFC 3161 token over the signature value,
# from a throwaway TSA on 127.0.0.1 (tsa_server.py around `openssl ts
# -reply`). The token verifies with `openssl ts -verify` against the
# signature value; the signature stays valid for pdfsig and openssl, and
# the file is the unsigned render plus the signature's objects. A bad
# answer fails the render with exit 74 and leaves no output.
#
# Usage: tsa.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
make_ca
make_signer ec ec
release

# The TSA's key and certificate (extendedKeyUsage timeStamping, critical).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out tsa.key 2>/dev/null
openssl req -new -key tsa.key -out tsa.csr -subj "/CN=letterpress test TSA" 2>/dev/null
printf 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n' > tsa.ext
openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out tsa.pem -days 10 \
	-extfile tsa.ext 2>/dev/null
echo 01 > tsaserial
cat > tsa.cnf <<CNF
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = $work/tsaserial
crypto_device = builtin
signer_cert = $work/tsa.pem
certs = $work/ca.pem
signer_key = $work/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF

pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
# start_tsa MODE: a server in that mode; its URL in $url.
start_tsa() {
	rm -f port
	python3 "$src/tests/sign/tsa_server.py" port "$1" "$work/tsa.cnf" &
	pids="$pids $!"
	i=0
	while [ ! -f port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -f port ] || fail "the test TSA did not start"
	url="http://127.0.0.1:$(cat port)/tsa"
}

start_tsa good
"$lp" render -q release.md -o bt.pdf --sign ec.key --sign-cert ec.pem --sign-chain ca.pem --tsa "$url"
verify_ok bt.pdf
# The unsigned render plus the signature, as with B-B (bytes.sh).
"$lp" render -q release.md -o plain.pdf
python3 "$src/tests/sign/increment.py" plain.pdf bt.pdf || fail "bt.pdf is not plain.pdf plus its signature"
# The token, and the signature value it stamps, out of the CMS.
python3 - bt.pdf.der <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
def tlv(b, i):
    t, l, i = b[i], b[i + 1], i + 2
    if l & 0x80:
        n = l & 0x7f
        l, i = int.from_bytes(b[i:i + n], 'big'), i + n
    return t, b[i:i + l], i + l
def items(b):
    i, out = 0, []
    while i < len(b):
        t, v, j = tlv(b, i)
        out.append((t, v, b[i:j]))
        i = j
    return out
_, ci, _ = tlv(d, 0)
sd = items(items(ci)[1][1])[0][1]               # [0] EXPLICIT SignedData
si = items(items(sd)[-1][1])[0][1]              # signerInfos SET, first SignerInfo
f = items(si)
sig = [v for t, v, _ in f if t == 0x04][0]      # signature OCTET STRING
unsigned = [v for t, v, _ in f if t == 0xa1][0]
attr = items(unsigned)[0][1]                    # Attribute SEQUENCE
oid, values = items(attr)[0], items(attr)[1]
assert oid[2].hex() == '060b2a864886f70d010910020e', 'not id-aa-signatureTimeStampToken'
open('sigvalue.bin', 'wb').write(sig)
open('token.der', 'wb').write(items(values[1])[0][2])
PY
openssl ts -verify -data sigvalue.bin -in token.der -token_in -CAfile ca.pem -untrusted tsa.pem \
	>/dev/null 2>&1 || fail "openssl ts -verify refuses the token: $(openssl ts -verify -data sigvalue.bin -in token.der -token_in -CAfile ca.pem -untrusted tsa.pem 2>&1)"
echo "ok: B-T: a timestamp token over the signature value, verified by openssl ts"

# B-LT: B-T with a DSS (--sign-ltv; ltv.sh tests the DSS itself), which
# then also holds the timestamp token's certificate, the TSA's.
: > index.txt
echo 01 > crlnumber
printf '[ca]\ndefault_ca = t\n[t]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\n' > ca.cnf
openssl ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem -out crl.pem -crldays 7 2>/dev/null
"$lp" render -q release.md -o blt.pdf --sign ec.key --sign-cert ec.pem --sign-chain ca.pem \
	--tsa "$url" --sign-ltv crl.pem
out=$(pdfsig -nssdir "sql:$work/nss" blt.pdf 2>&1) || true
echo "$out" | grep -q "Signature is Valid." || fail "pdfsig: B-LT not valid: $out"
openssl x509 -in tsa.pem -outform DER -out tsa.der
python3 - blt.pdf <<'PY' || fail "the B-LT DSS lacks the TSA's certificate"
import re, subprocess, sys
pdf = sys.argv[1]
d = open(pdf, "rb").read()
dss = re.findall(rb"/DSS (\d+) 0 R", d)[-1].decode()
text = subprocess.run(["qpdf", "--show-object=" + dss, pdf], check=True, capture_output=True).stdout
certs = [subprocess.run(["qpdf", "--show-object=%s" % n.decode(), "--raw-stream-data", pdf], check=True,
                        capture_output=True).stdout
         for n in re.findall(rb"(\d+) 0 R", re.search(rb"/Certs \[([^\]]*)\]", text).group(1))]
assert open("tsa.der", "rb").read() in certs, "%d certificates, none the TSA's" % len(certs)
assert re.search(rb"/CRLs \[ ?\d+ 0 R ?\]", text), "no CRL"
PY
echo "ok: B-LT: the DSS holds the chain, the CRL and the TSA's certificate"

for mode in garbage http500 refuse othernonce; do
	start_tsa "$mode"
	: > err
	before=$(ls -A | sort)
	st=0
	"$lp" render -q release.md -o bad.pdf --sign ec.key --sign-cert ec.pem --tsa "$url" 2> err || st=$?
	[ "$st" -eq 74 ] || fail "TSA $mode: exit $st, expected 74: $(cat err)"
	grep -q "timestamp authority" err || fail "TSA $mode: $(cat err)"
	[ "$(ls -A | sort)" = "$before" ] || fail "TSA $mode: left files"
	echo "ok: TSA $mode: exit 74, no output: $(head -1 err)"
done
# Nobody listening.
st=0
"$lp" render -q release.md -o bad.pdf --sign ec.key --sign-cert ec.pem --tsa http://127.0.0.1:9/ 2> err || st=$?
[ "$st" -eq 74 ] && [ ! -e bad.pdf ] || fail "no TSA: exit $st"
echo "ok: no TSA listening: exit 74, no output"
