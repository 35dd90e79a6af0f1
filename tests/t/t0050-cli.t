#!/bin/bash
# The command line itself: help, version, usage errors and their exit codes.
. "$(dirname "$0")/../lib.sh"

out=$("$PROVTRACE" --help 2>&1); rc=$?
is "$rc" 0 "--help exits 0"
like "$out" "resolve +follow links" "--help lists the commands"
like "$out" "--allow-private" "--help lists the global options"

"$PROVTRACE" >out 2>err; rc=$?
is "$rc" 2 "no command is a usage error"
like "$(cat err)" "usage: provtrace" "no command prints the usage"

"$PROVTRACE" frobnicate 2>err; rc=$?
is "$rc" 2 "an unknown command exits 2"
is "$(cat err)" "provtrace: 'frobnicate' is not a command; see 'provtrace --help'" "one-line error for an unknown command"

"$PROVTRACE" rules --frob 2>err; rc=$?
is "$rc" 2 "an unknown option exits 2"
like "$(head -n1 err)" "^provtrace: rules: unknown option '--frob'$" "the unknown option is named"

"$PROVTRACE" --timeout abc rules check 2>err; rc=$?
is "$rc" 2 "a bad --timeout exits 2"
like "$(cat err)" "--timeout takes seconds" "the bad --timeout is explained"

"$PROVTRACE" --max-hops 0 rules check 2>err; rc=$?
is "$rc" 2 "--max-hops 0 exits 2"

"$PROVTRACE" rules check --db 2>err; rc=$?
is "$rc" 2 "a global option without its value exits 2"

for c in resolve extract fingerprint compare match attribute rules; do
	out=$("$PROVTRACE" "$c" --help 2>&1); rc=$?
	is "$rc" 0 "$c --help exits 0"
	like "$out" "usage: provtrace $c" "$c --help shows its usage"
done

out=$("$PROVTRACE" help rules); rc=$?
is "$rc" 0 "help COMMAND exits 0"
like "$out" "usage: provtrace rules" "help COMMAND shows the command's help"

like "$("$PROVTRACE" --version)" "^provtrace [0-9]+\.[0-9]+\.[0-9]+" "--version"

done_testing
