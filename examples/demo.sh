#!/bin/bash
#
# examples/demo.sh PROVTRACE - the embedded example: where does the link in
# the seed repost really go?
#
# The seed (an autoblog repost of a Newsweek article) links to
# https://ift.tt/2TsCG02.  Online, that short link goes through Google News
# to Newsweek.  This demo needs no internet:
#
#   1. the Google News link is decoded offline (--offline: no request);
#   2. the whole chain ift.tt -> news.google.com -> www.newsweek.com is
#      followed over real HTTPS against the test fixture server, serving the
#      example site in examples/site/ on loopback ports with a throwaway CA.
#
# Step 2 needs the fixture server (tests/fixtured.c, libmicrohttpd) and the
# openssl tool; when they cannot be had it says so and stops after step 1.

set -u

BIN=${1:-build/provtrace}
HERE=$(cd "$(dirname "$0")" && pwd -P)
TOP=$(cd "$HERE/.." && pwd -P)
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
if [ ! -x "$BIN" ]; then
	echo "demo: '$BIN' is not built; run make first" >&2
	exit 2
fi
BUILD=$(cd "$(dirname "$BIN")" && pwd -P)

GNEWS='https://news.google.com/rss/articles/CBMiYWh0dHBzOi8vd3d3Lm5ld3N3ZWVrLmNvbS9ydXNzaWEtdm93cy1zb2xpZGFyaXR5LXN5cmlhLWNvbmR1Y3RzLW9uZS13YXJzLWRlYWRsaWVzdC1zdHJpa2VzLTE1NDI1ODDSAQA?oc=5'

echo "== 1. A Google News link, decoded offline (no request at all)"
echo "\$ provtrace --offline resolve '$GNEWS'"
echo
"$BIN" --offline --no-store resolve "$GNEWS" || exit $?
echo

echo "== 2. The seed's short link, followed hop by hop (fixture server, no internet)"
FIXTURED=${FIXTURED:-$BUILD/tests/fixtured}
if [ ! -x "$FIXTURED" ]; then
	# The fixture server is a test program: build it next to the binary.
	make -C "$TOP" --no-print-directory B="$BUILD" "$BUILD/tests/fixtured" >/dev/null 2>&1
fi
if [ ! -x "$FIXTURED" ] || ! command -v openssl >/dev/null; then
	echo "(skipped: the fixture server needs libmicrohttpd and the openssl tool;"
	echo " 'make deps-test' installs them)"
	exit 0
fi
export PROVTRACE=$BIN FIXTURED
# tests/lib.sh gives a throwaway work directory (and store), the test CA and
# the fixture server; its TAP bookkeeping is not used here.
. "$TOP/tests/lib.sh"
_tap_finished=1
fixture_start "$HERE/site"
echo "\$ provtrace resolve https://ift.tt/2TsCG02"
echo "  (every host answered by the fixture server on 127.0.0.1:$HTTPS_PORT)"
echo
pt "${NET[@]}" resolve https://ift.tt/2TsCG02
status=$?
echo
echo "The short link is an IFTTT feed link; Google News wrapped the publisher's"
echo "URL in its article token; the origin is the Newsweek article."
[ "$status" -eq 0 ] || exit "$status"
echo

echo "== 3. The repost itself: what was added to the origin, and who says what"
echo "\$ provtrace compare examples/seed-repost.txt <origin page>"
echo
ORIGIN=https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580
pt "${NET[@]}" compare --excerpt 60 "$HERE/seed-repost.txt" "$ORIGIN" 
echo
echo "\$ provtrace attribute examples/seed-repost.txt"
echo
pt attribute "$HERE/seed-repost.txt"
status=$?
exit "$status"
