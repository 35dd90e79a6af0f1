#!/bin/bash
#
# provtrace attribute: who says what, on the seed text, on the Newsweek
# page served by the fixture server, with a user's rules, and on bad input.

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

ARTICLES=$FIXTURES/articles
PAGES=$FIXTURES/pages

# --- the seed, offline -------------------------------------------------------

ok "attribute runs on the seed" pt attribute --json "$ARTICLES/seed.txt"
pt attribute --json "$ARTICLES/seed.txt" >seed.json

# 26: the seed gold's 24 required rows, its optional A09 ("Both the Syrian
# government and rebels ... accuse") and the unsourced "Graphic footage from
# the ground appeared to show" (footage, as the attrib-eval conventions count it)
is "$(jq '.attributions | length' seed.json)" 26 "26 attributions in the seed"
is "$(jq -r '.attributions[0] | keys_unsorted | join(",")' seed.json)" \
	"source,source_id,surface,cue,kind,claim,start,end,anonymous,descriptor,source_type,affiliation,org" \
	"every field of the JSON contract, in order"
is "$(jq -r '[.attributions[] | select(.surface == "the monitor")][0].source_id' seed.json)" sohr \
	"'the monitor' resolves to the Syrian Observatory"
is "$(jq -r '[.attributions[] | select(.source_id == "sohr")][0].descriptor' seed.json)" \
	"a U.K.-based monitor with ties to Syria's exiled political opposition" \
	"the article's own descriptor of SOHR is kept"
is "$(jq -r '[.attributions[] | select(.surface == "the ministry")][0].source_id' seed.json)" ru-mod \
	"'the ministry' resolves to the Russian Ministry of Defence, the last ministry quoted"
is "$(jq -r '[.attributions[] | select(.cue == "shared by")][0] | "\(.source_id) \(.kind)"' seed.json)" \
	"anna-news footage" "the drone footage was shared by ANNA News"
is "$(jq '[.attributions[] | select(.kind == "photo" and .source_id == "afp")] | length' seed.json)" 2 \
	"both photo credits go to AFP"
is "$(jq '[.attributions[] | select(.claim | test("attributed to Jabhat"))] | length' seed.json)" 0 \
	"'attributed to Jabhat al-Nusra' is not an information source"
is "$(jq -r '[.attributions[] | select(.source_id == "person:jessica-mcnulty")] | map(.org) | unique | join(",")' seed.json)" \
	us-dod "McNulty is linked to the Pentagon"
is "$(jq -r '[.attributions[] | select(.anonymous)] | length' seed.json)" 4 \
	"four anonymous or unnamed attributions"
