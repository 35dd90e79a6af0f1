#!/bin/bash
#
# provtrace resolve --offline: wrappers decoded without any request, the
# JSON contract, bad input, and the store left alone when nothing resolved.
# No fixture server: nothing here may touch a network.

. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

NW=https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580
GN=https://news.google.com/rss/articles/CBMiYWh0dHBzOi8vd3d3Lm5ld3N3ZWVrLmNvbS9ydXNzaWEtdm93cy1zb2xpZGFyaXR5LXN5cmlhLWNvbmR1Y3RzLW9uZS13YXJzLWRlYWRsaWVzdC1zdHJpa2VzLTE1NDI1ODDSAQA?oc=5
# field 4 is 163 bytes long: a two-byte varint length
LONG_URL=http://fixture.example/$(printf 'x%.0s' $(seq 140))
GN_LONG=https://news.google.com/rss/articles/CBMiowFodHRwOi8vZml4dHVyZS5leGFtcGxlL3h4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh40gEA
# an opaque AU_yqL token
GN_AU=https://news.google.com/rss/articles/CBMiOUFVX3lxTFBKbUZpeHR1cmVUb2tlbkZvckFOZXdzd2Vla0FydGljbGVBYm91dElkbGliU3RyaWtlc9IBAA

# No route to anywhere: a request would fail loudly instead of leaking.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9

# --- the Google News link of the seed, offline ---------------------------------

pt --offline --no-store resolve "$GN" >out.txt 2>err.txt
is "$?" 0 "google news offline: exit 0"
like "$(cat out.txt)" "final  $NW" "text output names the final URL"
like "$(cat out.txt)" "unwrap .* $NW" "text output shows the unwrap hop"
is "$(cat err.txt)" "" "nothing on stderr"

pt --offline --no-store --json resolve "$GN" >out.json
is "$(jq -r .final out.json)" "$NW" "json: final is the publisher URL"
is "$(jq -r .clean out.json)" "$NW" "json: clean"
is "$(jq -r .input out.json)" "$GN" "json: input"
is "$(jq -c '[.hops[].via]' out.json)" '["start","unwrap"]' "json: hops start, unwrap"
is "$(jq -c '[.hops[].status]' out.json)" '[null,null]' "json: no status without a request"
is "$(jq -c '.hops[1].tls' out.json)" null "json: tls null without a request"
is "$(jq -c .error out.json)" null "json: error null"
ok "json: contract fields present" jq -e '
	(keys | contains(["input","final","clean","hops","error"])) and
	(.hops | all(keys | contains(["url","status","via","ms","ip","tls"])))' out.json

pt --offline --no-store --json resolve "$GN_LONG" >long.json
is "$(jq -r .final long.json)" "$LONG_URL" "google news token with a URL over 128 bytes"

# --- nested wrappers and clean URLs ---------------------------------------

pt --offline --no-store --json resolve \
	'https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fwww.newsweek.com%252Fa%253Futm_source%253Dtwitter%2526id%253D7%26h%3DAT0&sa=D' >nested.json
is "$(jq -c '[.hops[].via]' nested.json)" '["start","unwrap","unwrap"]' "nested wrappers unwrap repeatedly"
is "$(jq -r .final nested.json)" "https://www.newsweek.com/a?utm_source=twitter&id=7" "nested: final"
is "$(jq -r .clean nested.json)" "https://www.newsweek.com/a?id=7" "nested: clean drops utm_*"

pt --offline --no-store --json resolve \
	'https://consent.google.com/m?continue=https%3A%2F%2Fwww.newsweek.com%2Fb&gl=DE&hl=en' >consent.json
is "$(jq -r .final consent.json)" "https://www.newsweek.com/b" "consent wall with continue= is passed"

# --- what offline cannot do -------------------------------------------------------

pt --offline --json resolve https://ift.tt/2TsCG02 >ift.json 2>ift.err
is "$?" 1 "shortener offline: exit 1"
is "$(jq -r .error.code ift.json)" needs-network "shortener offline: needs-network"
is "$(jq -r .final ift.json)" https://ift.tt/2TsCG02 "shortener offline: final is where it stopped"
like "$(cat ift.err)" "^provtrace: resolve: 'https://ift.tt/2TsCG02' needs the network" \
	"shortener offline: one-line error"
is "$(wc -l <ift.err)" 1 "shortener offline: one line only"

