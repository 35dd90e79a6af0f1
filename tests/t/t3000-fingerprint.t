#!/bin/bash
# provtrace fingerprint: values, JSON fields, typography-insensitivity,
# storage in the document table and the LSH index, bad input.
. "$(dirname "$0")/../lib.sh"

CMP=$FIXTURES/compare

# --- values -----------------------------------------------------------------

pt --json fingerprint "$CMP/origin.txt" >fp.json 2>err; rc=$?
is "$rc" 0 "fingerprint exits 0"
is "$(jq -r 'keys_unsorted[]' fp.json | grep -cxE 'sha256|simhash|chars|tokens')" 4 \
	"the JSON has sha256, simhash, chars and tokens"
like "$(jq -r .sha256 fp.json)" '^[0-9a-f]{64}$' "sha256 is 64 hex digits"
like "$(jq -r .simhash fp.json)" '^[0-9a-f]{16}$' "simhash is 16 hex digits"
is "$(jq -r .tokens fp.json)" 1474 "tokens of the origin article"
is "$(jq -r .chars fp.json)" 8965 "characters of the normalised origin"
is "$(jq -r .key fp.json)" "$CMP/origin.txt" "a file's key is its absolute path"
is "$(jq 'has("minhash")' fp.json)" false "no MinHash values without --minhash"

# The SHA-256 is that of the normalised text: case folded, curly quotes
# straightened, white space collapsed.  Recompute it with other tools.
want=$(perl -CSD -pe 's/[\x{2018}\x{2019}]/\x27/g; s/[\x{201C}\x{201D}]/"/g; $_ = lc' \
	"$CMP/origin.txt" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//' | tr -d '\n' | sha256sum | cut -d' ' -f1)
is "$(jq -r .sha256 fp.json)" "$want" "sha256 is that of the normalised text"

# The same article with straight quotes, upper case and other line breaks
# has the same fingerprints.
perl -CSD -pe 's/[\x{2018}\x{2019}]/\x27/g; s/[\x{201C}\x{201D}]/"/g; $_ = uc' \
	"$CMP/origin.txt" | fmt -w 60 >shouted.txt
pt --json fingerprint shouted.txt >fp2.json
is "$(jq -r .sha256 fp2.json)" "$(jq -r .sha256 fp.json)" "typography does not change the sha256"
is "$(jq -r .simhash fp2.json)" "$(jq -r .simhash fp.json)" "nor the simhash"

pt --json fingerprint --minhash - <"$CMP/other.txt" >fp3.json
is "$(jq '.minhash | length' fp3.json)" 128 "--minhash prints 128 values"
like "$(jq -r .key fp3.json)" '^sha256:[0-9a-f]{64}$' "standard input is keyed by its text's sha256"

pt --json fingerprint "$CMP/origin.txt" "$CMP/repost.txt" >two.json
is "$(wc -l <two.json)" 2 "one JSON line per input"

out=$(pt fingerprint "$CMP/unrelated.txt")
like "$out" "simhash +[0-9a-f]{16}" "human output shows the simhash"
like "$out" "tokens +256" "human output shows the tokens"

pt --json fingerprint --winnow "$CMP/unrelated.txt" >w.json
# The title line has no punctuation: word N is field N+1.
t=$(jq '.winnow[0].token' w.json); s=$(jq '.winnow[0].start' w.json); e=$(jq '.winnow[0].end' w.json)
is "$(head -c "$e" "$CMP/unrelated.txt" | tail -c "+$((s + 1))")" \
	"$(head -n1 "$CMP/unrelated.txt" | cut -d' ' -f$((t + 1))-$((t + 5)))" \
	"winnowed fingerprints carry byte offsets of their five words"

# The MinHash values do not depend on the instruction set used to compute
# them (AVX-512, AVX2 or plain C, whichever the CPU has).
pt --no-store --json fingerprint --minhash "$CMP/origin.txt" | jq -c .minhash >mh.best
PROVTRACE_SIMD=avx2 pt --no-store --json fingerprint --minhash "$CMP/origin.txt" | jq -c .minhash >mh.avx2
PROVTRACE_SIMD=none pt --no-store --json fingerprint --minhash "$CMP/origin.txt" | jq -c .minhash >mh.none
is "$(jq length mh.best)" 128 "128 MinHash values"
is "$(cat mh.avx2)" "$(cat mh.best)" "AVX2 MinHash values are those of the best instruction set"
is "$(cat mh.none)" "$(cat mh.best)" "plain C MinHash values are the same too"

# --- the store ----------------------------------------------------------------

is "$(sqlite3 provtrace.db "SELECT count(*) FROM document")" 5 "five distinct documents stored"
is "$(sqlite3 provtrace.db "SELECT count(*) FROM lsh_band")" $((5 * 64)) "64 LSH bands each"
is "$(sqlite3 provtrace.db "SELECT count(*) FROM node WHERE kind = 'document' AND key = '$CMP/origin.txt'")" 1 \
	"a document node keyed by the path"
is "$(sqlite3 provtrace.db "SELECT text_sha256 FROM document JOIN node ON node.id = node_id WHERE key = '$CMP/origin.txt'")" \
	"$(jq -r .sha256 fp.json)" "its text sha256 is stored"
is "$(sqlite3 provtrace.db "SELECT length(minhash) FROM document LIMIT 1")" 512 "the MinHash blob is 128 x 4 bytes"

rm -f nostore.db
"$PROVTRACE" --db nostore.db --no-store fingerprint "$CMP/origin.txt" >/dev/null
is "$(sqlite3 nostore.db "SELECT count(*) FROM document" 2>/dev/null || echo 0)" 0 "--no-store stores nothing"

# --- bad input ------------------------------------------------------------------

: >empty.txt
pt fingerprint empty.txt >out 2>err; rc=$?
is "$rc" 3 "an empty file exits 3"
like "$(cat err)" "^provtrace: fingerprint: .*empty.txt" "the empty file is named"
is "$(wc -l <err)" 1 "in one line"

head -c 4096 /dev/urandom >blob.bin
printf '\0\1\2\3binary\0' >>blob.bin
pt fingerprint blob.bin >out 2>err; rc=$?
is "$rc" 3 "a binary file exits 3"
like "$(cat err)" "^provtrace: fingerprint: .*blob.bin" "the binary file is named"

printf '... --- !!! ???\n' >punct.txt
pt fingerprint punct.txt >out 2>err; rc=$?
is "$rc" 3 "a text without words exits 3"

pt fingerprint no-such-file.txt >out 2>err; rc=$?
is "$rc" 3 "a missing file exits 3"

pt fingerprint >out 2>err; rc=$?
is "$rc" 2 "no input is a usage error"

# A bad input among good ones: the good ones are still fingerprinted.
pt --json fingerprint empty.txt "$CMP/unrelated.txt" >out 2>err; rc=$?
is "$rc" 3 "the exit status reports the bad input"
is "$(jq -r .tokens out)" 256 "the good input is still fingerprinted"

done_testing
