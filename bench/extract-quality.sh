#!/bin/bash
# bench/extract-quality.sh [--provtrace-only] [BIN [CORPUS]] - main-text
# quality of `provtrace extract --text-only` against gold texts, side by
# side with Readability.js (@mozilla/readability 0.6.0 on jsdom 27.0.0,
# installed into bench/node_modules on first use) on the same pages.
#
# CORPUS (default tests/fixtures/extract-eval) holds NAME.html pages and
# their gold main text NAME.gold.txt.  The metric is FACTS.md's: precision,
# recall and F1 of token 4-gram shingles (bench/extract/shingle-f1.pl),
# per page and averaged over pages.  --provtrace-only skips the peer (no
# node needed; tests/t/t2010-extract-quality.t uses it).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
peer=1
if [ "${1:-}" = --provtrace-only ]; then
	peer=0
	shift
fi
bin=${1:-$here/../build/provtrace}
corpus=${2:-$here/../tests/fixtures/extract-eval}
[ -x "$bin" ] || { echo "bench/extract-quality.sh: '$bin' is not built (run make)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench/extract-quality.sh: no corpus '$corpus'" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pt-bench-quality.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/provtrace" "$work/readability"

pages=()
for gold in "$corpus"/*.gold.txt; do
	name=$(basename "$gold" .gold.txt)
	[ -f "$corpus/$name.html" ] || continue
	pages+=("$corpus/$name.html")
	"$bin" --no-store --quiet extract --text-only "$corpus/$name.html" \
		>"$work/provtrace/$name.txt" 2>"$work/provtrace/$name.err" || true
done

cols=("provtrace=$work/provtrace")
if [ "$peer" = 1 ]; then
	if command -v node >/dev/null && command -v npm >/dev/null; then
		if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
			echo "installing @mozilla/readability@0.6.0 and jsdom@27.0.0 into bench/node_modules" >&2
			npm install --prefix "$here" --no-save --no-audit --no-fund \
				@mozilla/readability@0.6.0 jsdom@27.0.0 >&2
		fi
		(cd "$here" && node extract/readability.mjs --text "$work/readability" "${pages[@]}") >/dev/null
		cols+=("readability.js=$work/readability")
	else
		echo "(node/npm not available: Readability.js not run)" >&2
	fi
fi
echo "main-text quality: ${#pages[@]} pages in $corpus; token 4-gram shingles"
perl "$here/extract/shingle-f1.pl" "$corpus" "${cols[@]}"
