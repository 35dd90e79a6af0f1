#!/bin/bash
# provtrace match: find the origin of a repost among more than a thousand
# stored documents through the LSH index, verified by containment.
. "$(dirname "$0")/../lib.sh"

CMP=$FIXTURES/compare

# 1,200 deterministic word-salad articles of 150-400 words over a
# vocabulary of 3,000 made-up words, in paragraphs.
mkdir docs
awk -v n=1200 'BEGIN {
	srand(3000);
	split("ka lo mi ne ru sa ti vo pe da ri go ba lu fe no", syl, " ");
	for (v = 1; v <= 3000; v++) {
		w = "";
		k = 2 + int(rand() * 3);
		for (j = 0; j < k; j++) w = w syl[1 + int(rand() * 16)];
		vocab[v] = w;
	}
	for (d = 1; d <= n; d++) {
		f = sprintf("docs/d%04d.txt", d);
		words = 150 + int(rand() * 250);
		line = "";
		for (i = 1; i <= words; i++) {
			line = line (line == "" ? "" : " ") vocab[1 + int(rand() * 3000)];
			if (i % 60 == 0) { print line ".\n" > f; line = ""; }
		}
		if (line != "") print line "." > f;
		close(f);
	}
}'
is "$(ls docs | wc -l)" 1200 "1,200 documents generated"

start=$(date +%s)
pt fingerprint docs/*.txt "$CMP/origin.txt" "$CMP/other.txt" "$CMP/unrelated.txt" >/dev/null 2>err; rc=$?
is "$rc" 0 "they are fingerprinted and stored in one run"
is "$(sqlite3 provtrace.db "SELECT count(*) FROM document")" 1203 "1,203 documents in the store"
is "$(sqlite3 provtrace.db "SELECT count(*) FROM lsh_band")" $((1203 * 64)) "each with 64 LSH bands"
note "stored 1,203 documents in $(( $(date +%s) - start )) s"

# --- the repost finds its origin ----------------------------------------------------

pt --json match "$CMP/repost.txt" >m.json 2>err; rc=$?
is "$rc" 0 "match exits 0 when something matches"
is "$(jq -r '.matches[0].url' m.json)" "$CMP/origin.txt" "the origin is the best match of the repost"
is "$(jq '.matches[0] | (.b_in_a > 0.98) and (.a_in_b > 0.9) and (.jaccard > 0.9)' m.json)" true \
	"with its containments and jaccard"
like "$(jq -r '.matches[0].title' m.json)" "Russia Vows" "and its title"
is "$(jq '.matches | length' m.json)" 1 "no word salad matches"
is "$(jq -r '.matches[0] | keys_unsorted | map(select(. == "url" or . == "title" or . == "a_in_b" or . == "b_in_a" or . == "jaccard")) | length' m.json)" 5 \
	"matches carry url, title, a_in_b, b_in_a, jaccard"

# The repost was stored by match: now the origin finds its copy.
pt --json match "$CMP/origin.txt" >o.json
is "$(jq -r '.matches[0].url' o.json)" "$CMP/repost.txt" "the origin finds the repost that copies it"
is "$(jq '.matches[0].a_in_b > 0.98' o.json)" true "all of the origin is in the repost"

# An excerpt of a quarter of the origin: low Jaccard, full containment.
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 8' "$CMP/origin.txt" >excerpt.txt
pt --json --no-store match excerpt.txt >e.json; rc=$?
is "$rc" 0 "an excerpt matches"
is "$(jq -r '[.matches[].url] | index("'"$CMP/origin.txt"'") != null' e.json)" true "the excerpt finds its origin"
is "$(jq '[.matches[] | select(.url == "'"$CMP/origin.txt"'")][0] | (.a_in_b == 1) and (.jaccard < 0.5)' e.json)" true \
	"contained whole, with a low jaccard"
is "$(sqlite3 provtrace.db "SELECT count(*) FROM document")" 1204 "--no-store left the store as it was (plus the repost)"

# A stored salad document with a paragraph changed is found; a new one is not.
sed '1s/^[a-z]* [a-z]*/changed words/' docs/d0042.txt >edited.txt
pt --json match edited.txt >d.json
is "$(jq -r '.matches[0].url' d.json)" "$PWD/docs/d0042.txt" "a lightly edited document finds its original"

awk 'BEGIN { srand(7); for (i = 0; i < 700; i++) printf "zorp%d ", int(rand() * 100000); print "" }' >new.txt
pt --no-store match new.txt >out 2>err; rc=$?
is "$rc" 1 "no match exits 1"
like "$(cat err)" "no stored document" "and says so"

# --min-containment: a mashup of the first half of the origin and as much
# new text shares about half of itself with the origin.
{ head -c 4400 "$CMP/origin.txt"; echo; echo; cat new.txt; } >mashup.txt
pt --json --no-store match --min-containment 0.3 mashup.txt >mc.json; rc=$?
is "$rc" 0 "--min-containment 0.3: the mashup matches"
is "$(jq '.matches[0] | (.a_in_b > 0.35) and (.a_in_b < 0.65)' mc.json)" true "with about half of it from the origin"
pt --json --no-store match --min-containment 0.8 mashup.txt >mc.json; rc=$?
is "$rc" 1 "--min-containment 0.8: it does not"
pt match --min-containment 2 "$CMP/repost.txt" >out 2>err; rc=$?
is "$rc" 2 "a containment above 1 is a usage error"

# Human output.
out=$(pt match "$CMP/repost.txt")
like "$out" "origin.txt" "human output names the match"

# Speed: a lookup among 1,200 documents.
t0=$(date +%s%N)
pt --no-store match "$CMP/repost.txt" >/dev/null
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
note "match took $ms ms among 1,204 documents"
ok "a lookup takes under 2 s" test "$ms" -lt 2000

done_testing
