#!/usr/bin/env bash
#
# tests/fuzz/run.sh - build and run the libFuzzer targets of provtrace.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]   fuzz each target SECONDS (60)
#   tests/fuzz/run.sh replay [TARGET...]      run the saved reproducers in
#                                             tests/fuzz/crashes/ once
#   tests/fuzz/run.sh slow [MB] [FILTER]      time crafted worst cases
#                                             (tests/fuzz/slow.c) at MB and
#                                             2 MB; SLOW marks super-linear
#
# Everything provtrace parses comes from the web or from users, so each
# parser has a target, tests/fuzz/fuzz_<target>.c (LLVMFuzzerTestOneInput):
#
#   extract_html  extract_html() with charset hints and base URLs
#   extract_text  extract_text()
#   unwrap        unwrap_once() with the built-in rules, every decoder of
#                 unwrap_decode(), unwrap_clean()
#   url           url_normalize(), url_resolve(), url_query_param() & co.
#   rules         rules_add_text() on a user rule file
#   normalize     normalize_text() + fp_compute()
#   compare       compare_texts() on A NUL B (or two halves)
#   redirect      resolve_html_redirect(), resolve_parse_refresh()
#   attribute     attribute_text_kb() and sentence_split()
#
# The library is built with clang into build-fuzz (FUZZ_B overrides) with
# -fsanitize=fuzzer-no-link,address,undefined through the Makefile, each
# target is linked with -fsanitize=fuzzer, and run with a per-input timeout
# of 10 s (FUZZ_TIMEOUT), an RSS limit of 2048 MB and a -max_len suited to
# what it reads.  At most FUZZ_JOBS (2) fuzzers run at once.  Seed corpora
# are made at run time from tests/fixtures, rules/data and the URLs of the
# unit tests into $FUZZ_B/fuzz/corpus/<target>/, which also keeps what
# libFuzzer finds between runs (nothing big is committed).  Crashes, leaks,
# timeouts and OOMs land in $FUZZ_B/fuzz/artifacts/<target>/; minimise one
# with  $FUZZ_B/fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 FILE  and
# keep it as a unit-test regression case (or under tests/fuzz/crashes/).
#
# One summary line per target:  TARGET  ok|FAILED  execs=N  corpus=N  ...
# Exit status 1 when any target found something.

set -u
cd "$(dirname "$0")/../.." || exit 2
B=${FUZZ_B:-build-fuzz}
JOBS=${FUZZ_JOBS:-2}
TIMEOUT=${FUZZ_TIMEOUT:-10}
CC=${FUZZ_CC:-clang}
ALL="extract_html extract_text unwrap url rules normalize compare redirect attribute"

mode=fuzz
secs=60
if [ "${1:-}" = slow ]; then
	# Optimised, without sanitizers: the times are what users see.
	shift
	SB=${FUZZ_B:-build-fuzz}-slow
	PKGS="libcurl openssl sqlite3 gumbo libutf8proc libxxhash libpcre2-8 jansson libpsl zlib libgvc"
	mkdir -p "$SB"
	make --no-print-directory -s B="$SB" -j"$JOBS" "$SB/libprovtrace.a" >"$SB/build.log" 2>&1 &&
	# shellcheck disable=SC2046
	${CC_SLOW:-cc} -std=c11 -O2 -g -D_GNU_SOURCE -I. -Isrc $(pkg-config --cflags $PKGS) \
		-o "$SB/slow" tests/fuzz/slow.c "$SB/libprovtrace.a" \
		$(pkg-config --libs $PKGS) -lm -lpthread || {
		echo "fuzz: cannot build the slow-input driver" >&2
		exit 2
	}
	exec "$SB/slow" "$@"
fi
if [ "${1:-}" = replay ]; then
	mode=replay
	shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
	secs=$1
	shift
fi
targets=${*:-$ALL}

max_len() {
	case $1 in
	extract_html) echo 131072 ;;
	extract_text|compare|redirect) echo 70000 ;;
	normalize|attribute) echo 32768 ;;
	rules) echo 16384 ;;
	unwrap|url) echo 4096 ;;
	*) echo 4096 ;;
	esac
}

# ---- build ------------------------------------------------------------

mkdir -p "$B/fuzz"
make --no-print-directory -s B="$B" CC="$CC" SANITIZE=address,undefined \
	OPT='-O1 -g' CFLAGS=-fsanitize=fuzzer-no-link -j"$JOBS" \
	"$B/libprovtrace.a" >"$B/fuzz/build.log" 2>&1 || {
	cat "$B/fuzz/build.log"
	echo "fuzz: library build failed" >&2
	exit 2
}
PKGS="libcurl openssl sqlite3 gumbo libutf8proc libxxhash libpcre2-8 jansson libpsl zlib libgvc"
# shellcheck disable=SC2046
for t in $targets; do
	src=tests/fuzz/fuzz_$t.c
	[ -f "$src" ] || { echo "fuzz: no target '$t'" >&2; exit 2; }
	mkdir -p "$B/fuzz"
	bin=$B/fuzz/fuzz_$t
	if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ "$B/libprovtrace.a" -nt "$bin" ]; then
		$CC -std=c11 -O1 -g -D_GNU_SOURCE -I. -Isrc \
			-fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
			-fno-sanitize-recover=all \
			$(pkg-config --cflags $PKGS) -o "$bin" "$src" \
			"$B/libprovtrace.a" $(pkg-config --libs $PKGS) -lm -lpthread ||
			{ echo "fuzz: cannot build '$t'" >&2; exit 2; }
	fi
