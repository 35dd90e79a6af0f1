#!/bin/bash
# resolve --offline: wrapped links decode to the publisher with no request
# at all.  Every network attempt is pointed at a closed loopback port and
# private addresses stay refused, so a request would turn into an error.
. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq not installed"

NOWHERE=(--connect-to ::127.0.0.1:9)
NEWSWEEK=https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580
GNEWS=https://news.google.com/rss/articles/CBMiYWh0dHBzOi8vd3d3Lm5ld3N3ZWVrLmNvbS9ydXNzaWEtdm93cy1zb2xpZGFyaXR5LXN5cmlhLWNvbmR1Y3RzLW9uZS13YXJzLWRlYWRsaWVzdC1zdHJpa2VzLTE1NDI1ODDSAQA?oc=5

# The seed's Google News link, as the feed carried it.
pt resolve --offline --json "${NOWHERE[@]}" "$GNEWS" >out 2>err; rc=$?
is "$rc" 0 "a Google News token resolves offline"
is "$(jq -r .final out)" "$NEWSWEEK" "final is the publisher URL"
is "$(jq -r .input out)" "$GNEWS" "input is the link given"
is "$(jq -r '.hops | length' out)" 2 "two hops: the link and the publisher"
is "$(jq -r '.hops[1].via' out)" unwrap "the second hop is an unwrap"
is "$(jq -r '.hops[1].url' out)" "$NEWSWEEK" "the unwrap hop is the publisher URL"
is "$(jq -r .error out)" null "no error"
is "$(jq -r .clean out)" "$NEWSWEEK" "the clean URL is the publisher URL"

# The plain output prints the publisher URL too.
pt resolve --offline "${NOWHERE[@]}" "$GNEWS" >out 2>err; rc=$?
is "$rc" 0 "text output exits 0"
like "$(cat out)" "$NEWSWEEK" "text output shows the publisher URL"

# A URL over 128 bytes: its length in the token is a 2-byte varint.
LONG=https://www.example-news.com/world/middle-east/2020/10/27/russian-strikes-idlib-kill-dozens-of-turkish-backed-fighters-in-deadliest-attack-since-ceasefire.html?section=world
pt resolve --offline --json "${NOWHERE[@]}" \
	https://news.google.com/articles/CBMirQFodHRwczovL3d3dy5leGFtcGxlLW5ld3MuY29tL3dvcmxkL21pZGRsZS1lYXN0LzIwMjAvMTAvMjcvcnVzc2lhbi1zdHJpa2VzLWlkbGliLWtpbGwtZG96ZW5zLW9mLXR1cmtpc2gtYmFja2VkLWZpZ2h0ZXJzLWluLWRlYWRsaWVzdC1hdHRhY2stc2luY2UtY2Vhc2VmaXJlLmh0bWw_c2VjdGlvbj13b3JsZNIBAA >out 2>err; rc=$?
is "$rc" 0 "a long-URL token resolves offline"
is "$(jq -r .final out)" "$LONG" "the long URL comes out whole"

# Nested: Outlook Safe Links -> Google /url -> Facebook l.php -> article
# with a fbclid that the clean form drops.
NESTED='https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fl.facebook.com%252Fl.php%253Fu%253Dhttps%25253A%25252F%25252Fwww.newsweek.com%25252Frussia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580%25253Ffbclid%25253DIwAR2xYz%2526h%253DAT0%26sa%3DD&data=04&reserved=0'
pt resolve --offline --json "${NOWHERE[@]}" "$NESTED" >out 2>err; rc=$?
is "$rc" 0 "nested wrappers resolve offline"
is "$(jq -r '[.hops[].via] | join(",")' out)" "start,unwrap,unwrap,unwrap" "one unwrap hop per layer"
is "$(jq -r .final out)" "$NEWSWEEK?fbclid=IwAR2xYz" "final keeps the URL as linked"
is "$(jq -r .clean out)" "$NEWSWEEK" "clean drops the tracking parameter"

