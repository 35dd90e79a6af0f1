#!/bin/bash
# bench/extract.sh [BIN] - extraction throughput of `provtrace extract --json`
# against Readability.js (@mozilla/readability 0.6.0 on jsdom 27.0.0, the
# versions of the extraction benchmark; newer jsdom crashes on some pages)
# on the same pages in the same run.  Prints MB of HTML per second and the
# ratio.  Not a test: `make bench` or by hand; needs node and npm (the peer
# is installed into bench/node_modules on first use).
#
#   BENCH_PAGES=N   generated pages besides the fixture pages (default 60)
#   BENCH_ROUNDS=N  runs of each tool; the best is kept (default 3)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/provtrace}
n=${BENCH_PAGES:-60}
rounds=${BENCH_ROUNDS:-3}
[ -x "$bin" ] || { echo "bench/extract.sh: '$bin' is not built (run make)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pt-bench-extract.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$here/extract/make-pages.sh" "$work/pages" "$n"
files=("$work"/pages/*.html)
bytes=$(cat "${files[@]}" | wc -c)

best() { sort -g | head -1; }

# provtrace: one process over every page, as a batch would run it.
pt_times=()
for ((r = 0; r < rounds; r++)); do
	start=$(date +%s.%N)
	"$bin" --json --no-store extract "${files[@]}" >"$work/pt.jsonl"
	end=$(date +%s.%N)
	pt_times+=("$(echo "$end - $start" | bc -l)")
done
pt_s=$(printf '%s\n' "${pt_times[@]}" | best)
pt_pages=$(wc -l <"$work/pt.jsonl")

have_peer=0
if command -v node >/dev/null && command -v npm >/dev/null; then
	if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
		echo "installing @mozilla/readability@0.6.0 and jsdom@27.0.0 into bench/node_modules" >&2
		npm install --prefix "$here" --no-save --no-audit --no-fund \
			@mozilla/readability@0.6.0 jsdom@27.0.0 >&2 && have_peer=1
	else
		have_peer=1
	fi
fi
if [ "$have_peer" = 1 ]; then
	rd_times=()
	for ((r = 0; r < rounds; r++)); do
		out=$(cd "$here" && node extract/readability.mjs "${files[@]}")
		rd_times+=("$(echo "$out" | sed 's/.*"seconds":\([0-9.e-]*\).*/\1/')")
	done
	rd_s=$(printf '%s\n' "${rd_times[@]}" | best)
fi

mb=$(echo "$bytes / 1048576" | bc -l)
printf '\nextraction: %d pages, %.2f MB of HTML, best of %d runs\n\n' "${#files[@]}" "$mb" "$rounds"
printf '%-28s %8s %10s %10s\n' tool seconds "MB/s" ratio
pt_rate=$(echo "$mb / $pt_s" | bc -l)
printf '%-28s %8.3f %10.2f %10s\n' "provtrace extract --json" "$pt_s" "$pt_rate" "1.00"
if [ "$have_peer" = 1 ]; then
	rd_rate=$(echo "$mb / $rd_s" | bc -l)
	printf '%-28s %8.3f %10.2f %10.2f\n' "readability 0.6.0 + jsdom" "$rd_s" "$rd_rate" \
		"$(echo "$rd_rate / $pt_rate" | bc -l)"
	printf '\nprovtrace is %.1fx the throughput of Readability.js\n' "$(echo "$pt_rate / $rd_rate" | bc -l)"
else
	echo "(node/npm not available: Readability.js not run)"
fi
[ "$pt_pages" -eq "${#files[@]}" ] || echo "warning: provtrace printed $pt_pages results for ${#files[@]} pages" >&2
