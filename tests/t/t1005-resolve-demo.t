#!/bin/bash
#
# The README's demo (examples/demo.sh): the seed's links resolved offline
# and through the fixture server, with no internet.

. "$(dirname "$0")/../lib.sh"

[ -x "$FIXTURED" ] || skip_all "the fixture server is not built"
command -v openssl >/dev/null || skip_all "openssl is not installed"

NW=https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580

FIXTURED=$FIXTURED "$TOP/examples/demo.sh" "$PROVTRACE" >demo.out 2>demo.err
is "$?" 0 "demo: exit 0"
is "$(grep -c "^  final  $NW\$" demo.out)" 2 "demo: both parts end at the Newsweek article"
like "$(cat demo.out)" "  1     301  start .* https://ift.tt/2TsCG02" "demo: the ift.tt hop"
like "$(cat demo.out)" "tls: CN=localhost, issued by CN=provtrace test CA" "demo: certificate details"
is "$(cat demo.err)" "" "demo: nothing on stderr"
ok "demo: no store left in the working directory" test ! -e provtrace.db

done_testing
