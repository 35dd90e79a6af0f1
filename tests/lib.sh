# shellcheck shell=bash
# tests/lib.sh — the library every end-to-end test sources.
#
# An end-to-end test is a bash script tests/t/tNNNN-name.t, run by prove from
# the repository root, that drives the real provtrace binary and prints TAP:
#
#   #!/bin/bash
#   . "$(dirname "$0")/../lib.sh"
#   fixture_start                       # only if it needs the network
#   ok "resolve succeeds" pt resolve "${NET[@]}" http://ift.tt/abc
#   pt resolve "${NET[@]}" http://ift.tt/abc >out
#   like "$(cat out)" 'https://www\.newsweek\.com/' "ift.tt leads to newsweek"
#   done_testing
#
# Sourcing this file sets `set -u`, moves into a fresh work directory (removed
# at exit; kept with PT_KEEP=1) and cleans the environment so that nothing
# outside the repository changes a result: no proxies, no user configuration,
# a fixed locale and time zone.  Tests never reach the internet: fixture_start
# runs build/tests/fixtured on random loopback ports and NET holds the options
# that point provtrace at it.
#
# TAP helpers: plan N, ok NAME CMD..., is GOT EXPECTED NAME, isnt, like GOT
# REGEX NAME, unlike, is_file EXPECTED-FILE GOT-FILE NAME, skip REASON [N],
# skip_all REASON, diag MSG, note MSG, bail_out REASON, done_testing.
# Command wrappers for ok: must_fail CMD..., exit_is CODE CMD...
# Fixtures: fixture_start [SITES_DIR], fixture_stop, fixture_log_reset.
# provtrace: pt ARGS...
#
# Do not set an EXIT trap in a test: this library's trap stops the server and
# removes the work directory.

set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PROVTRACE=${PROVTRACE:-$TOP/build/provtrace}
# Overridable like PROVTRACE, so a sanitizer build of the server can be
# tried without touching build/.
FIXTURED=${FIXTURED:-$TOP/build/tests/fixtured}
FIXTURES=$TOP/tests/fixtures
TEST_NAME=$(basename "$0" .t)

# A proxy from the environment would carry test requests to the real network
# instead of the fixture server; user settings would change results.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
	NO_PROXY no_proxy CURL_HOME CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR \
	PROVTRACE_DB PROVTRACE_RULES
export LC_ALL=C.UTF-8 TZ=UTC

# TAP goes to the script's own stdout and stderr even from inside a
# redirection (ok captures its command's output; a bail_out from pt inside
# ok must still reach prove).
exec {_tap_out}>&1 {_tap_err}>&2

_tap_n=0
_tap_failed=0
_tap_planned=
_tap_finished=0
FIXTURED_PID=
_fixture_failed=0
HTTP_PORT=
HTTPS_PORT=
TEST_CA=
FIXTURE_LOG=
NET=()

if ! WORK=$(mktemp -d "${TMPDIR:-/tmp}/provtrace-$TEST_NAME.XXXXXX"); then
	echo "Bail out! cannot create a work directory"
	exit 255
fi
export WORK
# Programs that read ~ (curl's .curlrc, anything under ~/.config) see an
# empty home.
export HOME=$WORK
mkdir "$WORK/.tap" || exit 255
cd "$WORK" || exit 255

# ------------------------------------------------------------------------
# TAP
# ------------------------------------------------------------------------

# Prints each argument, line by line, as TAP comments on stderr, where prove
# shows them even without -v.  Empty arguments print nothing.
diag() {
	local arg line
	for arg; do
		[ -n "$arg" ] || continue
		while IFS= read -r line || [ -n "$line" ]; do
			printf '# %s\n' "$line" >&"$_tap_err"
		done <<<"$arg"
	done
}

# The same on stdout: shown by prove -v only.
note() {
	local arg line
	for arg; do
		[ -n "$arg" ] || continue
		while IFS= read -r line || [ -n "$line" ]; do
			printf '# %s\n' "$line" >&"$_tap_out"
		done <<<"$arg"
	done
}

_diag_file() {
	local line n=0
	while IFS= read -r line || [ -n "$line" ]; do
		if ((++n > 200)); then
			printf '#   ... (cut; see %s)\n' "$1" >&"$_tap_err"
			break
		fi
		printf '#   %s\n' "$line" >&"$_tap_err"
	done <"$1"
}