pt --offline --json resolve "$GN_AU" >au.json 2>/dev/null
is "$?" 1 "AU_yqL token offline: exit 1"
is "$(jq -r .error.code au.json)" needs-network "AU_yqL token: needs-network"
like "$(jq -r .error.message au.json)" "needs the network" "AU_yqL token: message says so"

pt --offline --json resolve https://m.facebook.com/unsupportedbrowser >wall.json 2>/dev/null
is "$?" 1 "wall offline: exit 1"
is "$(jq -r .error.code wall.json)" wall "wall: error code wall"
is "$(jq -r .final wall.json)" null "wall: never the final URL"

ok "no store written for failed offline chains" test ! -e provtrace.db

# --- bad input ---------------------------------------------------------------------

for bad in 'htp://x' 'ftp://example.com/file' 'not a url' 'file:///etc/passwd' 'http://' ''; do
	pt resolve "$bad" >bad.out 2>bad.err
	is "$?" 3 "bad input '$bad': exit 3"
	is "$(wc -l <bad.err)" 1 "bad input '$bad': one line on stderr"
	like "$(cat bad.err)" "^provtrace: resolve: '" "bad input '$bad': names the input"
done
pt resolve 'htp://x' 2>bad.err
is "$(cat bad.err)" "provtrace: resolve: 'htp://x' is not an http or https URL" \
	"unsupported scheme: the documented message"
pt --json resolve 'ftp://carol:hunter2@files.example/x' >cred.json 2>cred.err
is "$(jq -r .error.code cred.json)" bad-url "json for bad input: code bad-url"
unlike "$(cat cred.json cred.err)" hunter2 "credentials of a bad URL never printed"
ok "bad input: no store created" test ! -e provtrace.db

pt resolve >/dev/null 2>usage.err
is "$?" 2 "no URL: usage error, exit 2"
pt resolve --bogus http://a.example/ >/dev/null 2>&1
is "$?" 2 "unknown option: exit 2"
pt resolve --help >help.txt
is "$?" 0 "--help: exit 0"
like "$(cat help.txt)" "exit codes" "--help documents exit codes"
like "$(cat help.txt)" "--no-store" "--help documents --no-store"

# --- the store ---------------------------------------------------------------------

pt --offline resolve "$GN" >/dev/null
is "$(sqlite3 provtrace.db 'select count(*) from resolution')" 1 "a resolution is stored"
is "$(sqlite3 provtrace.db 'select final from resolution')" "$NW" "stored final"
is "$(sqlite3 provtrace.db "select group_concat(via, ',') from (select via from hop order by seq)")" \
	"start,unwrap" "stored hops"
is "$(sqlite3 provtrace.db "select count(*) from edge where kind = 'redirects_to'")" 1 \
	"redirects_to edge between the hops"
is "$(sqlite3 provtrace.db 'select count(*) from run where finished is not null')" 1 "run finished"

before=$(sqlite3 provtrace.db .dump | md5sum)
pt --offline resolve 'htp://x' https://ift.tt/2TsCG02 'not a url' >/dev/null 2>&1
is "$?" 3 "several inputs: exit is the highest (3)"
is "$(sqlite3 provtrace.db .dump | md5sum)" "$before" "failed inputs leave the store unchanged"

pt --offline --no-store resolve "$GN" >/dev/null
is "$(sqlite3 provtrace.db 'select count(*) from resolution')" 1 "--no-store writes nothing"

pt --offline resolve 'https://dave:pa55word@www.google.com/url?q=https://www.newsweek.com/c' >cred.txt
is "$?" 0 "credentials: resolved"
unlike "$(cat cred.txt)" "pa55word|dave" "credentials: not in the output"
unlike "$(sqlite3 provtrace.db .dump)" "pa55word" "credentials: not in the store"

"$PROVTRACE" --db "$WORK/no/such/dir/x.db" --offline resolve "$GN" >nodb.out 2>nodb.err
is "$?" 5 "a store that cannot be opened: exit 5"
like "$(cat nodb.out)" "final  https://www.newsweek.com/" "the resolution is still printed"
like "$(cat nodb.err)" "^provtrace: resolve: .*no/such/dir" "the store error names the file"

# --- several inputs --------------------------------------------------------------------

pt --offline --json --no-store resolve "$GN" https://ift.tt/2TsCG02 >lines.json 2>/dev/null
is "$?" 1 "two inputs, one needs network: exit 1"
is "$(wc -l <lines.json)" 2 "JSON Lines: one object per input"
is "$(jq -sc '[.[].error.code]' lines.json)" '[null,"needs-network"]' "JSON Lines in input order"

done_testing
