// Prints what Mozilla pdf.js reads of a PDF's PDF/UA-1 entries, one a
// line, for tests/integration/test_pdfua.c (a reader independent of
// poppler and qpdf):
//
//   lang=<the catalog's /Lang>
//   title=<the Info title>
//   displaydoctitle=<ViewerPreferences DisplayDocTitle>
//   marked=<MarkInfo Marked>
//   xmp dc:title=<...>  xmp pdfuaid:part=<...>  (from the XMP packet)
//   figure alt=<...>    (every Figure of the structure tree)
//
//   node pdf-ua.mjs file.pdf
import { readFileSync } from "node:fs";

if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const { info, metadata } = await doc.getMetadata();
const prefs = (await doc.getViewerPreferences()) || {};
const mark = (await doc.getMarkInfo()) || {};
let out = `lang=${info.Language ?? ""}\ntitle=${info.Title ?? ""}\n`;
out += `displaydoctitle=${prefs.DisplayDocTitle ?? ""}\nmarked=${mark.Marked ?? ""}\n`;
if (metadata) {
  out += `xmp dc:title=${metadata.get("dc:title") ?? ""}\n`;
  // pdf.js keeps only dc: and xmp: properties in its parsed form; the
  // raw packet says the rest.
  const raw = metadata.getRaw();
  const part = /pdfuaid:part(?:="(\d)"|>(\d)<)/.exec(raw);
  out += `xmp pdfuaid:part=${part ? part[1] || part[2] : ""}\n`;
}
const walk = (node) => {
  if (node.role === "Figure") out += `figure alt=${node.alt ?? ""}\n`;
  for (const kid of node.children || []) if (kid.role) walk(kid);
};
for (let p = 1; p <= doc.numPages; p++) walk(await (await doc.getPage(p)).getStructTree());
process.stdout.write(out);
