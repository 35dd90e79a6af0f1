// make-gold.mjs SRC.html OUTDIR - turn an authored evaluation page into
// OUTDIR/NAME.html and its gold main text OUTDIR/NAME.gold.txt.
//
// The author marks the article body in SRC with attributes: every element
// with data-gold is part of the gold text (in document order; marked
// elements do not nest), and an element with data-nogold inside one is
// left out (an ad or a "Read more" box in the body).  The page written to
// OUTDIR is SRC byte for byte with those attributes removed, so no
// extractor can see them.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";
import { textOf } from "./textof.mjs";

const require = createRequire(import.meta.url);
const { JSDOM, VirtualConsole } = require("jsdom");

const [src, outdir] = process.argv.slice(2);
const html = readFileSync(src, "utf8");
const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
const doc = dom.window.document;
const paras = [];
for (const el of doc.querySelectorAll("[data-gold]")) {
	if (el.parentElement && el.parentElement.closest("[data-gold]"))
		throw new Error(`${src}: nested data-gold`);
	const t = textOf(el, (n) => n.hasAttribute("data-nogold"));
	if (t)
		paras.push(t);
}
if (!paras.length)
	throw new Error(`${src}: no data-gold element`);
const name = basename(src).replace(/\.src\.html$|\.html$/, "");
writeFileSync(`${outdir}/${name}.html`, html.replace(/ data-(?:no)?gold(?:="[^"]*")?(?=[\s>\/])/g, ""));
writeFileSync(`${outdir}/${name}.gold.txt`, paras.join("\n\n") + "\n");
