// Prints the text of a PDF as PDFium extracts it (FPDFText_GetText, the
// call Chrome's "copy" and pypdfium2's get_text_range() use), pages
// separated by form feeds; used by the integration tests as a reader
// independent of poppler, MuPDF, Ghostscript and pdf.js. PDFium comes as
// the WebAssembly build in npm's @hyzyla/pdfium; its raw FPDF_* exports are
// called directly so that nothing of the wrapper's own text handling is
// measured.
//
//   node pdfium-text.mjs file.pdf
import { readFileSync } from "node:fs";
import { PDFiumLibrary } from "@hyzyla/pdfium";

const library = await PDFiumLibrary.init();
const m = library.module;
const bytes = readFileSync(process.argv[2]);
const data = m.wasmExports.malloc(bytes.length);
m.HEAPU8.set(bytes, data);
const doc = m._FPDF_LoadMemDocument(data, bytes.length, 0);
if (!doc) {
  process.stderr.write(`pdfium-text: ${process.argv[2]}: PDFium error ${m._FPDF_GetLastError()}\n`);
  process.exit(1);
}
let out = "";
const pages = m._FPDF_GetPageCount(doc);
for (let p = 0; p < pages; p++) {
  const page = m._FPDF_LoadPage(doc, p);
  const text = m._FPDFText_LoadPage(page);
  if (!page || !text) {
    process.stderr.write(`pdfium-text: ${process.argv[2]}: page ${p + 1} does not load\n`);
    process.exit(1);
  }
  const count = m._FPDFText_CountChars(text);
  if (count > 0) {
    // UTF-16LE code units and a terminating NUL, which the count returned includes.
    const buf = m.wasmExports.malloc((count + 1) * 2);
    const units = m._FPDFText_GetText(text, 0, count, buf);
    // HEAPU8 is read after the call: the heap may have grown meanwhile.
    out += new TextDecoder("utf-16le").decode(m.HEAPU8.subarray(buf, buf + Math.max(units - 1, 0) * 2));
    m.wasmExports.free(buf);
  }
  m._FPDFText_ClosePage(text);
  m._FPDF_ClosePage(page);
  out += "\n\f";
}
m._FPDF_CloseDocument(doc);
m.wasmExports.free(data);
process.stdout.write(out);
