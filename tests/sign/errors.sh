#!/bin/sh
# Credentials that cannot sign are refused before anything is written, with
# the exit codes docs/signing.md gives: 65 (wrong password, expired or not
# yet valid, key and certificate apart, key usage), 66 (missing file),
# 64 (usage). No output and no temporary file is left.
#
# Usage: errors.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
make_ca
make_signer good ec
make_signer other ec
make_signer caonly rsa keyCertSign
release

# expect CODE REGEX ARGS...: letterpress exits CODE, says REGEX, writes nothing.
expect() {
	code=$1 re=$2
	shift 2
	: > err
	before=$(ls -A | sort)
	st=0
	"$lp" render -q release.md -o out.pdf "$@" 2> err || st=$?
	[ "$st" -eq "$code" ] || fail "$*: exit $st, expected $code: $(cat err)"
	grep -Eq "$re" err || fail "$*: message '$(cat err)' does not match '$re'"
	[ "$(ls -A | sort)" = "$before" ] || fail "$*: left files: $(ls -A)"
	echo "ok: exit $code: $(head -1 err)"
}

LETTERPRESS_SIGN_PASSWORD=wrong expect 65 "good.p12: error: wrong password" --sign good.p12
expect 65 "good.p12: error: wrong password" --sign good.p12
printf 'wrong\n' > pw
expect 65 "wrong password" --sign good.p12 --sign-password-file pw
printf 'secret\n' > pw
"$lp" render -q release.md -o ok.pdf --sign good.p12 --sign-password-file pw
verify_ok ok.pdf
rm -f ok.pdf ok.pdf.data ok.pdf.der
echo "ok: the password file's first line is the password"
expect 66 "missing.p12" --sign missing.p12
expect 65 "private key does not belong" --sign good.key --sign-cert other.pem
expect 65 "key usage allows neither digitalSignature nor nonRepudiation" --sign caonly.key \
	--sign-cert caonly.pem
LETTERPRESS_SIGN_TIME=$(($(date +%s) + 30 * 86400)) expect 65 "has expired" --sign good.key \
	--sign-cert good.pem
LETTERPRESS_SIGN_TIME=$(($(date +%s) - 30 * 86400)) expect 65 "not valid yet" --sign good.key \
	--sign-cert good.pem
expect 64 "a PEM key needs its certificate" --sign good.key
openssl pkey -in good.key -aes256 -passout pass:secret -out enc.key 2>/dev/null
expect 65 "cannot decrypt the private key" --sign enc.key --sign-cert good.pem
LETTERPRESS_SIGN_PASSWORD=secret "$lp" render -q release.md -o ok.pdf --sign enc.key --sign-cert good.pem
verify_ok ok.pdf
rm -f ok.pdf ok.pdf.data ok.pdf.der
echo "ok: an encrypted PEM key opens with its password"
expect 65 "neither a PKCS#12 file nor a PEM private key" --sign release.md --sign-cert good.pem
expect 64 "go with --sign" --sign-cert good.pem
expect 64 "not an http:// URL" --sign good.key --sign-cert good.pem --tsa https://tsa.example/
before=$(ls -A | sort)
st=0
"$lp" render -q release.md -o out.tiff --sign good.key --sign-cert good.pem 2> err || st=$?
[ "$st" -eq 64 ] && grep -q "only PDF output can be signed" err || fail "TIFF signed: $st $(cat err)"
[ "$(ls -A | sort)" = "$before" ] || fail "a refused TIFF left files"
echo "ok: exit 64: only PDF output is signed"
# The password never shows in a message.
LETTERPRESS_SIGN_PASSWORD=hunter2-wrong "$lp" render -q release.md -o out.pdf --sign good.p12 2> err || true
grep -q hunter2 err && fail "the password appears in a message"
echo "ok: no message quotes the password"

# The stamp's name is the certificate's: what cannot be set of it is said at
# the file that holds it, and a name set smaller to fit its one line is
# not said to be broken (the tries that did not fit are not drawn).
grep -v '^  name:' release.md > unnamed.md
odd() { # NAME CN: a signer NAME.key, NAME.pem with that common name
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" \
		-out "$1.pem" -days 10 -utf8 -subj "/CN=$2" \
		-addext "keyUsage=critical,digitalSignature,nonRepudiation" 2>/dev/null
}
odd cjk "山田太郎"
odd long "$(printf 'Ш%.0s' $(seq 63))"
st=0
"$lp" render -q unnamed.md -o cjk.pdf --pdfa 2b --sign cjk.key --sign-cert cjk.pem 2> err || st=$?
[ "$st" -eq 65 ] && grep -q "^cjk.pem: error: no font covers U+5C71" err ||
	fail "a name no font has: exit $st: $(cat err)"
"$lp" render unnamed.md -o long.pdf --sign long.key --sign-cert long.pem 2> err ||
	fail "a long name: $(cat err)"
grep -q "word wider than the line" err && fail "a long name set smaller is said broken: $(cat err)"
rm -f long.pdf cjk.pdf unnamed.md
echo "ok: the certificate's name: said at its file, set smaller without a word"
