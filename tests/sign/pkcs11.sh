#!/bin/sh
# A key on a PKCS#11 token: SoftHSM2 stands in for a smart card, reached
# through OpenSSL's pkcs11 engine. The PIN comes from the environment or a
# file; a wrong PIN or a URI naming no key is exit 65 with no output.
#
# Usage: pkcs11.sh LETTERPRESS SOURCE_TREE   (exit 77: a tool is missing)
set -eu
lp=$1 src=$2
. "$src/tests/sign/lib.sh"
need softhsm2-util
module=/usr/lib/softhsm/libsofthsm2.so
[ -f "$module" ] || { echo "SoftHSM2's module is missing"; exit 77; }
[ -f "$(openssl version -e | sed 's/.*"\(.*\)"/\1/')/pkcs11.so" ] ||
	{ echo "the OpenSSL pkcs11 engine (libengine-pkcs11-openssl) is missing"; exit 77; }
# Under ASan, full stacks at malloc, so that tests/lsan.supp can name the
# engine's own leaks (libp11's method tables) and nothing else.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
make_ca
for alg in rsa ec; do make_signer "$alg" "$alg"; done
release

mkdir tokens
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\n' "$work" > softhsm2.conf
export SOFTHSM2_CONF="$work/softhsm2.conf" PKCS11_MODULE_PATH="$module"
softhsm2-util --init-token --free --label lp-test --pin 1234 --so-pin 5678 >/dev/null
for alg in rsa ec; do
	openssl pkcs8 -topk8 -nocrypt -in "$alg.key" -out "$alg.pk8"
	id=01; [ "$alg" = ec ] && id=02
	softhsm2-util --import "$alg.pk8" --token lp-test --label "$alg-key" --id "$id" --pin 1234 >/dev/null
done

for alg in rsa ec; do
	LETTERPRESS_SIGN_PASSWORD=1234 "$lp" render -q release.md -o "$alg.pdf" \
		--sign "pkcs11:token=lp-test;object=$alg-key;type=private" --sign-cert "$alg.pem"
	verify_ok "$alg.pdf"
	echo "ok: $alg key on the token: valid, trusted"
done
printf '1234\n' > pin
mkdir rel && for i in 1 2 3 4; do cp release.md "rel/r$i.md"; done
"$lp" batch rel -o out --jobs 2 -q --sign "pkcs11:token=lp-test;object=ec-key;type=private" \
	--sign-cert ec.pem --sign-password-file pin
for i in 1 2 3 4; do verify_ok "out/r$i.pdf"; done
echo "ok: batch --jobs 2 with the token's key (PIN from a file): 4 valid signatures"

: > err
before=$(ls -A | sort)
for bad in "pkcs11:token=lp-test;object=ec-key;type=private 0000" \
	"pkcs11:token=lp-test;object=nothing;type=private 1234"; do
	set -- $bad
	st=0
	LETTERPRESS_SIGN_PASSWORD=$2 "$lp" render -q release.md -o bad.pdf --sign "$1" \
		--sign-cert ec.pem 2> err || st=$?
	[ "$st" -eq 65 ] || fail "$bad: exit $st, expected 65: $(cat err)"
	grep -q "error: no private key on the token answers this URI, or the PIN is wrong" err ||
		fail "$bad: $(cat err)"
	[ "$(ls -A | sort)" = "$before" ] || fail "$bad: left files"
	echo "ok: exit 65: $(grep error: err)"
done
