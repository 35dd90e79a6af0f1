#!/bin/sh
# deps.sh [build|test|bench] - make sure the Debian packages provtrace needs
# are installed.  As root it installs what is missing with apt-get; otherwise
# it prints the exact apt-get line and fails.
set -eu
BUILD="gcc make pkg-config libcurl4-openssl-dev libssl-dev libsqlite3-dev uthash-dev
libgumbo-dev libutf8proc-dev libxxhash-dev libpcre2-dev libjansson-dev libpsl-dev
zlib1g-dev libgraphviz-dev"
TEST="libmicrohttpd-dev libcmocka-dev openssl perl curl jq sqlite3"
BENCH="ssdeep tlsh-tools"
# Node.js (for the Readability.js peer) may come from Debian or from
# elsewhere (nodesource ships npm inside its nodejs): ask for Debian's only
# when there is no node at all.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
	BENCH="$BENCH nodejs npm"

want=$BUILD
case "${1:-build}" in
build) ;;
test) want="$BUILD $TEST" ;;
bench) want="$BUILD $TEST $BENCH" ;;
*) echo "usage: deps.sh [build|test|bench]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || true
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
	exit 0
fi
echo "deps: missing Debian packages:$missing" >&2
echo "deps: install them with:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
