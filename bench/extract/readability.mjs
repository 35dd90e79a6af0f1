// readability.mjs - the peer of `provtrace extract`: Mozilla's Readability
// on jsdom, over the pages named on the command line, in one process.
// Prints one JSON line: {"pages", "bytes", "seconds", "chars"}.
//
// With --text DIR first, also writes the main text of each page NAME.html
// to DIR/NAME.txt (paragraphs separated by blank lines), for the quality
// benchmark (bench/extract-quality.sh); an empty file when Readability
// finds no article.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";
import { textOf } from "./textof.mjs";

const require = createRequire(import.meta.url);
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

let files = process.argv.slice(2);
let textDir = null;
if (files[0] === "--text") {
	textDir = files[1];
	files = files.slice(2);
}
const pages = files.map((f) => readFileSync(f));
const quiet = new VirtualConsole();
let bytes = 0, chars = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < pages.length; i++) {
	bytes += pages[i].length;
	const dom = new JSDOM(pages[i], { url: "https://bench.example/" + i, virtualConsole: quiet });
	const article = new Readability(dom.window.document).parse();
	chars += article && article.textContent ? article.textContent.length : 0;
	if (textDir) {
		const text = article && article.content ? textOf(JSDOM.fragment(article.content)) : "";
		writeFileSync(`${textDir}/${basename(files[i]).replace(/\.html?$/, "")}.txt`,
			      text ? text + "\n" : "");
	}
	dom.window.close();
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ pages: pages.length, bytes, seconds, chars }));
