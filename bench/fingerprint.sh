#!/bin/bash
# bench/fingerprint.sh BIN [MB] - fingerprint throughput, against the
# whole-file fuzzy hashes ssdeep and tlsh (Debian: ssdeep, tlsh-tools;
# installed when run as root) on the same generated corpus, in the same run.
# Not a test: speed is measured here, never asserted.
#
# The corpus is MB megabytes (default 20) of 8 KB articles, as .txt files
# and the same articles as HTML pages (a nav, a header, the paragraphs, a
# footer).  Rows:
#   provtrace fingerprint, text   extraction of .txt, NFKC normalisation,
#                                 SHA-256, SimHash, 128 MinHash values and
#                                 winnowed 5-grams per file
#   provtrace extract, text       the extraction part of that alone
#   ssdeep -r, tlsh -r            the peers, on the text files
#   provtrace fingerprint, HTML   HTML extraction (gumbo, boilerplate
#                                 removal) included; MB/s of HTML
#   provtrace extract, HTML       the extraction part of that alone
# Each time is the best of BENCH_ROUNDS runs (default 3); the ratio
# columns are the peer's seconds / the row's seconds on the text corpus
# (above 1: faster than the peer; HTML rows are per byte of HTML, so their
# ratios are per MB too).
set -eu

BIN=${1:?usage: bench/fingerprint.sh BIN [MB]}
MB=${2:-20}
ROUNDS=${BENCH_ROUNDS:-3}
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
mkdir "$WORK/corpus" "$WORK/html"

# Articles of about 8 KB: English-like word salad with punctuation, curly
# quotes and some accented words, so normalisation has work to do.
files=$((MB * 1024 / 8))
awk -v n="$files" -v dir="$WORK/corpus" -v hdir="$WORK/html" 'BEGIN {
	srand(1);
	split("the of and to in a is that for on was with he as it by at said from " \
	      "his an be has are have but not were which this had they been its " \
	      "Syria Russia ministry forces strikes rebels monitor reported officials " \
	      "caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cquoted\xe2\x80\x9d it\xe2\x80\x99s " \
	      "government northwest ceasefire Idlib Ankara Moscow Damascus", w, " ");
	nw = length(w);
	for (d = 1; d <= n; d++) {
		f = sprintf("%s/a%05d.txt", dir, d);
		h = sprintf("%s/a%05d.html", hdir, d);
		out = "";
		html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" \
		       "<title>Article " d " | The Daily Bench</title></head><body>" \
		       "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>" \
		       "<article><h1>Article " d "</h1><p class=\"byline\">By A. Writer</p>\n";
		for (p = 0; p < 10; p++) {
			para = "";
			for (i = 0; i < 130; i++) {
				x = w[1 + int(rand() * nw)];
				if (rand() < 0.3) x = x int(rand() * 1000);
				para = para (i ? " " : "") x;
				if (i % 17 == 16) para = para ",";
			}
			out = out para ".\n\n";
			html = html "<p>" para ".</p>\n";
		}
		html = html "</article><footer>Copyright The Daily Bench</footer></body></html>\n";
		printf "%s", out > f;
		close(f);
		printf "%s", html > h;
		close(h);
	}
}'
bytes=$(cat "$WORK"/corpus/* | wc -c)
hbytes=$(cat "$WORK"/html/* | wc -c)

best() {  # run "$@" ROUNDS times, print the best wall seconds
	local t0 t1 b=
	for ((r = 0; r < ROUNDS; r++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		b=$(awk -v a="$t0" -v c="$t1" -v b="$b" 'BEGIN {
			s = (c - a) / 1e9; if (b == "" || s < b) b = s; printf "%.3f", b }')
	done
	echo "$b"
}

# provtrace: batches of 2000 files per process, as a crawler would run it.
cd "$WORK/corpus"
pt_s=$(best sh -c "ls | xargs -n 2000 '$BIN' --no-store --quiet fingerprint")
ex_s=$(best sh -c "ls | xargs -n 2000 '$BIN' --no-store --quiet extract --text-only")
ss_s=; tl_s=
[ $have_ssdeep = 1 ] && ss_s=$(best ssdeep -r .)
[ $have_tlsh = 1 ] && tl_s=$(best tlsh -r .)
cd "$WORK/html"
pth_s=$(best sh -c "ls | xargs -n 2000 '$BIN' --no-store --quiet fingerprint")
exh_s=$(best sh -c "ls | xargs -n 2000 '$BIN' --no-store --quiet extract --text-only")

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
# ratio PEER_SECONDS BYTES SECONDS: how many times the peer's MB/s
ratio() {
	[ -n "$1" ] || { echo "-"; return; }
	awk -v p="$1" -v b="$2" -v s="$3" -v pb="$bytes" \
		'BEGIN { printf "%.2fx", (b / s) / (pb / p) }'
}
row() {  # row NAME BYTES SECONDS
	printf "%-32s %8s %8s %8s %10s %9s\n" "$1" "$(mb "$2")" "$3" "$(rate "$2" "$3")" \
		"$(ratio "$ss_s" "$2" "$3")" "$(ratio "$tl_s" "$2" "$3")"
}

echo "corpus: $files articles: $(mb "$bytes") MB of text, $(mb "$hbytes") MB as HTML; best of $ROUNDS runs"
printf "%-32s %8s %8s %8s %10s %9s\n" tool MB seconds "MB/s" "vs ssdeep" "vs tlsh"
row "provtrace fingerprint, text" "$bytes" "$pt_s"
row "provtrace extract, text" "$bytes" "$ex_s"
[ -n "$ss_s" ] && row "ssdeep -r, text" "$bytes" "$ss_s"
[ -n "$tl_s" ] && row "tlsh -r, text" "$bytes" "$tl_s"
row "provtrace fingerprint, HTML" "$hbytes" "$pth_s"
row "provtrace extract, HTML" "$hbytes" "$exh_s"
echo "# vs X = this row's MB/s / X's MB/s on the text (above 1: faster than X)."
echo "# fingerprint = extract + normalise (NFKC, case fold) + SHA-256 + SimHash"
echo "# + 128 MinHash values + winnowed 5-grams; ssdeep and tlsh hash raw bytes."