# Offsets are byte offsets into the extracted text.
pt extract --json "$ARTICLES/seed.txt" | jq -r .text >text.txt
first=$(jq -r '.attributions[] | select(.surface == "the monitor") | "\(.start) \(.end)"' seed.json)
claim=$(jq -r '.attributions[] | select(.surface == "the monitor") | .claim' seed.json)
is "$(head -c "${first#* }" text.txt | tail -c "$(( ${first#* } - ${first% *} ))")" "$claim" \
	"start and end are byte offsets into the extracted text"

pt attribute "$ARTICLES/seed.txt" >seed.table
like "$(head -1 seed.table)" '^SOURCE +CUE +KIND +CLAIM' "the table has a header"
like "$(cat seed.table)" 'Syrian Observatory for Human.* according to +indirect +That same day' \
	"the table shows source, cue, kind and claim"
is "$(pt attribute - <"$ARTICLES/seed.txt" | wc -l)" 27 "standard input works as input"

# --- the other styles --------------------------------------------------------

pt attribute --json "$ARTICLES/wire.txt" >wire.json
is "$(jq -r '[.attributions[] | select(.surface == "He")][0].source' wire.json)" \
	"Volodymyr Zelensky" "'He' is the last person who spoke"
is "$(jq -r '[.attributions[] | select(.claim | test("preparing a new package"))][0].anonymous' wire.json)" \
	true "diplomats speaking on condition of anonymity are anonymous"
pt attribute --json "$ARTICLES/release.txt" >release.json
is "$(jq -r '[.attributions[] | select(.cue == "according to")][0].source' release.json)" \
	"Northwind Robotics Inc." "'the company' resolves to the company named first"

# --- a page through the fixture server ---------------------------------------

mkdir -p sites/www.newsweek.com
{ printf 'HTTP 200\nContent-Type: text/html; charset=utf-8\n\n'; cat "$PAGES/origin-article.html"; } \
	>sites/www.newsweek.com/russia-strikes.http
fixture_start "$WORK/sites"
pt attribute "${NET[@]}" --json https://www.newsweek.com/russia-strikes >page.json
is "$(jq '[.attributions[] | select(.source_id == "sohr")] | length' page.json)" 3 \
	"the page fetched over HTTPS gives the three SOHR attributions"
is "$(jq -r '[.attributions[] | select(.kind == "photo")][0].source' page.json)" \
	"Agence France-Presse" "the figure credit of the page is a photo attribution"

# --- the user's rules extend and override ours --------------------------------

mkdir -p myrules
cat >myrules/local.rules <<'RULES'
source id=millbrook-pd name="Millbrook Police Department" type=government alias="Millbrook police"
	backref=police backref=department country=US note="city police of a test town"
source id=person:tom-becker name="Tom Becker" type=person alias=Becker note="hardware store owner"
RULES
pt --rules myrules attribute --json "$ARTICLES/local.txt" >local.json
is "$(jq -r '[.attributions[] | select(.cue == "according to")][0].source_id' local.json)" \
	millbrook-pd "a user's source resolves"
is "$(jq '[.attributions[] | select(.source_id == "person:tom-becker")] | length' local.json)" 3 \
	"a user's person resolves, quotes and continuation included"
printf 'source id=broken name="X" type=nonsense\n' >myrules/zz.rules
exit_is 3 pt --rules myrules attribute "$ARTICLES/local.txt"
like "$(pt --rules myrules attribute "$ARTICLES/local.txt" 2>&1)" 'zz\.rules:1: ' \
	"a bad rule file is reported as FILE:LINE"

# --- usage and bad input ------------------------------------------------------

exit_is 0 pt attribute --help
exit_is 2 pt attribute
exit_is 2 pt attribute a b
exit_is 3 pt attribute does-not-exist.txt
like "$(pt attribute does-not-exist.txt 2>&1)" "^provtrace: attribute: .*does-not-exist.txt" \
	"a missing file is a one-line error"
: >empty.txt
exit_is 3 pt attribute empty.txt
printf 'no sentences here\n\n\n,,, ... """ \xe2\x80\x9c\n' >nothing.txt
exit_is 1 pt attribute nothing.txt
# Unbalanced quotes and a 5 MB paragraph: bounded, no crash.
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "\"the minister said that %d ", i }' >quotes.txt
ok "unbalanced quotes give a bounded result" pt attribute --json quotes.txt
awk 'BEGIN { s = "the monitor said that \"fighting continued, according to officials "; while (n < 5300000) { printf "%s", s; n += length(s) } }' >big.txt
start=$SECONDS
pt attribute --json big.txt >big.json
like "$?" '^[01]$' "a 5 MB paragraph is processed"
ok "the result of a 5 MB paragraph is JSON" jq -e .attributions big.json
ok "and took less than 60 seconds" test $((SECONDS - start)) -lt 60

# --- quality bench: recall and precision per article ----------------------
# bench/attribute-quality.sh is perl, no python; its totals must hold the
# issue's bar on our own fixtures and print every set.
# The blind set (attrib-eval5) is left out here: the unit test guards its
# totals, and a run of this script need not show them.
BENCH_NO_BLIND=1 "$TOP/bench/attribute-quality.sh" "$PROVTRACE" >quality.txt 2>quality.err
is "$?" 0 "the quality bench runs"
is "$(grep -c '^TOTAL' quality.txt)" 5 "it prints a total for each of the five sets"
like "$(grep -c '^[0-9][0-9][-_]' quality.txt)" '^42$' \
	"and a line for each attrib-eval, attrib-eval2, attrib-eval3 and attrib-eval4 article"
own=$(awk '/^TOTAL/ { print $3, $5; exit }' quality.txt)
ok "own fixtures: recall >= 0.90 and precision >= 0.85 ($own)" \
	awk -v r="${own% *}" -v p="${own#* }" 'BEGIN { exit !(r >= 0.90 && p >= 0.85) }'

done_testing
