#!/bin/bash
# bench/match.sh BIN [SIZE...] - index build rate and `match` latency with
# SIZE stored documents (default: 10000 100000).  Documents are generated
# word salad of 150-400 words over a 20,000-word vocabulary; queries are
# reposts of stored documents (a header and a footer added) and texts that
# match nothing.  Latency is per `provtrace match` process, start-up
# included; "base" is `fingerprint --no-store` of the same query, the part
# that is not the lookup.  Not a test: 100k documents take a few minutes.
set -eu

BIN=${1:?usage: bench/match.sh BIN [SIZE...]}
shift
SIZES=${*:-10000 100000}
QUERIES=${QUERIES:-40}
BIN=$(cd "$(dirname "$BIN")" && pwd -P)/$(basename "$BIN")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pt-bench-match.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

gen() {  # gen DIR FIRST LAST: documents FIRST..LAST
	awk -v dir="$1" -v first="$2" -v last="$3" 'BEGIN {
		srand(424242);
		split("ka lo mi ne ru sa ti vo pe da ri go ba lu fe no ze xi", syl, " ");
		for (v = 1; v <= 20000; v++) {
			w = "";
			k = 2 + int(rand() * 3);
			for (j = 0; j < k; j++) w = w syl[1 + int(rand() * 18)];
			vocab[v] = w;
		}
		srand(first);
		for (d = first; d <= last; d++) {
			f = sprintf("%s/d%06d.txt", dir, d);
			words = 150 + int(rand() * 250);
			line = "";
			for (i = 1; i <= words; i++) {
				line = line (line == "" ? "" : " ") vocab[1 + int(rand() * 20000)];
				if (i % 60 == 0) { print line ".\n" > f; line = ""; }
			}
			if (line != "") print line "." > f;
			close(f);
		}
	}'
}

ms_now() { date +%s%N; }
stats() {  # stdin: one number per line -> "median p95"
	sort -n | awk '{ v[NR] = $1 } END {
		m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.999)];
		printf "%.1f %.1f\n", m, p }'
}

DB=$WORK/bench.db
mkdir "$WORK/docs" "$WORK/q"
have=0
printf "%9s %12s %11s %11s %11s %11s %9s\n" docs "build docs/s" "match med" "match p95" "miss med" "base med" "found"
for size in $SIZES; do
	# Add documents have+1..size in batches, one transaction each.
	rm -rf "$WORK/docs"; mkdir "$WORK/docs"
	gen "$WORK/docs" $((have + 1)) "$size"
	t0=$(ms_now)
	(cd "$WORK/docs" && ls | xargs -n 5000 "$BIN" --db "$DB" --quiet fingerprint >/dev/null)
	t1=$(ms_now)
	rate=$(awk -v n=$((size - have)) -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1e9) }')
	have=$size

	# Queries: reposts of stored documents, and unrelated texts.
	rm -f "$WORK"/q/*
	for ((i = 1; i <= QUERIES; i++)); do
		d=$(( (i * 7919) % size + 1 ))
		[ -f "$WORK/docs/$(printf d%06d.txt "$d")" ] || d=$size
		{ echo "Blog of the day"; echo; cat "$WORK/docs/$(printf d%06d.txt "$d")";
		  echo "Let's block ads! (Why?)"; echo; echo "Post a Comment"; } >"$WORK/q/r$i.txt"
		awk -v s="$i" 'BEGIN { srand(s); for (j = 0; j < 250; j++) printf "nomatch%d ", int(rand() * 1e6); print "" }' \
			>"$WORK/q/n$i.txt"
	done
	found=0
	: >"$WORK/hit"; : >"$WORK/miss"; : >"$WORK/base"
	for ((i = 1; i <= QUERIES; i++)); do
		t0=$(ms_now)
		if "$BIN" --db "$DB" --no-store match "$WORK/q/r$i.txt" >/dev/null 2>&1; then
			found=$((found + 1))
		fi
		t1=$(ms_now)
		echo $(( (t1 - t0) / 1000 )) | awk '{ print $1 / 1000 }' >>"$WORK/hit"
		t0=$(ms_now)
		"$BIN" --db "$DB" --no-store match "$WORK/q/n$i.txt" >/dev/null 2>&1 || true
		t1=$(ms_now)
		echo $(( (t1 - t0) / 1000 )) | awk '{ print $1 / 1000 }' >>"$WORK/miss"
		t0=$(ms_now)
		"$BIN" --db "$DB" --no-store fingerprint "$WORK/q/r$i.txt" >/dev/null 2>&1
		t1=$(ms_now)
		echo $(( (t1 - t0) / 1000 )) | awk '{ print $1 / 1000 }' >>"$WORK/base"
	done
	read -r hm hp < <(stats <"$WORK/hit")
	read -r mm _ < <(stats <"$WORK/miss")
	read -r bm _ < <(stats <"$WORK/base")
	printf "%9s %12s %9s ms %8s ms %8s ms %8s ms %5s/%s\n" "$size" "$rate" "$hm" "$hp" "$mm" "$bm" "$found" "$QUERIES"
done
echo "# store: $(du -h "$DB" | cut -f1) for $have documents (text, fingerprints, 64 LSH bands each)"
