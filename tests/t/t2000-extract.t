#!/bin/bash
#
# provtrace extract on the fixture pages (tests/fixtures/pages): main text
# and metadata pinned by expected-output files, JSON fields by jq.  Each
# page is a layout real sites use: a news article with nav, sidebar, share
# bar and comments; its Blogger autoblog repost with the injected footers;
# a WordPress post; an AMP page; metadata only in JSON-LD; windows-1252.

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

PAGES=$FIXTURES/pages
# The seed, copied into the project from ../shared/seeds/.
SEED=$FIXTURES/articles/seed.txt

# --- text and metadata, as a person reads them -------------------------------

for page in origin-article autoblog-repost sidebar-article amp-article \
	    jsonld-only cp1252-article; do
	pt extract "$PAGES/$page.html" >"$page.out" 2>"$page.err"
	is "$?" 0 "$page: exit 0"
	is_file "$PAGES/$page.expected.txt" "$page.out" "$page: text and metadata"
	is "$(cat "$page.err")" "" "$page: nothing on stderr"
done

pt extract "$SEED" >seed.out
is_file "$PAGES/seed.expected.txt" seed.out "seed text: paragraphs, caption, credit"

# --- JSON contract ----------------------------------------------------------

pt --json extract "$PAGES/origin-article.html" >origin.json
is "$(jq -r 'keys_unsorted | map(select(IN("title","byline","published","site_name","canonical","lang","text","links","jsonld"))) | length' origin.json)" 9 \
	"origin: every contract field is present"
is "$(jq -r .title origin.json)" "Russia Vows 'Solidarity' with Syria, Conducts One of War's Deadliest Strikes - Newsweek" "origin: title"
is "$(jq -r .title_clean origin.json)" "Russia Vows 'Solidarity' with Syria, Conducts One of War's Deadliest Strikes" "origin: title_clean"
is "$(jq -r .title_site origin.json)" "Newsweek" "origin: title_site"
is "$(jq -r .byline origin.json)" "Tom O'Connor" "origin: byline from JSON-LD"
is "$(jq -r .published origin.json)" "2020-10-26T15:34:27-04:00" "origin: published"
is "$(jq -r .modified origin.json)" "2020-10-26T16:03:41-04:00" "origin: modified"
is "$(jq -r .site_name origin.json)" "Newsweek" "origin: site_name"
is "$(jq -r .canonical origin.json)" "https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542356" "origin: canonical"
is "$(jq -r .main_entity origin.json)" "https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542356" "origin: mainEntityOfPage"
is "$(jq -r .lang origin.json)" "en" "origin: lang"
is "$(jq -r '.jsonld[0]["@type"]' origin.json)" "NewsArticle" "origin: JSON-LD kept"
is "$(jq -r '[.blocks[] | select(.kind == "credit")] | length' origin.json)" 2 "origin: two photo credits"
is "$(jq -r '.blocks[] | select(.kind == "credit") | .start as $s | .end as $e | $s' origin.json | head -1 | xargs -I{} jq -r '.text[{}:{}+34]' origin.json)" \
	"MOHAMMED AL-RIFAI/AFP/Getty Images" "origin: credit offsets point at the credit"
unlike "$(jq -r .text origin.json)" "Trending|Comments|Advertisement|Share on Facebook|newsletter|Related|cookies|reader_1984" \
	"origin: no sidebar, comments, ads, share bar, related, newsletter"
like "$(jq -r .page_text origin.json)" "Trending" "origin: page_text keeps the boilerplate"
like "$(jq -r '.links[] | select(.text == "Tom O'"'"'Connor") | .href' origin.json | head -1)" \
	"^/authors/tom-oconnor$" "origin: relative link kept as written without a base URL"
is "$(jq -r .payload_sha256 origin.json)" "$(sha256sum <"$PAGES/origin-article.html" | cut -d' ' -f1)" "origin: payload_sha256"

pt --json extract "$PAGES/autoblog-repost.html" >repost.json
like "$(jq -r .text repost.json)" "Let's block ads! \\(Why\\?\\)" "repost: injected Full-Text RSS footer is in the text"
like "$(jq -r .text repost.json)" "October 27, 2020 at 06:49AM" "repost: IFTTT footer is in the text"
unlike "$(jq -r .text repost.json)" "Powered by Blogger|Bagikan Berita Ini|Post a Comment|0 Response to" \
	"repost: Blogger chrome is not in the main text"
for s in "Powered by Blogger" "Bagikan Berita Ini" "Post a Comment" "0 Response to \"Russia Vows"; do
	like "$(jq -r .page_text repost.json)" "$s" "repost: page_text has '$s'"
