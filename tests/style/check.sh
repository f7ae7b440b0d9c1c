#!/bin/sh
# Code style, as CI checks it:
#  - every C file is formatted with the committed .clang-format (clang-format
#    from Debian 12, version 14): a file that differs fails, with the diff;
#  - no test uses Criterion's gt(), which 2.4.1 evaluates as >= (write
#    lt(T, b, a)); see docs/ARCHITECTURE.md, Tests;
#  - no file under src/para/ includes layout/: the breaker takes its own
#    parameters (lp_break_params), which pipeline/setpar.c fills from the layout;
#  - no array grows by hand outside src/base/: realloc() and lp_arena_grow()
#    are for base/array.h (LP_ARRAY_RESERVE, LP_ARENA_ARRAY_RESERVE), except
#    where the allow-list below says why.
# Run from anywhere: tests/style/check.sh
set -eu
cd "$(dirname "$0")/../.."
status=0
files=$(git ls-files '*.c' '*.h')
if ! command -v clang-format >/dev/null 2>&1; then
  echo "clang-format is not installed (./setup --test installs it)" >&2
  exit 1
fi
for f in $files; do
  if ! clang-format --style=file "$f" | cmp -s - "$f"; then
    echo "$f: not formatted (clang-format -i $f):"
    clang-format --style=file "$f" | diff -u "$f" - | head -20
    status=1
  fi
done
if git grep -n -E '(^|[^A-Za-z0-9_])gt\(' -- 'tests/*.c' 'tests/*.h'; then
  echo "Criterion's gt() passes on equality in 2.4.1: write lt(T, b, a)"
  status=1
fi
if git grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]layout/' -- 'src/para/'; then
  echo "src/para/ includes layout/: give the breaker what it needs in lp_break_params (para/para.h)"
  status=1
fi
# Allowed: a buffer shrunk once to the size it turned out to need (png.c,
# png_out.c), and libhyphen's own allocator, which letterpress supplies.
grow_allow='^src/(image/png\.c|raster/png_out\.c|para/hyphen_patterns\.c):'
if git grep -n -E '(^|[^A-Za-z0-9_])(realloc|lp_arena_grow)\(' -- 'src/*.c' ':!src/base/' |
  grep -v -E "$grow_allow"; then
  echo "an array grown by hand: use LP_ARRAY_RESERVE / LP_ARENA_ARRAY_RESERVE (base/array.h)"
  status=1
fi
[ $status -eq 0 ] && echo "style: $(echo "$files" | wc -l) files formatted, no gt()"
exit $status
