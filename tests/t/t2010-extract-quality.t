#!/bin/bash
#
# Main-text quality of provtrace extract on the evaluation corpus
# (tests/fixtures/extract-eval: pages in the markup of WordPress, Arc XP,
# BBC, Guardian, NYT, wire services, Medium, Substack, Blogger, Ghost,
# Drupal, BLOX, AMP and older layouts, each with its gold main text),
# scored by bench/extract-quality.sh: F1 of token 4-gram shingles, the
# metric on which Readability.js reaches about 0.95.  A regression guard:
# the mean must stay at 0.93 or more and no page may fall under 0.80.

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v perl >/dev/null || skip_all "perl is not installed"

CORPUS=$FIXTURES/extract-eval
SCORER=$TOP/bench/extract/shingle-f1.pl

# --- the scorer itself ------------------------------------------------------

mkdir -p sc/gold sc/same sc/half sc/none
printf 'One two three four five six seven eight.\n' >sc/gold/a.gold.txt
printf 'one, TWO three\n\nfour five six seven eight\n' >sc/same/a.txt
printf 'One two three four five. Cookie banner text here\n' >sc/half/a.txt
perl "$SCORER" sc/gold same=sc/same half=sc/half none=sc/none >sc.out
like "$(grep '^a ' sc.out)" '^a +1\.000 1\.000 1\.000 +0\.333 0\.400 0\.364 +0\.000 0\.000 0\.000' \
	"scorer: case, punctuation and breaks do not count; extra and missing shingles do"

# --- provtrace on the corpus ------------------------------------------------

"$TOP/bench/extract-quality.sh" --provtrace-only "$PROVTRACE" "$CORPUS" >quality.out 2>quality.err
is "$?" 0 "the scorer runs"
diag "$(cat quality.out)"
pages=$(awk 'NR > 2 && $1 != "mean" { n++ } END { print n + 0 }' quality.out)
ok "at least 20 pages scored ($pages)" test "$pages" -ge 20
while read -r page p r f1; do
	ok "$page: F1 $f1 >= 0.80 (P $p, R $r)" awk -v f="$f1" 'BEGIN { exit !(f >= 0.80) }'
done < <(awk 'NR > 2 && $1 != "mean"' quality.out)
read -r _ p r f1 < <(grep '^mean ' quality.out)
ok "mean F1 $f1 >= 0.93 (P $p, R $r)" awk -v f="$f1" 'BEGIN { exit !(f >= 0.93) }'

done_testing