done
is "$(jq -r '[.links[] | select(.href | startswith("https://ift.tt/"))] | length' repost.json)" 5 "repost: the ift.tt links"
is "$(jq -r '[.links[] | select(.href == "https://blockads.fivefilters.org")] | length' repost.json)" 1 "repost: the fivefilters link"
is "$(jq -r .site_name repost.json)" "null" "repost: the title's ' - Newsweek' does not make it Newsweek"
is "$(jq -r .title_site repost.json)" "Newsweek" "repost: title_site"
is "$(jq -r '[.blocks[] | select(.kind == "other")] | length' repost.json)" 2 "repost: image keyword lines marked"

pt --json extract "$PAGES/jsonld-only.html" >ld.json
is "$(jq -r .title ld.json)" "Old Mill Bridge reopens after two years of repairs" "JSON-LD: headline as title"
is "$(jq -r .byline ld.json)" "Dana Whitfield, Marcus Obi" "JSON-LD: authors from @graph"
is "$(jq -r .published ld.json)" "2022-03-14T08:00:00-05:00" "JSON-LD: datePublished"
is "$(jq -r .modified ld.json)" "2022-03-14T12:45:00-05:00" "JSON-LD: dateModified"
is "$(jq -r .site_name ld.json)" "Riverdale Gazette" "JSON-LD: WebSite name"
is "$(jq -r .publisher ld.json)" "Riverdale Gazette Media Group" "JSON-LD: publisher through @id"
is "$(jq -r .is_based_on ld.json)" "https://www.riverdale.example/press/2022-03-13-old-mill-bridge" "JSON-LD: isBasedOn"
is "$(jq -r .main_entity ld.json)" "https://www.riverdale-gazette.example/2022/03/bridge-reopens" "JSON-LD: mainEntityOfPage through @id"
is "$(jq -r '.jsonld | length' ld.json)" 2 "JSON-LD: two valid blocks kept, the broken one skipped"

pt --json extract "$PAGES/amp-article.html" >amp.json
is "$(jq -r .original_source amp.json)" "https://www.agencia.example/es/incendio-sierra-bermeja" "AMP: original-source"
is "$(jq -r .byline amp.json)" "Lucía Moreno" "AMP: byline"
unlike "$(jq -r .text amp.json)" "Advertisement|More on this story|Menu" "AMP: no ads, sidebar, more-on"

pt --json extract "$PAGES/cp1252-article.html" >cp.json
like "$(jq -r .text cp.json)" "Plus de 4 000 visiteurs se sont pressés" "windows-1252: é and no-break space converted"
like "$(jq -r .text cp.json)" "“Le beau temps" "windows-1252: curly quotes converted"
like "$(jq -r .text cp.json)" "8 500 € —" "windows-1252: euro sign and em dash"
is "$(jq -r .byline cp.json)" "Renée Lefèvre" "windows-1252: byline converted"

# --- base URL and <base href> ------------------------------------------------

printf '<html><head><base href="https://example.org/news/"><title>T</title></head><body><p><a href="story.html">A story</a> and <a href="//cdn.example.org/x">x</a> and <a href="javascript:void(0)">js</a></p></body></html>' >base.html
pt --json extract base.html >base.json
is "$(jq -r '.links | map(.href) | join(" ")' base.json)" "https://example.org/news/story.html https://cdn.example.org/x" \
	"links resolve against <base href>; javascript: dropped"

# --- plain text, standard input, options --------------------------------------

printf 'First paragraph line one\nline two.\n\n\nSecond paragraph.\n' >plain.txt
pt --json extract plain.txt >plain.json
is "$(jq -r .text plain.json)" $'First paragraph line one line two.\n\nSecond paragraph.' "text: paragraphs at blank lines, lines joined"
is "$(jq -r .is_html plain.json)" "false" "text: sniffed as text"
is "$(pt extract --text-only - <plain.txt)" $'First paragraph line one line two.\n\nSecond paragraph.' "text from standard input, --text-only"
cp "$PAGES/sidebar-article.html" saved-page.txt
is "$(pt --json extract saved-page.txt | jq -r .is_html)" "true" "HTML is told from the content, not the name"
is "$(pt --json extract --text-only "$PAGES/jsonld-only.html" | jq -r 'keys | join(",")')" "text" "--text-only --json prints only the text"
like "$(pt extract --help)" "^usage: provtrace extract" "--help prints the usage"
ok "--help exits 0" pt extract --help
ok "no input: usage error (exit 2)" exit_is 2 pt extract
ok "unknown option: exit 2" exit_is 2 pt extract --bogus "$PAGES/jsonld-only.html"
ok "a URL with --offline: exit 4" exit_is 4 pt --offline extract https://www.newsweek.com/x
like "$(pt --offline extract https://www.newsweek.com/x 2>&1)" "^provtrace: extract: 'https://www.newsweek.com/x' needs network" "a URL with --offline says it needs network"

done_testing
