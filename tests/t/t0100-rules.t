#!/bin/bash
# provtrace rules check|list: built-in rules are valid; user rules extend and
# override them; problems are reported as FILE:LINE: message with exit 3.
. "$(dirname "$0")/../lib.sh"

out=$(pt rules check); rc=$?
is "$rc" 0 "the built-in rules are valid"
like "$out" "^[0-9]+ rules ok" "check says how many rules"

mkdir good bad
cat >good/mine.rules <<'R'
# a shortener of our own, and a replacement for a built-in one
shortener host=sho.rt name="Our shortener" role=shortener
shortener host=ift.tt name="IFTTT (ours)" role=feed
R
out=$(pt rules check good); rc=$?
is "$rc" 0 "a valid user directory passes"
out=$(pt --rules good rules list shortener); rc=$?
is "$rc" 0 "list with --rules"
like "$out" "sho\.rt .*good/mine\.rules:2" "a user rule is listed with its file and line"
like "$out" "ift\.tt .*good/mine\.rules:3" "a user rule overrides the built-in one"
is "$(pt --rules good rules list shortener | grep -c '^shortener  *ift\.tt ')" 1 "the override replaces, not adds"

out=$(PROVTRACE_RULES=good "$PROVTRACE" --db "$WORK/p.db" rules list shortener); rc=$?
like "$out" "sho\.rt" "PROVTRACE_RULES is read"

cat >bad/broken.rules <<'R'
shortener name=NoHost
wrapper id=x name=X host=example.com decode=param:u path="(["
frobnicator a=b
source id=s name="S" type=unknown-type
R
pt rules check bad >out 2>err; rc=$?
is "$rc" 3 "invalid rules exit 3"
like "$(sed -n 1p err)" "^provtrace: rules: .*bad/broken\.rules:1: 'shortener' needs 'host'$" "missing key reported with file and line"
like "$(sed -n 2p err)" "bad/broken\.rules:2: bad regular expression in 'path'" "bad regex reported"
like "$(sed -n 3p err)" "bad/broken\.rules:3: unknown record type 'frobnicator'" "unknown type reported"
like "$(sed -n 4p err)" "bad/broken\.rules:4: 'type' must be one of" "bad enum reported"
is "$(wc -l <err)" 4 "one line per problem"
is "$(cat out)" "" "nothing on stdout when invalid"

mkdir typo
echo 'wrapper id=t name=T host=t.example decode=parm:u' >typo/t.rules
pt rules check typo 2>err; rc=$?
is "$rc" 3 "a wrapper naming an unknown decoder is invalid"
like "$(cat err)" "typo/t\.rules:1: unknown decoder 'parm:u'" "the unknown decoder is reported with file and line"

pt rules check /nonexistent/dir 2>err; rc=$?
is "$rc" 3 "a missing rules directory exits 3"
like "$(cat err)" "cannot open rules directory '/nonexistent/dir'" "and says so"

pt rules list --json shortener >out; rc=$?
is "$rc" 0 "list --json"
if command -v jq >/dev/null; then
	is "$(jq -r 'select(.key=="ift.tt") | .type' out)" "shortener" "JSON lines carry type and key"
else
	skip "jq not installed"
fi
pt rules list nosuchtype 2>err; rc=$?
is "$rc" 1 "listing an unknown type finds nothing"
pt rules frob 2>err; rc=$?
is "$rc" 2 "an unknown rules subcommand is a usage error"
[ ! -e "$WORK/provtrace.db" ]; ok "rules never creates the store" test $? -eq 0

done_testing
