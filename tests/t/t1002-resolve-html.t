#!/bin/bash
#
# provtrace resolve on interstitial pages: <meta http-equiv=refresh> in its
# spellings (inside <noscript> too), literal JavaScript location changes,
# and real pages that must not be misread as redirects.

. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

fixture_start

A=https://www.example-publisher.com/articles
I=http://interstitial.example.net

# check PATH VIA FINAL: resolving $I/PATH takes one hop of VIA to FINAL.
check() {
	local name=$1 via=$2 final=$3
	pt "${NET[@]}" --no-store --json resolve "$I/$name" >r.json 2>r.err
	is "$?" 0 "$name: exit 0"
	is "$(jq -c '[.hops[] | [.status, .via]]' r.json)" "[[200,\"start\"],[200,\"$via\"]]" \
		"$name: hops via $via"
	is "$(jq -r .final r.json)" "$final" "$name: final"
}

# --- meta refresh ------------------------------------------------------------

check meta-basic meta-refresh "$A/meta-basic"                    # content="0;URL=..."
check meta-upper meta-refresh "$A/meta-upper"                    # upper case, url='...'
check meta-nourl meta-refresh "$A/meta-nourl"                    # "1; https://..." no url=
check meta-spaces meta-refresh "$I/articles/meta-spaces"         # spaces, relative URL
check meta-noscript meta-refresh "$A/meta-noscript"              # in <noscript> in <body>
check meta-noscript-head meta-refresh "$A/meta-noscript-text"    # in <noscript> in <head>
check meta-entities meta-refresh "$A/js-location?a=1&b=2"        # &amp; in the attribute

# --- JavaScript ------------------------------------------------------------------

check js-location js "$A/js-location"        # location = "..."
check js-href js "$A/js-href"                # window.location.href='...'
check js-replace js "$A/js-replace"          # window.location.replace( "..." )
check js-assign js "$A/js-assign"            # window.location.assign('...')
check js-document js "$A/js-document"        # document.location = "..."
check js-top js "$A/js-top"                  # top.location.href = "..."
check js-escaped js "$A/js-escaped"          # "https:\/\/..."

# --- not redirects ------------------------------------------------------------------

for page in meta-reload meta-self js-compare js-article; do
	pt "${NET[@]}" --no-store --json resolve "$I/$page" >r.json
	is "$(jq -r .final r.json)" "$I/$page" "$page: not a redirect, the page is the end"
done
pt "${NET[@]}" --no-store --json resolve \
	https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580 >r.json
is "$(jq '.hops | length' r.json)" 1 "an article's conditional location.href is not followed"

# --- t.co: HEAD says 200, GET shows a page with both kinds --------------------------

fixture_log_reset
pt "${NET[@]}" --no-store --json resolve https://t.co/AbC123xyZ >r.json
is "$(jq -r .final r.json)" "$A/tco" "t.co interstitial: final"
is "$(jq -c '[.hops[].via]' r.json)" '["start","meta-refresh"]' "t.co: the noscript meta refresh wins"
is "$(jq -r .hops[0].method r.json)" "HEAD,GET" "t.co: a 200 to HEAD on a shortener falls back to GET"
is "$(cut -d' ' -f1-3 "$FIXTURE_LOG")" "HEAD t.co /AbC123xyZ
GET t.co /AbC123xyZ
GET www.example-publisher.com /articles/tco" "t.co: HEAD, then GET, then the article"

done_testing
