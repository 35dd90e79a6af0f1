#!/bin/bash
#
# provtrace resolve on whole chains: the seed's ift.tt -> Google News ->
# Newsweek, nested wrappers around a shortener, consent and bot walls,
# HEAD refused, rate limits, cookie-gated chains, loops and long chains.

. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

fixture_start

NW=https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580
PUB=https://www.example-publisher.com/articles
want_sha=$(openssl x509 -in "$WORK/tls/server.pem" -noout -fingerprint -sha256 |
	sed 's/.*=//')

resolve() {
	pt "${NET[@]}" --json resolve "$@" >r.json 2>r.err
	rc=$?
}
field() { jq -r "$1" r.json; }

# --- the seed chain -----------------------------------------------------------

fixture_log_reset
resolve https://ift.tt/2TsCG02
is "$rc" 0 "seed: exit 0"
is "$(field .final)" "$NW" "seed: ends at Newsweek"
is "$(field .clean)" "$NW" "seed: clean"
is "$(jq -c '[.hops[] | [.status, .via]]' r.json)" '[[301,"start"],[null,"http"],[200,"unwrap"]]' \
	"seed: ift.tt 301, Google News unwrapped without a request, Newsweek 200"
like "$(field .hops[1].url)" '^https://news\.google\.com/rss/articles/CBMi' "seed: the Google News hop"
is "$(field .hops[2].wrapper)" "Google News" "seed: unwrapped by the Google News rule"
is "$(field .hops[0].tls.sha256)" "$want_sha" "seed: ift.tt certificate fingerprint"
is "$(field .hops[2].tls.subject)" "CN=localhost" "seed: newsweek certificate subject"
is "$(field .hops[1].tls)" null "seed: no certificate for a hop never requested"
is "$(cut -d' ' -f1-2 "$FIXTURE_LOG")" "HEAD ift.tt
GET www.newsweek.com" "seed: HEAD to the shortener, nothing to Google, GET to the publisher"

is "$(sqlite3 provtrace.db "select final from resolution")" "$NW" "seed: stored"
is "$(sqlite3 provtrace.db "select count(*) from hop")" 3 "seed: 3 hops stored"
is "$(sqlite3 provtrace.db "select tls_sha256 from hop where seq = 0")" "$want_sha" \
	"seed: certificate stored"

# --- nested: a Google redirect to bit.ly, which redirects to a Facebook shim ----

resolve 'https://www.google.com/url?q=https://bit.ly/3nEsTed&sa=D'
is "$rc" 0 "nested: exit 0"
is "$(jq -c '[.hops[].via]' r.json)" '["start","unwrap","http","unwrap"]' \
	"nested: unwrap, shortener redirect, unwrap"
is "$(field .final)" "$PUB/nested?utm_source=facebook&fbclid=IwAR0x" "nested: final"
is "$(field .clean)" "$PUB/nested" "nested: clean drops utm_source and fbclid"

# --- Google News opaque token: consent wall passed, script to the publisher ---

resolve https://news.google.com/rss/articles/CBMiOUFVX3lxTFBKbUZpeHR1cmVUb2tlbkZvckFOZXdzd2Vla0FydGljbGVBYm91dElkbGliU3RyaWtlc9IBAA
is "$rc" 0 "AU_yqL token online: exit 0"
is "$(jq -c '[.hops[].via]' r.json)" '["start","http","unwrap","js"]' \
	"AU_yqL: request, consent wall unwrapped, script"
like "$(field .hops[1].url)" '^https://consent\.google\.com/m\?continue=' "AU_yqL: the consent hop"
is "$(field .hops[2].wrapper)" "Google consent wall" "AU_yqL: passed by the wall's target"
is "$(field .final)" "$NW" "AU_yqL: final"

# --- walls without a target ----------------------------------------------------

STORY='https://m.facebook.com/story.php?story_fbid=10158012345678901&id=100064'
resolve "$STORY"
is "$rc" 1 "unsupported-browser wall: exit 1"
is "$(field .error.code)" wall "wall: error code"
is "$(field .final)" "$STORY" "wall: the page before the wall is reported, not the wall"
is "$(field .wall)" "Facebook unsupported-browser page" "wall: named"
like "$(cat r.err)" "^provtrace: resolve: .* ends at a wall" "wall: one-line error"

resolve https://www.facebook.com/groups/idlibnews/posts/1234
is "$(field .error.code)" wall "common/browser.php wall"
unlike "$(field .final)" "browser\.php" "browser.php never the final URL"

# --- HEAD refused ------------------------------------------------------------------

