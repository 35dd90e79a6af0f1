#!/bin/bash
#
# provtrace resolve over HTTP: every redirect kind, hop by hop, with the
# scheme rule at every hop, the user agent and credentials.

. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

fixture_start

PUB=www.example-publisher.com
R=http://redirects.example.net

# resolve URL: JSON of one resolution in $WORK/r.json, exit status in $rc.
resolve() {
	pt "${NET[@]}" --no-store --json resolve "$@" >r.json 2>r.err
	rc=$?
}
field() { jq -r "$1" r.json; }

# --- each status, each Location form ------------------------------------------------

resolve $R/r301
is "$rc" 0 "301: exit 0"
is "$(field .final)" "http://$PUB/articles/301" "301: absolute Location"
is "$(jq -c '[.hops[] | [.status, .via]]' r.json)" '[[301,"start"],[200,"http"]]' "301: hops and statuses"
is "$(field .hops[0].ip)" 127.0.0.1 "301: address connected to"
ok "301: hop times are numbers" jq -e '.hops | all(.ms | type == "number" and . >= 0)' r.json

resolve $R/r302
is "$(field .final)" "http://redirects.example.net/landing/302" "302: relative Location"
is "$(field .hops[0].status)" 302 "302: status"

resolve $R/r303
is "$(field .final)" "http://$PUB/articles/303" "303: protocol-relative Location keeps http"
is "$(field .hops[0].status)" 303 "303: status"

resolve $R/r307
is "$(field .final)" "http://$PUB/articles/caf%C3%A9%20307" "307: percent-encoded Location kept as sent"
is "$(field .hops[1].status)" 200 "307: the encoded path is found"

resolve $R/r308
is "$(field .final)" "https://$PUB/articles/308" "308: to https"
is "$(field .hops[1].tls.subject)" "CN=localhost" "308: TLS subject of the https hop"
is "$(field .hops[1].tls.issuer)" "CN=provtrace test CA" "308: TLS issuer"
want=$(openssl x509 -in "$WORK/tls/server.pem" -noout -fingerprint -sha256 |
	sed 's/.*=//')
is "$(field .hops[1].tls.sha256)" "$want" "308: TLS sha256 is the certificate's fingerprint"
is "$(field .hops[0].tls)" null "308: no TLS on the http hop"

resolve $R/deep/r/dots
is "$(field .final)" "http://redirects.example.net/articles/dots" "'../..' Location resolved"

resolve $R/refresh-header
is "$(jq -c '[.hops[].via]' r.json)" '["start","meta-refresh"]' "Refresh header followed as a refresh"
is "$(field .final)" "http://$PUB/articles/refresh-header" "Refresh header: final"

resolve $R/no-location
is "$rc" 0 "3xx without Location: the chain ends there"
is "$(field .final)" "$R/no-location" "3xx without Location: final is that URL"

# --- http and https only, at every hop ------------------------------------------------

resolve $R/to-file
is "$rc" 1 "redirect to file://: exit 1"
is "$(field .error.code)" blocked "redirect to file://: blocked"
like "$(cat r.err)" "^provtrace: resolve: .*'file:///etc/passwd', refused: only http and https" \
	"redirect to file://: one-line error"
is "$(wc -l <r.err)" 1 "redirect to file://: one line"
is "$(jq '.hops | length' r.json)" 1 "redirect to file://: the file URL is not a hop"

resolve $R/to-ftp
is "$rc" 1 "redirect to ftp://: exit 1"
is "$(field .error.code)" blocked "redirect to ftp://: blocked"
is "$(field .final)" "$R/to-ftp" "redirect to ftp://: final is where the chain stopped"

resolve $R/to-javascript
is "$rc" 1 "redirect to javascript: exit 1"
is "$(field .error.code)" bad-redirect "redirect to javascript: bad-redirect"

# --- user agent -------------------------------------------------------------------------

fixture_log_reset
pt "${NET[@]}" --no-store --user-agent 'NewsroomBot/2.0 (+https://example.org/bot)' \
	resolve $R/r301 >/dev/null
is "$(cat "$FIXTURE_LOG")" "GET redirects.example.net /r301 ua=NewsroomBot/2.0 (+https://example.org/bot) cookie=-
GET $PUB /articles/301 ua=NewsroomBot/2.0 (+https://example.org/bot) cookie=-" \
	"--user-agent sent on every hop"
fixture_log_reset
pt "${NET[@]}" --no-store resolve $R/r301 >/dev/null
like "$(head -1 "$FIXTURE_LOG")" " ua=provtrace/[0-9.]+ " "default user agent provtrace/VERSION"

# --- credentials ---------------------------------------------------------------------------

pt "${NET[@]}" --json resolve "http://alice:s3cret@redirects.example.net/r301" >cred.json 2>cred.err
is "$?" 0 "credentials in the input: resolved"
is "$(jq -r .input cred.json)" "$R/r301" "credentials dropped from the input"
unlike "$(cat cred.json cred.err)" "s3cret|alice" "credentials not in the output"
pt "${NET[@]}" resolve "$R/to-login" >cred.txt 2>&1
unlike "$(cat cred.txt)" "s3cret|alice" "credentials in a Location not in the output"
unlike "$(sqlite3 provtrace.db .dump)" "s3cret|alice" "credentials not in the store"
is "$(sqlite3 provtrace.db 'select count(*) from resolution')" 2 "both resolutions stored"

# --- text output ------------------------------------------------------------------------------

pt "${NET[@]}" --no-store resolve $R/r308 >text.txt
like "$(cat text.txt)" "  1     308  start " "text: hop 1 with status and via"
like "$(cat text.txt)" "  2     200  http .*https://$PUB/articles/308" "text: hop 2"
like "$(cat text.txt)" "tls: CN=localhost, issued by CN=provtrace test CA, sha256 $want" \
	"text: certificate details"
like "$(cat text.txt)" "final  https://$PUB/articles/308" "text: final"
like "$(cat text.txt)" "clean  https://$PUB/articles/308" "text: clean"

done_testing
