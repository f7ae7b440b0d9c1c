// Searches a PDF for words with Mozilla pdf.js's own viewer search
// (PDFFindController from pdfjs-dist/web/pdf_viewer.mjs: the page text as
// getTextContent gives it, normalised as the viewer does, which joins a
// word hyphenated at a line end); prints "WORD COUNT" for each word, the
// number of whole-word matches in the document.
//
//   node pdf-find.mjs file.pdf WORD...
//
// The viewer module expects a browser: the few globals it touches when it
// loads are stubbed here; the search itself runs as in the viewer.
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
const element = () => ({
  style: {},
  dataset: {},
  classList: { add() {}, remove() {}, toggle() {} },
  setAttribute() {},
  append() {},
  appendChild() {},
  addEventListener() {},
});
globalThis.document = {
  documentElement: { style: {} },
  createElement: element,
  createElementNS: element,
  addEventListener() {},
};
globalThis.window = globalThis;
globalThis.requestAnimationFrame = (f) => setTimeout(f, 0);
globalThis.CSS = { supports: () => false };
if (typeof globalThis.navigator === "undefined")
  globalThis.navigator = { userAgent: "", platform: "", language: "en" };

const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
globalThis.pdfjsLib = pdfjs;
const { PDFFindController, EventBus } = await import("pdfjs-dist/legacy/web/pdf_viewer.mjs");

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const eventBus = new EventBus();
const finder = new PDFFindController({
  linkService: { page: 1, pagesCount: doc.numPages, rotation: 0 },
  eventBus,
});
finder.setDocument(doc);
let total = null;
eventBus.on("updatefindmatchescount", (e) => (total = e.matchesCount.total));
eventBus.on("updatefindcontrolstate", (e) => {
  if (e.matchesCount) total = e.matchesCount.total;
});
let out = "";
for (const query of process.argv.slice(3)) {
  total = null;
  eventBus.dispatch("find", {
    source: null,
    type: "",
    query,
    caseSensitive: true,
    entireWord: true,
    highlightAll: true,
    findPrevious: false,
    matchDiacritics: true,
  });
  // The count comes once every page's text is in, then settles.
  for (let i = 0; i < 200 && total === null; i++) await new Promise((r) => setTimeout(r, 30));
  await new Promise((r) => setTimeout(r, 300));
  out += `${query} ${total ?? 0}\n`;
}
process.stdout.write(out);
process.exit(0);
