#!/bin/bash
#
# provtrace extract on bad input: each gives a clear one-line error and
# exit 3, or a bounded result, and never a crash.

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

# One line on stderr, "provtrace: extract: ...", and the exit code.
check_error() {
	local name=$1 code=$2 regex=$3
	shift 3
	pt extract "$@" >out 2>err
	is "$?" "$code" "$name: exit $code"
	like "$(cat err)" "$regex" "$name: message"
	is "$(wc -l <err)" 1 "$name: one line on stderr"
	is "$(wc -c <out)" 0 "$name: nothing on stdout"
}

: >empty.html
check_error "empty file" 3 "^provtrace: extract: 'empty.html' is empty$" empty.html

printf ' \n\t\n' >blank.txt
check_error "white space only" 3 "^provtrace: extract: 'blank.txt' is empty$" blank.txt

head -c 4096 "$PROVTRACE" >binary.html
check_error "binary file" 3 "^provtrace: extract: 'binary.html' is not text or HTML$" binary.html

check_error "missing file" 3 "^provtrace: extract: cannot open 'nope.html': " nope.html

# 50 MB of HTML: refused before it is parsed.
{ echo '<html><body>'; yes '<p>The same paragraph, again and again, to make a big page.</p>' | head -c 50000000; } >big.html
check_error "50 MB page" 3 "^provtrace: extract: 'big.html' is larger than the 16 MiB limit$" big.html
check_error "50 MB on standard input" 3 "^provtrace: extract: '-' is larger than the 16 MiB limit$" - <big.html

# 100,000 nested <div>s: a bounded result, quickly.
{ printf '<html><body>'; for _ in $(seq 1000); do printf '<div>%.0s' $(seq 100); done
  printf '<p>Deep inside, the text, with commas, still counts.</p>'
  for _ in $(seq 1000); do printf '</div>%.0s' $(seq 100); done; printf '</body></html>'; } >deep.html
start=$(date +%s)
pt extract --text-only deep.html >deep.out 2>deep.err
is "$?" 0 "100,000 nested divs: exit 0"
is "$(cat deep.out)" "Deep inside, the text, with commas, still counts." "100,000 nested divs: the text is found"
ok "100,000 nested divs: under 10 seconds" test $(( $(date +%s) - start )) -lt 10

# 100,000 nested inline elements and unclosed formatting tags.
{ printf '<html><body><p>'; for _ in $(seq 1000); do printf '<b><i><span>%.0s' $(seq 34); done; printf 'Bold text.</p>'; } >inline.html
pt extract --text-only inline.html >inline.out
is "$?" 0 "100,000 unclosed inline tags: exit 0"
like "$(cat inline.out)" "Bold text\\." "100,000 unclosed inline tags: the text is found"

# Invalid UTF-8 in a page that declares UTF-8: repaired, not fatal.
printf '<html><head><meta charset="utf-8"></head><body><p>Bad \xff\xfe bytes and a cut \xe2\x80 sequence in a long enough paragraph of text.</p></body></html>' >bad-utf8.html
pt --json extract bad-utf8.html >bad.json
is "$?" 0 "invalid UTF-8: exit 0"
like "$(jq -r .text bad.json)" "Bad �� bytes and a cut � sequence" "invalid UTF-8: replaced with U+FFFD"

# Undeclared legacy bytes: read as windows-1252.
printf '<html><body><p>Caf\xe9 \x93quoted\x94 na\xefve text for the paragraph.</p></body></html>' >legacy.html
like "$(pt extract --text-only legacy.html)" "Café “quoted” naïve" "undeclared non-UTF-8 page read as windows-1252"

# Text with NUL-free control bytes and a lone '<'.
printf 'a < b is true.\n\nSecond.\n' >lt.txt
is "$(pt --json extract lt.txt | jq -r .is_html)" "false" "a stray '<' does not make text HTML"

# Truncated markup and a JSON-LD bomb.
printf '<html><head><script type="application/ld+json">%s</script></head><body><div><p>Text of a page whose markup stops in the middle of a tag <a href="' "$(printf '[%.0s' $(seq 5000))" >cut.html
pt extract --text-only cut.html >cut.out 2>cut.err
is "$?" 0 "truncated markup and deeply nested JSON-LD: exit 0"
is "$(cat cut.err)" "" "truncated markup: no error"

done_testing
