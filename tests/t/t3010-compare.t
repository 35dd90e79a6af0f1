#!/bin/bash
# provtrace compare: the seed (a Blogger autoblog repost) against a text of
# its Newsweek origin, an excerpt, unrelated texts; the JSON contract, the
# byte offsets and the human listing.
. "$(dirname "$0")/../lib.sh"

CMP=$FIXTURES/compare
PAGES=$FIXTURES/pages

# --- the seed repost against its origin ----------------------------------------

pt --json compare "$CMP/repost.txt" "$CMP/origin.txt" >c.json 2>err; rc=$?
is "$rc" 0 "compare exits 0"
is "$(jq -r .verdict c.json)" a-contains-b "the repost contains the origin"
is "$(jq -r '[.verdict, .jaccard, .a_in_b, .b_in_a, .simhash_distance, .shared, .only_a, .only_b] | map(type) | join(",")' c.json)" \
	"string,number,number,number,number,array,array,array" "the JSON fields of the contract"
is "$(jq '.b_in_a >= 0.98' c.json)" true "b_in_a: nearly all of the origin is in the repost"
is "$(jq '.a_in_b < 1 and .a_in_b > 0.9' c.json)" true "a_in_b: the repost added a little"
is "$(jq -r '[.only_a[].text] | join("|")' c.json | grep -c "Let's block ads! (Why?)")" 1 \
	"the Full-Text RSS footer is only in A"
like "$(jq -r '[.only_a[].text] | join("|")' c.json)" "Bagikan Berita Ini" "the share widget is only in A"
like "$(jq -r '[.only_a[].text] | join("|")' c.json)" "abasalaka.blogspot.com" "the blog name is only in A"
is "$(jq '[.only_b[] | select(.end - .start > 20)] | length' c.json)" 0 "nothing of the origin was cut"
is "$(jq '[.shared[] | .a | length] | unique' c.json)" "[
  2
]" "passages carry [start, end] in A"

# Offsets are byte offsets into each input's extracted text.
pt --json extract "$CMP/repost.txt" | jq -j .text >a.txt
pt --json extract "$CMP/origin.txt" | jq -j .text >b.txt
n=$(jq '.shared | length' c.json)
bad=0
for ((i = 0; i < n; i++)); do
	read -r as ae bs be < <(jq -r ".shared[$i] | \"\(.a[0]) \(.a[1]) \(.b[0]) \(.b[1])\"" c.json)
	jq -j ".shared[$i].text" c.json >want
	head -c "$ae" a.txt | tail -c "+$((as + 1))" >got
	cmp -s want got || bad=$((bad + 1))
	# The B side holds the same words (typography aside).
	wa=$(head -c "$ae" a.txt | tail -c "+$((as + 1))" | wc -w)
	wb=$(head -c "$be" b.txt | tail -c "+$((bs + 1))" | wc -w)
	[ "$wa" -eq "$wb" ] || bad=$((bad + 1))
done
is "$bad" 0 "every shared passage's text and offsets match both extracted texts"
s=$(jq '.only_a[-1].start' c.json); e=$(jq '.only_a[-1].end' c.json)
is "$(head -c "$e" a.txt | tail -c "+$((s + 1))" | head -n1)" "Let's block ads! (Why?)" \
	"only_a offsets locate the footer"

# The other way round.
pt --json compare "$CMP/origin.txt" "$CMP/repost.txt" >r.json
is "$(jq -r .verdict r.json)" b-contains-a "the origin is contained in the repost"
like "$(jq -r '[.only_b[].text] | join("|")' r.json)" "Let's block ads" "the footer is then only in B"

# Human output: the numbers, the verdict, a diff-like listing.
pt compare "$CMP/repost.txt" "$CMP/origin.txt" >human.txt
like "$(cat human.txt)" "verdict +a-contains-b" "human output shows the verdict"
like "$(cat human.txt)" "jaccard +0\.9" "and the jaccard"
like "$(grep -c '^= shared' human.txt)" "^[1-9]" "shared passages are listed with ="
like "$(grep '^- only in A' human.txt | tail -n1)" "Let's block ads" "added passages with -"

# --- an excerpt, an unrelated text, standard input -------------------------------------

awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 4' "$CMP/origin.txt" >excerpt.txt
pt --json compare excerpt.txt "$CMP/origin.txt" >e.json
is "$(jq -r .verdict e.json)" b-contains-a "the origin contains its excerpt"
is "$(jq '.a_in_b' e.json)" 1 "all of the excerpt is in the origin"
is "$(jq '.only_a | length' e.json)" 0 "the excerpt adds nothing"

pt --json compare "$CMP/unrelated.txt" "$CMP/origin.txt" >u.json
is "$(jq -r .verdict u.json)" unrelated "a council story is unrelated to the Idlib one"
is "$(jq '.shared | length' u.json)" 0 "with no shared passage"

pt --json compare "$CMP/other.txt" "$CMP/origin.txt" >o.json
like "$(jq -r .verdict o.json)" '^(unrelated|partial-reuse)$' "another article on the same event is not a copy"

pt --json compare - "$CMP/origin.txt" <"$CMP/origin.txt" >s.json
is "$(jq -r .verdict s.json)" identical "standard input against the same file is identical"

# --- the fixture pages, when the extract fixtures are there --------------------------

if [ -f "$PAGES/autoblog-repost.html" ] && [ -f "$PAGES/origin-article.html" ]; then
	pt --json compare "$PAGES/autoblog-repost.html" "$PAGES/origin-article.html" >p.json
	is "$(jq -r .verdict p.json)" a-contains-b "the autoblog page contains the origin page"
	is "$(jq '.only_a | length > 0' p.json)" true "and lists what it injected"
else
	skip "tests/fixtures/pages not there yet" 2
fi

# --- store and bad input ---------------------------------------------------------

is "$(sqlite3 provtrace.db "SELECT count(*) FROM node WHERE kind = 'document' AND key = '$CMP/repost.txt'")" 1 \
	"compared documents are stored"

: >empty.txt
pt compare empty.txt "$CMP/origin.txt" >out 2>err; rc=$?
is "$rc" 3 "an empty input exits 3"
like "$(cat err)" "^provtrace: compare: .*empty.txt" "and names it"
pt compare "$CMP/origin.txt" >out 2>err; rc=$?
is "$rc" 2 "one input is a usage error"
pt compare - - >out 2>err </dev/null; rc=$?
is "$rc" 2 "standard input twice is a usage error"

done_testing
