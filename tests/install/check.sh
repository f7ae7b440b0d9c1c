#!/usr/bin/env bash
# Installs a build into a staging folder, moves the installed prefix
# elsewhere, and uses it as a user would, with nothing from the source tree
# or the build folder:
#   - the program renders the example and lists the layouts (its data is
#     found relative to its own prefix);
#   - the library's example (examples/library/render.c, installed with the
#     docs) builds with `pkg-config --cflags --libs letterpress` against the
#     installed header and library only, runs, and writes a PDF that qpdf
#     and pdftotext read;
#   - no installed file names the build or source folder.
#   tests/install/check.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install check: $*" >&2; exit 1; }

meson install -C "$build" --destdir "$tmp/stage" --no-rebuild --quiet >/dev/null
prefix=$(sed -n 's/^prefix=//p' "$build/meson-private/letterpress.pc")
[ -d "$tmp/stage$prefix" ] || fail "nothing installed under $prefix"
mkdir -p "$tmp/moved"
mv "$tmp/stage$prefix" "$tmp/moved/prefix"
p=$tmp/moved/prefix
rm -rf "$tmp/stage"
libdir=$(dirname "$(find "$p" -name 'libletterpress.so.0' | head -1)")
[ -n "$libdir" ] || fail "no libletterpress.so.0 installed"

# The program, from a folder far from the source tree.
cp "$top/examples/predsednik-2024-02-20.md" "$tmp/release.md"
cd "$tmp"
# Outputs are read whole before grep looks: with pipefail, a grep -q that
# stops at its match can leave the writer a SIGPIPE, failing a good run.
env -u LETTERPRESS_DATA "$p/bin/letterpress" layouts >layouts.txt \
  || fail "the installed program cannot list its layouts"
grep -q '^predsednik ' layouts.txt || fail "the installed program does not find its layouts"
env -u LETTERPRESS_DATA "$p/bin/letterpress" render release.md -o tool.pdf 2>/dev/null \
  || fail "the installed program cannot render the example"
qpdf --check tool.pdf >/dev/null || fail "the program's PDF does not pass qpdf --check"
pdftotext tool.pdf tool.txt || fail "pdftotext cannot read the program's PDF"
grep -q 'САОПШТЕЊЕ ЗА МЕДИЈЕ' tool.txt || fail "the program's PDF lacks the title"

# The shell completion scripts, where the shells look for them.
for f in bash-completion/completions/letterpress zsh/vendor-completions/_letterpress \
  fish/vendor_completions.d/letterpress.fish; do
  [ -s "$(find "$p" -path "*/share/$f" | head -1)" ] || fail "share/$f is not installed"
done

# The library, through pkg-config, from the installed example.
example=$(find "$p" -path '*examples/library/render.c' | head -1)
[ -n "$example" ] || fail "examples/library/render.c is not installed"
[ -f "$p/include/letterpress.h" ] || fail "letterpress.h is not installed"
pc="pkg-config --define-variable=prefix=$p"
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046
cc -std=c17 -Wall -Werror "$example" $($pc --cflags letterpress) $($pc --libs letterpress) -o render \
  || fail "the library example does not build against the installed files"
env -u LETTERPRESS_DATA LD_LIBRARY_PATH="$libdir" ./render release.md lib.pdf 2>/dev/null \
  || fail "the library example fails"
LD_LIBRARY_PATH="$libdir" ldd ./render >ldd.txt || fail "ldd cannot read the library example"
grep -q "$libdir/libletterpress.so.0" ldd.txt || fail "the example is not linked to the installed library"
qpdf --check lib.pdf >/dev/null || fail "the library's PDF does not pass qpdf --check"
cmp -s tool.pdf lib.pdf || fail "the library and the program render different bytes"

# Nothing installed names where it was built.
if grep -rlaF -e "$build" -e "$top" "$p" >/dev/null; then
  fail "installed files name the build or source folder: $(grep -rlaF -e "$build" -e "$top" "$p" | head -3)"
fi
echo "install check: installed, moved, rendered by the program and by the library example"
