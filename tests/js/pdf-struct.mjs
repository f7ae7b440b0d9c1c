// Prints a PDF's structure tree as Mozilla pdf.js reads it (getStructTree
// for the elements, getTextContent with marked content for their text,
// getAnnotations for the links' /Contents and a form field's /TU); used by
// the integration tests as a structure reader independent of poppler. One
// line per element:
//
//   <indent>Role [alt="..."] [contents="..."] [tu="..."]: text
//
// pages in order, each page's tree as pdf.js builds it from the ParentTree.
// An element's text includes its children's (a paragraph's, its links').
//
//   node pdf-struct.mjs file.pdf
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
let out = "";
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const content = await page.getTextContent({ includeMarkedContent: true });
  // The text of each marked-content id ("p12R_mc3"); artifacts are
  // marked content without an id and are left out.
  const text = new Map();
  const open = [];
  let hyphen = false; // the line ended in an artifact hyphen: no word boundary
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      // A span inside (ActualText) belongs to the sequence around it;
      // an artifact belongs to nothing.
      const outer = open.length ? open[open.length - 1] : null;
      open.push(item.id || (item.tag === "Artifact" ? null : outer));
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (open.length && open[open.length - 1]) {
      // pdf.js drops a line's last space and marks the line's end
      // instead: that end is a word boundary, unless the line ended with
      // an incidental hyphen (an artifact).
      const id = open[open.length - 1];
      if (item.str) hyphen = false;
      text.set(id, (text.get(id) || "") + item.str + (item.hasEOL && !hyphen ? " " : ""));
    } else if (item.str) {
      hyphen = item.str === "-";
    }
  }
  const annots = new Map();
  for (const a of await page.getAnnotations()) annots.set(a.id, a);
  const tree = await page.getStructTree();
  // An element's text is its own marked content and its children's, in
  // the order of its kids (a paragraph's text runs through its links).
  const lines = [];
  const walk = (node, depth) => {
    let line = "  ".repeat(depth) + node.role;
    if (node.alt) line += ` alt="${node.alt}"`;
    const at = lines.length;
    lines.push(null);
    let all = "";
    for (const c of node.children || []) {
      if (c.type === "content") all += text.get(c.id) || "";
      else if (c.type === "annotation" || c.type === "object") {
        // A form field's kid is named "pdfjs_internal_id_" and its
        // annotation's id, a link's by the id alone.
        const a = annots.get(c.id.replace(/^pdfjs_internal_id_/, ""));
        if (a && a.contentsObj) line += ` contents="${a.contentsObj.str}"`;
        // A form field's alternate name (/TU), a signature's among them.
        if (a && a.alternativeText) line += ` tu="${a.alternativeText}"`;
      } else all += walk(c, depth + 1);
    }
    const shown = all.replace(/\s+/g, " ").trim();
    lines[at] = line + (shown && node.role !== "Root" && node.role !== "Document" ? ": " + shown : "");
    return all;
  };
  if (tree) walk(tree, 0);
  out += lines.map((l) => l + "\n").join("");
  out += "\f\n";
}
process.stdout.write(out);