fixture_log_reset
resolve https://bit.ly/hEadLess
is "$rc" 0 "HEAD refused: exit 0"
is "$(field .final)" "$PUB/headless" "HEAD refused: resolved with GET"
is "$(field .hops[0].status)" 301 "HEAD refused: the GET's status is recorded"
is "$(field .hops[0].method)" "HEAD,GET" "HEAD refused: both methods"
is "$(cut -d' ' -f1-3 "$FIXTURE_LOG")" "HEAD bit.ly /hEadLess
GET bit.ly /hEadLess
GET www.example-publisher.com /articles/headless" "HEAD refused: the log shows HEAD then GET"

# A HEAD that hangs: half the time goes to HEAD, the rest to GET.
fixture_log_reset
resolve --timeout 2 https://bit.ly/sl0wHd
is "$rc" 0 "HEAD timed out: exit 0"
is "$(field .hops[0].method)" "HEAD,GET" "HEAD timed out: GET tried next"
is "$(field .final)" "$PUB/headless" "HEAD timed out: resolved with GET"
is "$(cut -d' ' -f1-2 "$FIXTURE_LOG" | head -2)" "HEAD bit.ly
GET bit.ly" "HEAD timed out: the log shows HEAD then GET"

# --- rate limits ---------------------------------------------------------------------

fixture_log_reset
start=$(date +%s%N)
resolve http://api.ratelimited.example/busy
ms=$((($(date +%s%N) - start) / 1000000))
is "$rc" 0 "429 with Retry-After: 1, then 302: exit 0"
is "$(field .final)" "$PUB/busy" "429: retried and followed"
is "$(field .hops[0].retries)" 1 "429: one retry recorded"
is "$(grep -c 'GET api.ratelimited.example /busy' "$FIXTURE_LOG")" 2 "429: asked twice"
ok "429: waited the second ($ms ms)" test "$ms" -ge 900

resolve http://api.ratelimited.example/date
is "$(field .hops[0].status)" 200 "503 with an HTTP-date Retry-After in the past: retried at once"

start=$(date +%s%N)
resolve http://api.ratelimited.example/long
ms=$((($(date +%s%N) - start) / 1000000))
is "$rc" 4 "Retry-After: 3600 does not fit: exit 4"
is "$(field .error.code)" rate-limited "Retry-After too long: rate-limited"
ok "Retry-After too long: no wait ($ms ms)" test "$ms" -lt 3000

resolve http://api.ratelimited.example/never
is "$(field .error.code)" rate-limited "429 without Retry-After: rate-limited"
resolve http://api.ratelimited.example/down
is "$rc" 4 "503 without Retry-After: exit 4"
is "$(field .error.code)" unavailable "503 without Retry-After: unavailable"

# --- cookies ------------------------------------------------------------------------------

NYT=https://www.nytimes.com/2020/10/26/world/middleeast/syria-russia-idlib-strikes.html
fixture_log_reset
resolve "$NYT"
is "$rc" 0 "cookie-gated chain (NYT _r=4): ends"
is "$(jq -c '[.hops[].status]' r.json)" '[303,302,301,200]' "cookie-gated: login, back with the cookie"
is "$(field .final)" "$NYT" "cookie-gated: the article, visited again with a new cookie"
like "$(tail -1 "$FIXTURE_LOG")" "cookie=NYT-S=0MgWq8rLx" "cookie-gated: the cookie was sent"

resolve https://www.paywalled.example/story
is "$rc" 1 "loop through a login that sets no cookie: exit 1"
is "$(field .error.code)" loop "login loop: loop"

# --- loops and long chains ---------------------------------------------------------------

resolve http://loop.example.net/a
is "$rc" 1 "a -> b -> a: exit 1"
is "$(field .error.code)" loop "a -> b -> a: loop"
like "$(cat r.err)" "^provtrace: resolve: 'http://loop.example.net/a' loops" "loop: one-line error"

resolve http://loop.example.net/self
is "$(field .error.code)" loop "a redirect to itself: loop"

resolve http://chain.example.net/1
is "$rc" 1 "25 hops: exit 1"
is "$(field .error.code)" too-many-hops "25 hops with the default --max-hops 20: too-many-hops"
is "$(jq '.hops | length' r.json)" 21 "too-many-hops: the start and 20 hops"

resolve --max-hops 30 http://chain.example.net/1
is "$rc" 0 "--max-hops 30: the 25-hop chain ends"
is "$(field .final)" http://chain.example.net/25 "--max-hops 30: final"

resolve --max-hops 3 http://chain.example.net/1
is "$(field .error.code)" too-many-hops "--max-hops 3: too-many-hops"
is "$(jq '.hops | length' r.json)" 4 "--max-hops 3: the start and 3 hops"

done_testing
