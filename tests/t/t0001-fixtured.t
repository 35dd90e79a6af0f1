#!/bin/bash
#
# The fixture server itself, driven with the curl tool: every other
# end-to-end test trusts what it answers.  Its site is tests/fixtures/server.

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v curl >/dev/null || skip_all "the curl tool is not installed"

fixture_start "$FIXTURES/server"

# -q first: no ~/.curlrc.  The connect-to mapping is the one NET gives
# provtrace, so these requests take the same way as provtrace's.
CURL=(curl -q -sS --noproxy '*' --max-time 10
	--connect-to ":80:127.0.0.1:$HTTP_PORT"
	--connect-to ":443:127.0.0.1:$HTTPS_PORT"
	--cacert "$TEST_CA")

body() { "${CURL[@]}" "$@"; }
code() { "${CURL[@]}" -o /dev/null -w '%{http_code}' "$@"; }
headers() { "${CURL[@]}" -o /dev/null -D - "$@" | tr -d '\r'; }

# --- start-up ---------------------------------------------------------------

like "$(cat "$WORK/fixtured.ports")" $'^http=[0-9]+\nhttps=[0-9]+$' \
	"port file has the http and https ports"
isnt "$HTTP_PORT" "$HTTPS_PORT" "http and https listen on different ports"

# --- plain answers ------------------------------------------------------------

is "$(body http://plain.test/)" "hello from plain.test" "http: / is index.http"
is "$(code http://plain.test/)" 200 "http: status from the file"
like "$(headers http://plain.test/)" $'\nContent-Type: text/plain; charset=utf-8\n' \
	"http: headers from the file"
like "$(headers http://plain.test/)" $'\nContent-Length: 22(\n|$)' \
	"http: content-length computed by the server"
is "$(body http://plain.test/page.html)" "<p>page</p>" "path maps to PATH.http"
is "$(body http://plain.test/dir/)" "dir index" "a path ending in / is that folder's index.http"
is "$(body --connect-to ":8080:127.0.0.1:$HTTP_PORT" http://PLAIN.TEST:8080/)" \
	"hello from plain.test" "host is lower-cased and its port dropped"
is "$(body -d 'a=1&b=2' http://plain.test/page.html)" "<p>page</p>" \
	"a request body is read and ignored"

is "$(code http://plain.test/missing)" 404 "missing file: 404"
is "$(body http://plain.test/missing)" "not found" "missing file: body 'not found'"
is "$(code http://nowhere.test/)" 404 "unknown host: 404"

# --- https --------------------------------------------------------------------

is "$(body https://secure.test/)" "secure index" "https: served, verified against TEST_CA"
ok "https: without TEST_CA the certificate is refused" \
	exit_is 60 curl -q -sS --noproxy '*' --max-time 10 \
	--connect-to ":443:127.0.0.1:$HTTPS_PORT" https://secure.test/
is "$(code "https://127.0.0.1:$HTTPS_PORT/")" 404 "https: certificate valid for 127.0.0.1"
is "$(code "https://localhost:$HTTPS_PORT/")" 404 "https: certificate valid for localhost"

# --- status lines and redirects -----------------------------------------------

is "$(code http://plain.test/old)" 301 "'HTTP/1.1 301 Moved Permanently' status line"
like "$(headers http://plain.test/old)" $'\nLocation: https://secure.test/new\n' \
	"redirect carries its Location"
is "$(body -L http://plain.test/old)" "secure new page" "redirect from http to https host"

# --- query strings ------------------------------------------------------------

is "$(body 'http://plain.test/search?q=one')" "search: q=one" "query: PATH?QUERY.http first"
is "$(body 'http://plain.test/search?q=two')" "search: default" "query: else PATH.http"
is "$(body 'http://plain.test/go?to=a/b')" "go: to a/b" "query: '/' is %2F in the file name"

# --- exact bodies ---------------------------------------------------------------

printf 'A\0B\r\n\377\376tail' >blob.expected
body -o blob.got http://plain.test/blob.bin
is_file blob.expected blob.got "binary body byte for byte"
printf 'crlf body\r\n' >crlf.expected
body -o crlf.got http://plain.test/crlf
is_file crlf.expected crlf.got "CRLF header lines, body kept as is"
like "$(headers http://plain.test/crlf)" $'\nContent-Type: text/plain\n' \
	"CRLF header lines parsed"

# --- directives -----------------------------------------------------------------

