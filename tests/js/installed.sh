#!/bin/sh
# Whether the pdf.js tests can run: node and tests/js/node_modules
# (`./setup --test` runs npm ci there). The Criterion tests that use pdf.js
# skip one by one inside their suites, which meson does not count; this test
# skips (exit 77) in the same case, so that meson's summary and CI's count a
# run without pdf.js as skipped instead of passed.
#   installed.sh NODE TESTS_JS_DIR
node=$1 dir=$2
if [ -z "$node" ] || ! [ -x "$node" ]; then
  echo "node is not installed: the pdf.js tests are skipped"; exit 77
fi
if ! [ -r "$dir/node_modules/pdfjs-dist/package.json" ]; then
  echo "pdf.js is not installed (npm ci in tests/js): the pdf.js tests are skipped"; exit 77
fi
"$node" -e "import('$dir/node_modules/pdfjs-dist/legacy/build/pdf.mjs').then(() => console.log('pdf.js loads'))" || exit 1
