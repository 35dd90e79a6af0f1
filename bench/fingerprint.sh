#!/bin/bash
# bench/fingerprint.sh BIN [MB] - fingerprint throughput on plain text:
# provtrace fingerprint (extraction of .txt, NFKC normalisation, SHA-256,
# SimHash, MinHash, winnowing) against the whole-file fuzzy hashes ssdeep
# and tlsh (Debian: ssdeep, tlsh-tools; installed when run as root) on the
# same generated corpus.  Prints MB/s and the ratios.  Not a test.
set -eu

BIN=${1:?usage: bench/fingerprint.sh BIN [MB]}
MB=${2:-20}
BIN=$(cd "$(dirname "$BIN")" && pwd -P)/$(basename "$BIN")

need() {
	command -v "$1" >/dev/null && return 0
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 || true
	fi
	command -v "$1" >/dev/null || { echo "# $1 missing: apt-get install $2"; return 1; }
}
have_ssdeep=0; have_tlsh=0
need ssdeep ssdeep && have_ssdeep=1
need tlsh tlsh-tools && have_tlsh=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pt-bench-fp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/corpus"

# Articles of about 8 KB: English-like word salad with punctuation, curly
# quotes and some accented words, so normalisation has work to do.
files=$((MB * 1024 / 8))
awk -v n="$files" -v dir="$WORK/corpus" 'BEGIN {
	srand(1);
	split("the of and to in a is that for on was with he as it by at said from " \
	      "his an be has are have but not were which this had they been its " \
	      "Syria Russia ministry forces strikes rebels monitor reported officials " \
	      "caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cquoted\xe2\x80\x9d it\xe2\x80\x99s " \
	      "government northwest ceasefire Idlib Ankara Moscow Damascus", w, " ");
	nw = length(w);
	for (d = 1; d <= n; d++) {
		f = sprintf("%s/a%05d.txt", dir, d);
		out = "";
		for (p = 0; p < 10; p++) {
			para = "";
			for (i = 0; i < 130; i++) {
				x = w[1 + int(rand() * nw)];
				if (rand() < 0.3) x = x int(rand() * 1000);
				para = para (i ? " " : "") x;
				if (i % 17 == 16) para = para ",";
			}
			out = out para ".\n\n";
		}
		printf "%s", out > f;
		close(f);
	}
}'
bytes=$(cat "$WORK"/corpus/* | wc -c)
mbytes=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

secs() {  # run "$@", print wall seconds
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}

cd "$WORK/corpus"
pt_s=$(secs sh -c "ls | xargs -n 2000 '$BIN' --no-store --quiet fingerprint")
echo "corpus: $files articles, $mbytes MB of text"
printf "%-34s %8s %9s %10s\n" tool seconds "MB/s" "vs ssdeep"
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
ss_s=
[ $have_ssdeep = 1 ] && ss_s=$(secs ssdeep -r .)
tl_s=
[ $have_tlsh = 1 ] && tl_s=$(secs tlsh -r .)
ratio() { [ -n "$ss_s" ] && awk -v a="$ss_s" -v b="$1" 'BEGIN { printf "%.2fx", a / b }' || echo "-"; }
printf "%-34s %8s %9s %10s\n" "provtrace fingerprint (all four)" "$pt_s" "$(rate "$pt_s")" "$(ratio "$pt_s")"
[ -n "$ss_s" ] && printf "%-34s %8s %9s %10s\n" "ssdeep -r" "$ss_s" "$(rate "$ss_s")" "1.00x"
[ -n "$tl_s" ] && printf "%-34s %8s %9s %10s\n" "tlsh -r" "$tl_s" "$(rate "$tl_s")" "$(ratio "$tl_s")"
echo "# ratio = ssdeep seconds / tool seconds (above 1: faster than ssdeep)."
echo "# provtrace also extracts, normalises (NFKC + case fold), and computes"
echo "# SHA-256, SimHash, 128 MinHash values and winnowed 5-grams per file."