done

# ---- replay -----------------------------------------------------------

if [ $mode = replay ]; then
	rc=0
	for t in $targets; do
		files=$(ls tests/fuzz/crashes/"$t"-* 2>/dev/null)
		if [ -z "$files" ]; then
			printf '%-13s no reproducers\n' "$t"
			continue
		fi
		# shellcheck disable=SC2086
		if "$B/fuzz/fuzz_$t" -timeout="$TIMEOUT" -rss_limit_mb=2048 \
			$files >"$B/fuzz/replay-$t.log" 2>&1; then
			printf '%-13s ok      %s\n' "$t" "$(echo $files | wc -w) inputs"
		else
			printf '%-13s FAILED  see %s\n' "$t" "$B/fuzz/replay-$t.log"
			rc=1
		fi
	done
	exit $rc
fi

# ---- seed corpora -----------------------------------------------------

seed() {        # seed TARGET FILE...: copy files into the corpus
	local dir=$B/fuzz/corpus/$1
	shift
	mkdir -p "$dir"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$f")"
	done
}

seed_lines() {  # seed_lines TARGET: one seed per line of standard input
	local dir=$B/fuzz/corpus/$1 i=0 line
	mkdir -p "$dir"
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s' "$line" >"$dir/seed-line-$i"
	done
}

body_of() {     # body of a fixture .http file (after the blank line)
	sed '1,/^\r\{0,1\}$/d' "$1"
}

urls() {
	grep -ho '"https\?://[^"]*"' tests/unit/test_unwrap.c tests/unit/test_url.c \
		tests/unit/test_resolve.c 2>/dev/null | tr -d '"' | sort -u
}

for t in $targets; do
	mkdir -p "$B/fuzz/corpus/$t" "$B/fuzz/artifacts/$t"
	case $t in
	extract_html)
		seed "$t" tests/fixtures/pages/*.html
		for f in $(grep -l -i '<html' -r tests/fixtures/sites | head -40); do
			body_of "$f" >"$B/fuzz/corpus/$t/seed-site-$(echo "$f" | md5sum | cut -c1-8)"
		done ;;
	extract_text|normalize|attribute)
		seed "$t" tests/fixtures/articles/*.txt tests/fixtures/compare/*.txt \
			tests/fixtures/attrib-eval/*.txt tests/fixtures/pages/*.expected.txt ;;
	compare)
		c=tests/fixtures/compare
		for a in origin repost; do
			for b in repost other unrelated; do
				[ $a = $b ] && continue
				{ cat $c/$a.txt; printf '\0'; cat $c/$b.txt; } \
					>"$B/fuzz/corpus/$t/seed-$a-$b"
			done
		done ;;
	redirect)
		for f in tests/fixtures/sites/*/*.http tests/fixtures/sites/*/*/*.http; do
			[ -f "$f" ] || continue
			body_of "$f" >"$B/fuzz/corpus/$t/seed-$(echo "$f" | md5sum | cut -c1-8)"
		done
		printf '%s\n' "5; URL='/next'" "0;url=x" "0, x" "3" \
			"0; url=\"https://a.example/\"" | seed_lines "$t" ;;
	unwrap)
		urls | seed_lines "$t" ;;
	url)
		{ urls; urls | sed 's|$|\n../x?u=1\&url=y|'; } | seed_lines "$t"
		printf 'https://a.example/b/c?d=e\n//evil.example/%%2e%%2e/x' \
			>"$B/fuzz/corpus/$t/seed-pair" ;;
	rules)
		seed "$t" rules/data/*.rules ;;
	esac
done

# ---- fuzz -------------------------------------------------------------

run_one() {
	local t=$1 log=$B/fuzz/$1.log
	"$B/fuzz/fuzz_$t" -max_total_time="$secs" -max_len="$(max_len "$t")" \
		-timeout="$TIMEOUT" -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$B/fuzz/artifacts/$t/" \
		"$B/fuzz/corpus/$t" >"$log" 2>&1
	echo $? >"$B/fuzz/$t.rc"
}

running=0
for t in $targets; do
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

rc=0
for t in $targets; do
	log=$B/fuzz/$t.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	corpus=$(ls "$B/fuzz/corpus/$t" | wc -l)
	arts=$(ls "$B/fuzz/artifacts/$t" 2>/dev/null | wc -l)
	if [ "$(cat "$B/fuzz/$t.rc")" = 0 ]; then
		status=ok
	else
		status=FAILED
		rc=1
	fi
	printf '%-13s %-6s execs=%s corpus=%s artifacts=%s secs=%s log=%s\n' \
		"$t" "$status" "${execs:-?}" "$corpus" "$arts" "$secs" "$log"
	[ $status = FAILED ] && grep -m3 -E 'ERROR|SUMMARY|Test unit written' "$log" | sed 's/^/    /'
done
exit $rc