plan() {
	_tap_planned=$1
	echo "1..$1" >&"$_tap_out"
}

# _tap_result STATUS NAME: one test line.  Returns STATUS (0 or 1) so callers
# can add diagnostics on failure.
_tap_result() {
	local name=${2//$'\n'/ } where line _ file
	# '#' would start a TAP directive: "ok 3 - a # b" reads as a skip.
	name=${name//#/\\#}
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $name" >&"$_tap_out"
		return 0
	fi
	echo "not ok $_tap_n - $name" >&"$_tap_out"
	_tap_failed=$((_tap_failed + 1))
	# caller 1 is the line of the test script that called is/ok/like...
	where=$(caller 1) || where=
	read -r line _ file <<<"$where"
	diag "  Failed test '$name'" "${file:+  at ${file##*/} line $line}"
	return 1
}

# ok NAME CMD...: passes when CMD exits 0.  CMD's output is kept and shown
# only on failure, so it cannot be mistaken for TAP.
ok() {
	local name=$1 status out=$WORK/.tap/output
	shift
	if [ $# -eq 0 ]; then
		bail_out "ok '$name': no command given"
	fi
	"$@" >"$out" 2>&1
	status=$?
	if ! _tap_result "$status" "$name"; then
		diag "  command: $*" "  exit status: $status"
		[ -s "$out" ] && _diag_file "$out"
	fi
	return 0
}

# must_fail CMD...: succeeds when CMD fails without being killed by a
# signal (a crash is not the failure a test asks for).
must_fail() {
	local status
	"$@"
	status=$?
	if [ "$status" -eq 0 ]; then
		echo "must_fail: '$*' succeeded" >&2
		return 1
	fi
	if [ "$status" -gt 128 ] && [ "$status" -le 192 ]; then
		echo "must_fail: '$*' died of signal $((status - 128))" >&2
		return 1
	fi
	return 0
}

# exit_is CODE CMD...: succeeds when CMD exits with CODE.
exit_is() {
	local want=$1 status
	shift
	"$@"
	status=$?
	if [ "$status" -ne "$want" ]; then
		echo "exit_is: '$*' exited $status, expected $want" >&2
		return 1
	fi
	return 0
}

is() {
	if [ "$1" == "$2" ]; then
		_tap_result 0 "${3-}"
	else
		_tap_result 1 "${3-}"
		diag "       got: '$1'" "  expected: '$2'"
	fi
	return 0
}

isnt() {
	if [ "$1" != "$2" ]; then
		_tap_result 0 "${3-}"
	else
		_tap_result 1 "${3-}"
		diag "       got: '$1'" "  expected anything else"
	fi
	return 0
}

# like GOT REGEX NAME: bash's =~, a POSIX extended regular expression
# matched anywhere in GOT; '.' matches a newline, ^ and $ anchor the whole
# string.
like() {
	local status
	[[ $1 =~ $2 ]]
	status=$?
	if [ "$status" -eq 0 ]; then
		_tap_result 0 "${3-}"
		return 0
	fi
	_tap_result 1 "${3-}"
	if [ "$status" -eq 2 ]; then
		diag "  bad regular expression '$2'"
	else
		diag "  '$1'" "    doesn't match '$2'"
	fi
	return 0
}

unlike() {
	local status
	[[ $1 =~ $2 ]]
	status=$?
	if [ "$status" -eq 1 ]; then
		_tap_result 0 "${3-}"
		return 0
	fi
	_tap_result 1 "${3-}"
	if [ "$status" -eq 2 ]; then
		diag "  bad regular expression '$2'"
	else
		diag "  '$1'" "    matches '$2'"
	fi
	return 0
}

# is_file EXPECTED-FILE GOT-FILE NAME: byte-for-byte, showing diff -u on
# failure so the failure says what changed.
is_file() {
	local diff=$WORK/.tap/diff
	if [ ! -f "$1" ]; then
		_tap_result 1 "${3-}"
		diag "  expected file '$1' does not exist"
	elif [ ! -f "$2" ]; then
		_tap_result 1 "${3-}"
		diag "  file '$2' does not exist"
	elif cmp -s -- "$1" "$2"; then
		_tap_result 0 "${3-}"
	else
		_tap_result 1 "${3-}"
		diff -u -- "$1" "$2" >"$diff" 2>&1
		_diag_file "$diff"
	fi
	return 0
}

# skip REASON [N]: counts N (default 1) tests as skipped.
skip() {
	local i
	for ((i = 0; i < ${2:-1}; i++)); do
		_tap_n=$((_tap_n + 1))
		echo "ok $_tap_n # skip ${1//#/\\#}" >&"$_tap_out"
	done
}

skip_all() {
	echo "1..0 # SKIP $*" >&"$_tap_out"
	_tap_finished=1
	exit 0
}

bail_out() {
	echo "Bail out! $*" >&"$_tap_out"
	_tap_finished=1
	exit 255
}

done_testing() {
	_tap_finished=1
	if [ -z "$_tap_planned" ]; then
		echo "1..$_tap_n" >&"$_tap_out"
	elif [ "$_tap_planned" -ne "$_tap_n" ]; then
		diag "planned $_tap_planned tests but ran $_tap_n"
		exit 255
	fi
	if [ "$_tap_failed" -gt 0 ]; then
		diag "failed $_tap_failed of $_tap_n tests"
		exit $((_tap_failed > 254 ? 254 : _tap_failed))
	fi
	exit 0
}

# ------------------------------------------------------------------------
# The fixture server
# ------------------------------------------------------------------------

# Whether process $1 has ended (a zombie still answers kill -0).
_pid_exited() {
	local stat
	kill -0 "$1" 2>/dev/null || return 0
	read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
	stat=${stat##*) }
	[ "${stat%% *}" = Z ]
}

# _fixture_certs SITES_DIR: a throwaway CA and a server certificate for every
# host folder, in $WORK/tls.  EC P-256 keys take milliseconds, RSA does not.
_fixture_certs() {
	local dir=$WORK/tls dir_entry name san="DNS:localhost,IP:127.0.0.1"

	mkdir -p "$dir" || return 1
	for dir_entry in "$1"/*/; do
		name=${dir_entry%/}
		name=${name##*/}
		case $name in
		'' | .* | *[!a-z0-9.-]* | localhost | 127.0.0.1) continue ;;
		esac
		if [[ $name =~ ^[0-9.]+$ ]]; then
			san+=",IP:$name"
		else
			san+=",DNS:$name"
		fi
	done
	# Our own configuration, so the system's openssl.cnf cannot add or
	# clash with extensions.
	cat >"$dir/openssl.cnf" <<-EOF || return 1
		[req]
		distinguished_name = dn
		prompt = no
		[dn]
		CN = provtrace test
		[ca_ext]
		basicConstraints = critical,CA:TRUE
		keyUsage = critical,keyCertSign,cRLSign
		subjectKeyIdentifier = hash
		[server_ext]
		basicConstraints = critical,CA:FALSE
		keyUsage = critical,digitalSignature
		extendedKeyUsage = serverAuth
		subjectKeyIdentifier = hash
		authorityKeyIdentifier = keyid
		subjectAltName = $san
	EOF
	openssl req -config "$dir/openssl.cnf" -x509 -newkey ec \
		-pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
		-subj "/CN=provtrace test CA" -extensions ca_ext \
		-keyout "$dir/ca.key" -out "$dir/ca.pem" &&
		openssl req -config "$dir/openssl.cnf" -new -newkey ec \
			-pkeyopt ec_paramgen_curve:P-256 -nodes \
			-subj "/CN=localhost" \
			-keyout "$dir/server.key" -out "$dir/server.csr" &&
		openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" \
			-CAkey "$dir/ca.key" -set_serial 2 -days 2 \
			-extfile "$dir/openssl.cnf" -extensions server_ext \
			-out "$dir/server.pem"
}

# fixture_start [SITES_DIR]: starts fixtured on SITES_DIR (default
# $FIXTURES/sites) and sets HTTP_PORT, HTTPS_PORT, TEST_CA, FIXTURE_LOG and
# NET.  Bails out when the server cannot start: every later test would fail
# for that one reason.  Call it in the test's own shell, not in $(...) or a
# pipeline: the server stops when the shell that started it exits.
fixture_start() {
	local sites=${1:-$FIXTURES/sites} ports=$WORK/fixtured.ports
	local parent=$BASHPID i key value

	if ! fixture_stop 2>"$WORK/.tap/stop"; then
		_diag_file "$WORK/.tap/stop"
		_fixture_failed=1
	fi
	if ! sites=$(cd "$sites" 2>/dev/null && pwd -P); then
		bail_out "fixture_start: '${1:-$FIXTURES/sites}' is not a directory"
	fi
	[ -x "$FIXTURED" ] || bail_out "fixture_start: '$FIXTURED' is not built (run make)"
	command -v openssl >/dev/null || bail_out "fixture_start: openssl is not installed"
	if ! _fixture_certs "$sites" >"$WORK/tls.log" 2>&1; then
		_diag_file "$WORK/tls.log"
		bail_out "fixture_start: cannot make the test certificates"
	fi
	TEST_CA=$WORK/tls/ca.pem
	FIXTURE_LOG=$WORK/fixtured.log
	rm -f "$ports"
	: >"$FIXTURE_LOG"
	"$FIXTURED" --root "$sites" --port-file "$ports" \
		--cert "$WORK/tls/server.pem" --key "$WORK/tls/server.key" \
		--log "$FIXTURE_LOG" --parent "$parent" \
		>"$WORK/fixtured.err" 2>&1 {_tap_out}>&- {_tap_err}>&- &
	FIXTURED_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -s "$ports" ] && break
		_pid_exited "$FIXTURED_PID" && break
		sleep 0.05
	done
	HTTP_PORT=
	HTTPS_PORT=
	if [ -s "$ports" ]; then
		while IFS='=' read -r key value; do
			case $key in
			http) HTTP_PORT=$value ;;
			https) HTTPS_PORT=$value ;;
			esac
		done <"$ports"
	fi
	if [ -z "$HTTP_PORT" ] || [ -z "$HTTPS_PORT" ]; then
		[ -s "$WORK/fixtured.err" ] && _diag_file "$WORK/fixtured.err"
		fixture_stop >/dev/null 2>&1
		bail_out "fixture_start: fixtured did not start on '$sites'"
	fi
	export HTTP_PORT HTTPS_PORT TEST_CA FIXTURE_LOG
	# shellcheck disable=SC2034 # for the tests: pt resolve "${NET[@]}" URL
	NET=(--connect-to ":80:127.0.0.1:$HTTP_PORT"
		--connect-to ":443:127.0.0.1:$HTTPS_PORT"
		--cacert "$TEST_CA" --allow-private)
}

