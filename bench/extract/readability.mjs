// readability.mjs - the peer of `provtrace extract`: Mozilla's Readability
// on jsdom, over the pages named on the command line, in one process.
// Prints one JSON line: {"pages", "bytes", "seconds", "chars"}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const files = process.argv.slice(2);
const pages = files.map((f) => readFileSync(f));
const quiet = new VirtualConsole();
let bytes = 0, chars = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < pages.length; i++) {
	bytes += pages[i].length;
	const dom = new JSDOM(pages[i], { url: "https://bench.example/" + i, virtualConsole: quiet });
	const article = new Readability(dom.window.document).parse();
	chars += article && article.textContent ? article.textContent.length : 0;
	dom.window.close();
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ pages: pages.length, bytes, seconds, chars }));
