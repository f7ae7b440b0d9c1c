#!/bin/sh
# Whether the pdf.js and PDFium tests can run: node and tests/js/node_modules
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
# PDFium's WebAssembly build (npm @hyzyla/pdfium), tests/js/pdfium-text.mjs.
if ! [ -r "$dir/node_modules/@hyzyla/pdfium/package.json" ]; then
  echo "PDFium is not installed (npm ci in tests/js): the PDFium tests are skipped"; exit 77
fi
"$node" --input-type=module -e "import { PDFiumLibrary } from '$dir/node_modules/@hyzyla/pdfium/dist/index.esm.js'; await PDFiumLibrary.init(); console.log('PDFium loads')" || exit 1