h=$(headers http://plain.test/cookies)
is "$(grep -c '^Set-Cookie: ' <<<"$h")" 2 "several Set-Cookie headers all sent"
like "$h" $'\nSet-Cookie: b=2; Path=/; HttpOnly\n' "Set-Cookie value kept whole"
unlike "$h" '[Xx]-[Ff]ixture' "directives are never sent"
like "$h" $'\nDate: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} 20[0-9]{2} [0-9:]{8} GMT\n' \
	"a Date is sent"
h=$(headers http://plain.test/dated)
is "$(grep '^Date:' <<<"$h")" "Date: Tue, 27 Oct 2020 06:49:00 GMT" \
	"a Date from the file replaces the server's"

is "$(code -I http://plain.test/nohead)" 405 "X-Fixture-Head: HEAD answered with its status"
unlike "$(headers -I http://plain.test/nohead)" 'Content-Type' \
	"X-Fixture-Head: no headers from the file"
is "$(body http://plain.test/nohead)" "get works" "X-Fixture-Head: GET unchanged"
is "$(code -I http://plain.test/page.html)" 200 "HEAD without the directive answered as GET"

is "$(body http://plain.test/article)" "please log in" "If-Cookie: no cookie, this file"
is "$(body -b 'session=no' http://plain.test/article)" "please log in" \
	"If-Cookie: another value does not match"
is "$(body -b 'theme=dark; session=ok' http://plain.test/article)" "the article" \
	"If-Cookie: the pair among others switches file"
is "$(body -b 'consent=yes' http://plain.test/article)" "the article" \
	"If-Cookie: the second rule matches too"

is "$(code http://plain.test/limited)" 429 "After: 1st request answered by the file"
is "$(code http://plain.test/limited)" 200 "After: 2nd request by the other file"
is "$(body http://plain.test/limited)" "finally" "After: and later ones too"

is "$(code http://plain.test/loop-a)" 500 "indirections are bounded"
like "$(body http://plain.test/loop-a)" 'more than 5 indirections' \
	"indirection loop says why"
is "$(code http://plain.test/broken)" 500 "broken fixture: 500"
like "$(body http://plain.test/broken)" "^fixture error: .*broken\\.http': line 2: " \
	"broken fixture: names the file and line"

ok "Delay: a client with a shorter timeout gives up" \
	exit_is 28 body --max-time 1 http://plain.test/slow
t=$(body -o /dev/null -w '%{time_total}' http://plain.test/short-delay)
ok "Delay: the answer waits the delay ($t s)" awk "BEGIN { exit !($t >= 0.3) }"

n=$(body -o big.got -w '%{size_download}' http://plain.test/big)
is "$n" 1100000 "Repeat-Body: size"
like "$(headers http://plain.test/big)" $'\nContent-Length: 1100000(\n|$)' \
	"Repeat-Body: content-length"
yes 0123456789 | head -n 100000 >big.expected
ok "Repeat-Body: content" cmp big.expected big.got

# --- path safety ---------------------------------------------------------------

is "$(code --path-as-is http://plain.test/../server/plain.test/index)" 400 "'..' segment: 400"
is "$(code --path-as-is 'http://plain.test/dir/%2e%2E/page.html')" 400 \
	"percent-encoded '..' segment: 400"

# --- the request log ------------------------------------------------------------

fixture_log_reset
"${CURL[@]}" -o /dev/null -I -A 'pt-test/1.0' -b 'k=v; w=x' http://plain.test/page.html
is "$(cat "$FIXTURE_LOG")" "HEAD plain.test /page.html ua=pt-test/1.0 cookie=k=v; w=x" \
	"log: HEAD request with user agent and cookies"
fixture_log_reset
"${CURL[@]}" -o /dev/null -H 'User-Agent:' 'https://secure.test/new?x=1'
is "$(cat "$FIXTURE_LOG")" "GET secure.test /new?x=1 ua=- cookie=-" \
	"log: GET with query, no user agent, no cookie"

# --- shutdown -------------------------------------------------------------------

# The 20-second Delay above is still sleeping in the server.
start=$(date +%s%N)
ok "SIGTERM stops the server cleanly" fixture_stop
ms=$((($(date +%s%N) - start) / 1000000))
ok "stop does not wait out a sleeping request (${ms} ms)" test "$ms" -lt 2000
ok "port file removed at exit" test ! -e "$WORK/fixtured.ports"

done_testing
