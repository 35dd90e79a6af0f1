#!/bin/bash
# extract stores each document with its fingerprints (so match finds it
# later), in one transaction; --no-store and bad input leave the store as it was.
. "$(dirname "$0")/../lib.sh"

ORIGIN=$FIXTURES/compare/origin.txt
REPOST=$FIXTURES/compare/repost.txt
db=$WORK/provtrace.db
count() { sqlite3 "$db" "SELECT count(*) FROM $1"; }

pt --no-store extract "$ORIGIN" >/dev/null; rc=$?
is "$rc" 0 "extract --no-store succeeds"
[ ! -e "$db" ]; ok "--no-store creates no store" test $? -eq 0

pt extract "$ORIGIN" >/dev/null; rc=$?
is "$rc" 0 "extract succeeds"
is "$(count document)" 1 "the document is stored"
is "$(count lsh_band)" 64 "with its LSH bands"
is "$(sqlite3 "$db" "SELECT command FROM run")" "extract" "as an extract run"
is "$(sqlite3 "$db" "SELECT length(text) > 9000 AND simhash IS NOT NULL AND minhash IS NOT NULL FROM document")" 1 "text and fingerprints are stored"

pt extract "$ORIGIN" >/dev/null
is "$(count document)" 1 "extracting again does not duplicate the document"

out=$(pt --json match "$REPOST"); rc=$?
is "$rc" 0 "match finds the extracted origin"
like "$(jq -r '.matches[0].url' <<<"$out")" "compare/origin\.txt$" "the origin is the best match"

before=$(sqlite3 "$db" .dump | md5sum)
: >empty.txt
pt extract empty.txt 2>err; rc=$?
is "$rc" 3 "an empty file is bad input"
pt extract /nonexistent/file 2>err; rc=$?
is "$rc" 3 "a missing file is bad input"
is "$(sqlite3 "$db" .dump | md5sum)" "$before" "bad input leaves the store as it was"

printf '%s\n' '<html><body><nav><a href="/">Home</a></nav></body></html>' >nowords.html
pt extract nowords.html >/dev/null 2>err; rc=$?
is "$rc" 0 "a page with no main text still extracts"
like "$(cat err)" "warning: not stored: .* has no" "and says why it is not stored"
is "$(sqlite3 "$db" .dump | md5sum)" "$before" "nothing is stored for it"

done_testing
