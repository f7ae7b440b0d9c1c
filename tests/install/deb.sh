#!/usr/bin/env bash
# Builds the Debian packages from a clean export of the committed tree,
# checks them with lintian (no errors allowed), installs them on this
# machine, renders the example with the installed tool and builds the
# library example against libletterpress-dev, then removes them again.
#   tests/install/deb.sh        (needs root or sudo: it installs packages)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
need=()
for p in debhelper dpkg-dev lintian; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
tmp=$(mktemp -d)
cleanup() {
  DEBIAN_FRONTEND=noninteractive $sudo apt-get purge -y -qq letterpress libletterpress0 libletterpress-dev >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "deb check: $*" >&2; exit 1; }

mkdir "$tmp/src"
git -C "$top" archive HEAD | tar -x -C "$tmp/src"
(cd "$tmp/src" && dpkg-buildpackage -us -uc -b >"$tmp/build.log" 2>&1) || { tail -30 "$tmp/build.log"; fail "dpkg-buildpackage failed"; }
changes=$(ls "$tmp"/letterpress_*.changes)
lintian --fail-on error --suppress-tags duplicate-font-file "$changes" || fail "lintian reports errors"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  "$tmp"/letterpress_*.deb "$tmp"/libletterpress0_*.deb "$tmp"/libletterpress-dev_*.deb >/dev/null \
  || fail "the packages do not install"

cd "$tmp"
cp "$top/examples/predsednik-2024-02-20.md" release.md
env -u LETTERPRESS_DATA /usr/bin/letterpress render release.md -o tool.pdf 2>/dev/null || fail "the installed tool cannot render"
for f in /usr/share/bash-completion/completions/letterpress /usr/share/zsh/vendor-completions/_letterpress \
  /usr/share/fish/vendor_completions.d/letterpress.fish; do
  [ -s "$f" ] || fail "the package does not install the completion script $f"
done
qpdf --check tool.pdf >/dev/null || fail "the tool's PDF does not pass qpdf --check"
# pkg-config reads letterpress.pc's Requires.private even for --cflags, and
# a static link needs its Libs.private: the package that holds each such
# .pc file or library must come with libletterpress-dev. This machine has
# them all (they build the package), so what is checked is the Depends
# closure, not whether the commands below happen to work here.
closure=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances libletterpress-dev | grep -v '^ ' | sed 's/:.*//' | sort -u)
# The package that holds a file, under its path or its merged-/usr twin
# (dpkg records /lib/… for some packages, /usr/lib/… for others).
owner() {
  local p=$1 alt
  case $p in /usr/*) alt=${p#/usr} ;; *) alt=/usr$p ;; esac
  { dpkg -S "$p" || dpkg -S "$alt"; } 2>/dev/null | head -1 | cut -d: -f1
}
in_closure() { grep -qx "$1" <<<"$closure"; }
requires=$(pkg-config --print-requires-private letterpress | awk '{print $1}')
[ -n "$requires" ] || fail "letterpress.pc names no private requirements"
for mod in $requires; do
  pkg=$(owner "$(pkg-config --variable=pcfiledir "$mod")/$mod.pc")
  in_closure "$pkg" || fail "libletterpress-dev does not bring $pkg, which holds $mod.pc"
done
libdir=$(pkg-config --variable=libdir letterpress)
for lib in $(pkg-config --static --libs-only-l letterpress | tr ' ' '\n' | sed -n 's/^-l//p' | sort -u); do
  case $lib in letterpress | m | pthread | dl | rt) continue ;; esac
  file=$(ls /usr/lib/*/"lib$lib.so" "$libdir/lib$lib.so" 2>/dev/null | head -1)
  [ -n "$file" ] || fail "no development library for -l$lib"
  pkg=$(owner "$file")
  in_closure "$pkg" || fail "libletterpress-dev does not bring $pkg, which holds lib$lib.so"
done
cc -std=c17 -Wall -Werror /usr/share/doc/letterpress/examples/library/render.c \
  $(pkg-config --cflags --libs letterpress) -o render || fail "the library example does not build"
env -u LETTERPRESS_DATA ./render release.md lib.pdf 2>/dev/null || fail "the library example fails"
cmp -s tool.pdf lib.pdf || fail "the library and the tool render different bytes"
echo "deb check: built, lintian clean of errors, installed, rendered by the tool and the library example"
