#!/bin/sh
# bench/run.sh BIN - every benchmark, each against a peer in the same run.
# Not part of `make test`: speed is measured here, never asserted in tests.
set -u
BIN=${1:-build/provtrace}
here=$(dirname "$0")
status=0
for b in extract extract-quality fingerprint match attribute attribute-quality; do
	if [ -x "$here/$b.sh" ]; then
		echo "== $b"
		"$here/$b.sh" "$BIN" || status=1
		echo
	fi
done
exit $status