# Other wrappers of FACTS.md, one line each: input and expected final.
while read -r input want; do
	pt resolve --offline --json "${NOWHERE[@]}" "$input" >out 2>err; rc=$?
	is "$rc:$(jq -r .final out)" "0:$want" "offline: ${input%%\?*}"
done <<'CASES'
https://www.google.com/amp/s/www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580 https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580
https://www-example-com.cdn.ampproject.org/c/s/www.example.com/article.amp.html?amp_js_v=0.1 https://www.example.com/article.amp.html
https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_news_story.html-3Fa-3D1&d=DwMFAg&c=x&r=y&m=z&s=w&e= https://www.example.com/news/story.html?a=1
https://urldefense.com/v3/__https://www.example.com/a*b__;Jg!!XYZ!abc$ https://www.example.com/a&b
https://www.bing.com/ck/a?!&&p=3a&u=a1aHR0cHM6Ly93d3cudGhlZ3VhcmRpYW4uY29tL3dvcmxkLzIwMjAvb2N0LzI2L3J1c3NpYW4tYWlyc3RyaWtlLXN5cmlhLWlkbGli&ntb=1 https://www.theguardian.com/world/2020/oct/26/russian-airstrike-syria-idlib
https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.example.com%2Fresult&rut=8f1d https://www.example.com/result
https://out.reddit.com/t3_jj2abc?url=https%3A%2F%2Fwww.reuters.com%2Fworld%2Fsyria&token=AQ https://www.reuters.com/world/syria
https://vk.com/away.php?to=https%3A%2F%2Fria.ru%2F20201026%2Fsiriya.html&cc_key= https://ria.ru/20201026/siriya.html
CASES

# A link that is no wrapper stays itself; clean drops tracking parameters
# and the text fragment, keeps the rest.
pt resolve --offline --json "${NOWHERE[@]}" \
	'https://www.newsweek.com/x-1542580?utm_source=twitter&id=3&fbclid=IwAR#:~:text=Idlib' >out 2>err; rc=$?
is "$rc" 0 "a plain link resolves to itself offline"
is "$(jq -r .clean out)" "https://www.newsweek.com/x-1542580?id=3" "clean form of a plain link"

# Wrappers and tracking parameters are data: a user rules directory adds
# a wrapper and a tracking parameter of its own.
mkdir myrules
cat >myrules/mine.rules <<'R'
wrapper id=intranet name="Our link checker" host=go.example.org path="^/check$" decode=param:target
tracking param=src_desk
R
pt --rules myrules resolve --offline --json "${NOWHERE[@]}" \
	'https://go.example.org/check?target=https%3A%2F%2Fwww.example.com%2Fa%3Fsrc_desk%3Dfeeds%26p%3D2' >out 2>err; rc=$?
is "$rc" 0 "a user-defined wrapper resolves offline"
is "$(jq -r .final out)" "https://www.example.com/a?src_desk=feeds&p=2" "the user wrapper is decoded"
is "$(jq -r .clean out)" "https://www.example.com/a?p=2" "the user tracking parameter is dropped"

# An opaque (AU_yqL) token needs the network: offline says so, and fails.
pt resolve --offline --json "${NOWHERE[@]}" \
	'https://news.google.com/rss/articles/CBMiK0FVX3lxTFB4WjNwN3ZRa0drMWFKOHkybUgwc1c5LXhUNGJSY0U1bkQ2dVbSAQA?oc=5' >out 2>err; rc=$?
is "$rc" 1 "an opaque token offline exits 1"
like "$(jq -r .error.message out) $(cat err)" "needs network" "and says it needs the network"

# A broken token is not a crash.
pt resolve --offline --json "${NOWHERE[@]}" 'https://news.google.com/rss/articles/CBMiUGh0dHBzOi8veC5jb20v' >out 2>err; rc=$?
ok "a broken token exits normally" test "$rc" -le 5
isnt "$(jq -r .error out)" null "a broken token is an error"

done_testing
