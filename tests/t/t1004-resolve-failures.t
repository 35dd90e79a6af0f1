#!/bin/bash
#
# provtrace resolve when the network fails or a safety rule refuses:
# timeouts, private addresses, unresolvable hosts, TLS failures.  Each gives
# one line on stderr, the documented exit code, and leaves the store as it
# was.

. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

fixture_start

PUB=www.example-publisher.com

# A store with one resolution in it, to see that failures leave it alone.
pt "${NET[@]}" resolve http://redirects.example.net/r301 >/dev/null
is "$(sqlite3 provtrace.db 'select count(*) from resolution')" 1 "a first resolution is stored"
snapshot() { sqlite3 provtrace.db .dump | md5sum; }
before=$(snapshot)

# failing CODE EXIT NAME ARGS...: resolving fails with CODE and EXIT, one
# line on stderr, the store unchanged.
failing() {
	local code=$1 want=$2 name=$3
	shift 3
	pt --json "$@" >r.json 2>r.err
	is "$?" "$want" "$name: exit $want"
	is "$(jq -r .error.code r.json)" "$code" "$name: error code $code"
	is "$(wc -l <r.err)" 1 "$name: one line on stderr"
	like "$(cat r.err)" "^provtrace: resolve: " "$name: the error line"
	is "$(snapshot)" "$before" "$name: store unchanged"
}

# --- timeout ------------------------------------------------------------------

start=$(date +%s%N)
failing timeout 4 "--timeout 1 against a 3 s delay" \
	"${NET[@]}" --timeout 1 resolve http://slow.example.net/story
ms=$((($(date +%s%N) - start) / 1000000))
ok "timeout: gave up after about a second ($ms ms)" test "$ms" -lt 2500
like "$(cat r.err)" "timed out" "timeout: libcurl's message kept"

# --- private addresses ------------------------------------------------------------

NOPRIV=(--connect-to ":80:127.0.0.1:$HTTP_PORT" --connect-to ":443:127.0.0.1:$HTTPS_PORT"
	--cacert "$TEST_CA")
fixture_log_reset
failing blocked 1 "loopback without --allow-private" \
	"${NOPRIV[@]}" resolve "http://$PUB/articles/301"
like "$(cat r.err)" "127\.0\.0\.1.*loopback.*--allow-private" "loopback: the message names the address and the way out"
is "$(cat "$FIXTURE_LOG")" "" "loopback: no request reached the server"

failing blocked 1 "IPv4-mapped loopback without --allow-private" \
	--connect-to ":80:[::ffff:127.0.0.1]:$HTTP_PORT" resolve "http://$PUB/articles/301"

failing blocked 1 "https to loopback without --allow-private" \
	"${NOPRIV[@]}" resolve "https://$PUB/articles/308"

# --- DNS ---------------------------------------------------------------------------

failing dns 4 "unresolvable host" resolve http://nonexistent.invalid/
like "$(cat r.err)" "nonexistent\.invalid" "dns: names the host"

# --- TLS ---------------------------------------------------------------------------

failing tls 4 "https without the test CA" \
	--connect-to ":443:127.0.0.1:$HTTPS_PORT" --allow-private resolve "https://$PUB/articles/308"
like "$(cat r.err)" "certificate" "tls: libcurl's reason kept"

pt --connect-to ":443:127.0.0.1:$HTTPS_PORT" --allow-private --insecure --no-store --json \
	resolve "https://$PUB/articles/308" >r.json
is "$(jq -r .final r.json)" "https://$PUB/articles/308" "--insecure: the same host resolves"

# --- refused connection -----------------------------------------------------------

# A port nobody listens on: bind one, note it, close it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null)
if [ -n "$port" ]; then
	failing refused 4 "connection refused" \
		--connect-to ":80:127.0.0.1:$port" --allow-private resolve "http://$PUB/articles/301"
else
	skip "python3 is not installed" 5
fi

# --- a failure after the first hop is stored ------------------------------------------

pt "${NET[@]}" --timeout 2 resolve http://redirects.example.net/to-ftp >/dev/null 2>&1
is "$?" 1 "blocked later in the chain: exit 1"
is "$(sqlite3 provtrace.db "select error_code from resolution order by id desc limit 1")" blocked \
	"a chain that got answers is stored with its error"

# --- several inputs: the highest exit code ---------------------------------------------------

pt "${NET[@]}" --timeout 1 --no-store resolve http://redirects.example.net/r301 \
	http://slow.example.net/story http://loop.example.net/a >multi.out 2>multi.err
is "$?" 4 "ok, timeout, loop: exit 4"
is "$(wc -l <multi.err)" 2 "one error line per failed input"

done_testing
