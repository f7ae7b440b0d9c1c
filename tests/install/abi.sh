#!/usr/bin/env bash
# The shared library exports exactly the functions include/letterpress.h
# declares: nothing internal leaks out, nothing public is missing.
#   tests/install/abi.sh LIBRARY HEADER
set -euo pipefail
lib=$1 header=$2
# Besides: libhyphen's allocator, replaced so that running out of memory
# inside it is reported as everywhere else (src/para/hyphen_patterns.c),
# and libharu's byte helpers, replaced by the C library's (src/pdf/
# pdf_hpdf_bytes.c).
# nm's output is read whole before grep looks: with pipefail, grep -q
# stopping at its match could leave nm a SIGPIPE and fail a good library.
symbols=$(nm -D --defined-only "$lib")
exported=$(awk '$2 == "T" {print $3}' <<<"$symbols" \
  | grep -vxE 'hnj_(malloc|realloc|free)|HPDF_(MemCpy|MemSet|StrLen)' | sort)
for f in hnj_malloc hnj_realloc hnj_free HPDF_MemCpy HPDF_MemSet HPDF_StrLen; do
  grep -qw "$f" <<<"$symbols" || { echo "$f is not exported: the library's own would be used"; exit 1; }
done
declared=$(sed -n 's/.*\b\(lp_[a-z0-9_]*\)(.*/\1/p' "$header" | sort -u)
if [ "$exported" != "$declared" ]; then
  echo "exported but not declared in the header (-) / declared but not exported (+):"
  diff <(echo "$exported") <(echo "$declared") || true
  exit 1
fi
echo "abi: $(echo "$exported" | wc -l) functions exported, each declared in the header"
