#!/bin/sh
# bench/attribute.sh BIN [N] - attribution throughput: articles per second.
#
# Builds a corpus of N articles (default 300) from the fixture articles,
# with their sentences shuffled and their names varied so that no two are
# the same, then times `BIN attribute --json` over every one.  The corpus
# lives in a temporary directory; nothing touches the network.
set -eu

BIN=${1:?usage: bench/attribute.sh BIN [N]}
N=${2:-300}
TOP=$(cd "$(dirname "$0")/.." && pwd -P)
ART=$TOP/tests/fixtures/articles
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM

# One article: paragraphs of the fixture articles, in an order that
# depends on i, with one name swapped.
i=0
while [ "$i" -lt "$N" ]; do
	awk -v seed="$i" -v RS= -v ORS='\n\n' '
		{ p[NR] = $0 }
		END {
			srand(seed)
			for (k = 1; k <= 14; k++) {
				t = p[int(rand() * NR) + 1]
				gsub(/Kiper/, "Kiper" seed % 7, t)
				print t
			}
		}' "$ART/seed.txt" "$ART/wire.txt" "$ART/local.txt" "$ART/release.txt" \
		>"$WORK/a$i.txt"
	i=$((i + 1))
done
bytes=$(cat "$WORK"/a*.txt | wc -c)

start=$(date +%s.%N)
i=0
found=0
while [ "$i" -lt "$N" ]; do
	n=$("$BIN" --no-store attribute --json "$WORK/a$i.txt" | grep -o '"cue"' | wc -l) || true
	found=$((found + n))
	i=$((i + 1))
done
end=$(date +%s.%N)

awk -v n="$N" -v s="$start" -v e="$end" -v b="$bytes" -v f="$found" 'BEGIN {
	t = e - s
	printf "attribute: %d articles (%.1f KiB each on average), %d attributions\n", n, b / n / 1024, f
	printf "attribute: one process per article: %.2f s, %.1f articles/s (start-up and rules loading included)\n", t, n / t
}'

# The engine alone: every article in one input, one process.
cat "$WORK"/a*.txt >"$WORK/all.txt"
start=$(date +%s.%N)
"$BIN" --no-store attribute --json "$WORK/all.txt" >/dev/null || true
end=$(date +%s.%N)
awk -v n="$N" -v s="$start" -v e="$end" -v b="$bytes" 'BEGIN {
	t = e - s
	printf "attribute: one process for all: %.3f s, %.0f articles/s, %.2f MB/s\n", t, n / t, b / t / 1e6
}'