# fixture_stop: stops the server (also done at exit).  Fails, printing the
# server's stderr, when the server did not exit cleanly or a sanitizer
# reported something: a server bug must not hide behind passing tests.
fixture_stop() {
	local pid=$FIXTURED_PID status i
	[ -n "$pid" ] || return 0
	FIXTURED_PID=
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		_pid_exited "$pid" && break
		sleep 0.05
	done
	if ! _pid_exited "$pid"; then
		echo "fixture_stop: fixtured ($pid) ignored SIGTERM for 5 s, killing it" >&2
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	status=$?
	if [ "$status" -ne 0 ] ||
		grep -qE 'ERROR: [A-Za-z]+Sanitizer|WARNING: ThreadSanitizer|runtime error:' "$WORK/fixtured.err" 2>/dev/null; then
		echo "fixture_stop: fixtured exited with status $status" >&2
		sed 's/^/fixtured: /' "$WORK/fixtured.err" >&2
		return 1
	fi
	return 0
}

# fixture_log_reset: empties the request log, so that a test can look at
# only the requests it made.  The server appends, so it writes from the top.
fixture_log_reset() {
	: >"$FIXTURE_LOG"
}

# ------------------------------------------------------------------------
# provtrace
# ------------------------------------------------------------------------

# pt ARGS...: the binary with this test's own store.
pt() {
	[ -x "$PROVTRACE" ] || bail_out "'$PROVTRACE' is not built (run make)"
	"$PROVTRACE" --db "$WORK/provtrace.db" "$@"
}

# ------------------------------------------------------------------------
# Exit
# ------------------------------------------------------------------------

_tap_exit() {
	local status=$? out=$WORK/.tap/stop
	trap - EXIT
	if ! fixture_stop 2>"$out"; then
		_diag_file "$out"
		_fixture_failed=1
	fi
	[ "$_fixture_failed" -eq 1 ] && [ "$status" -eq 0 ] && status=1
	if [ "$_tap_finished" -eq 0 ]; then
		diag "$TEST_NAME exited with status $status before done_testing"
		[ "$status" -eq 0 ] && status=255
	fi
	cd / || true
	if [ "${PT_KEEP:-0}" = 1 ]; then
		diag "work directory kept: $WORK"
	else
		rm -rf -- "$WORK"
	fi
	exit "$status"
}
trap _tap_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
