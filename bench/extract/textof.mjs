// textof.mjs - the text a reader sees in a DOM subtree, paragraphs
// separated by blank lines: block elements and <br><br> end a paragraph.
// Shared by the extraction-quality benchmark (Readability's article HTML
// to text) and make-gold.mjs (gold text of an evaluation page).
const BLOCK = new Set(["ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV",
	"DL", "DT", "FIGCAPTION", "FIGURE", "FOOTER", "H1", "H2", "H3", "H4", "H5",
	"H6", "HEADER", "HR", "LI", "MAIN", "OL", "P", "PRE", "SECTION", "TABLE",
	"TD", "TH", "TR", "UL", "CAPTION", "CENTER", "FORM"]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "BUTTON",
	"SELECT", "TEXTAREA"]);

export function textOf(root, skip = () => false) {
	const parts = [];
	let brs = 0;
	const walk = (n) => {
		if (n.nodeType === 3) {
			if (/\S/.test(n.data))
				brs = 0;
			parts.push(n.data);
			return;
		}
		if (n.nodeType !== 1 && n.nodeType !== 11 && n.nodeType !== 9)
			return;
		if (n.nodeType === 1) {
			if (SKIP.has(n.tagName) || skip(n))
				return;
			if (n.tagName === "BR") {
				parts.push(++brs >= 2 ? "\n\n" : " ");
				return;
			}
		}
		const block = n.nodeType === 1 && BLOCK.has(n.tagName);
		if (block)
			parts.push("\n\n");
		for (const c of n.childNodes)
			walk(c);
		if (block)
			parts.push("\n\n");
	};
	walk(root);
	return parts.join("").split(/\n\s*\n/)
		.map((p) => p.replace(/[\s\u00a0]+/g, " ").trim())
		.filter((p) => p.length).join("\n\n");
}
