// Typst compiling the batch benchmark's documents to PDF in one node
// process, one compiler (fonts loaded once), each PDF written to a file:
//   node bench/typst/compile.mjs TYPST_JSON OUT_DIR FONTS_DIR WORKSPACE
// prints "typst N docs S seconds" (compiling and writing, not start-up).
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const [json, out, fonts, workspace] = process.argv.slice(2);
const docs = JSON.parse(readFileSync(json, 'utf8'));
mkdirSync(out, { recursive: true });
const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: [fonts] }] });
const t0 = process.hrtime.bigint();
for (let i = 0; i < docs.length; i++) {
  const pdf = compiler.pdf({ mainFileContent: docs[i] });
  writeFileSync(`${out}/r${String(i).padStart(6, '0')}.pdf`, pdf);
  // Typst's incremental cache would otherwise grow over the whole batch.
  compiler.evictCache(10);
}
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`typst ${docs.length} docs ${s.toFixed(3)} seconds`);
