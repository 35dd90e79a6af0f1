#!/bin/sh
# bench/attribute-quality.sh [BIN] - quality of `provtrace attribute`:
# recall and precision per article and in total, against the gold files
# of tests/fixtures/articles (the engine's own fixtures) and
# tests/fixtures/attrib-eval, attrib-eval2 and attrib-eval3 (each written
# blind to the engine, since tuned on: development sets) and, when it is
# there, the blind set tests/fixtures/attrib-eval4, of which only the
# totals are printed (per article results would turn it into a development
# set).  BENCH_NO_BLIND=1 leaves the blind set out.
#
# The matching rule is the gold files' (see their header): a prediction
# matches a row when its claim contains the row's claim_key, or covers
# the sentence that holds it, and its source, canonical or as written,
# equals one of the row's source_names, ignoring case.  Recall counts the
# required rows matched; precision the predictions that match a required
# or optional row; "neg" counts negative rows reported.  The key is looked
# for on its gold line (the k-th occurrence in the raw file is the k-th in
# the extracted text).  Perl with the core JSON::PP only: no python.  The
# C unit test (tests/unit/test_attribute.c) applies the same rule with the
# engine's own sentence splitter and guards the totals.
set -eu

TOP=$(cd "$(dirname "$0")/.." && pwd -P)
BIN=${1:-$TOP/build/provtrace}
[ -x "$BIN" ] || { echo "bench/attribute-quality.sh: '$BIN' is not built (run make)" >&2; exit 2; }
command -v perl >/dev/null || { echo "bench/attribute-quality.sh: perl is needed" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pt-attr-quality.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

score() {
	label=$1
	shift
	totals_only=0
	if [ "$label" = "--totals" ]; then
		totals_only=1
		label=$1
		shift
	fi
	for txt in "$@"; do
		name=$(basename "$txt" .txt)
		"$BIN" --no-store --quiet --json attribute "$txt" >"$WORK/$name.att.json" 2>/dev/null || true
		"$BIN" --no-store --quiet --json extract "$txt" >"$WORK/$name.ext.json" 2>/dev/null || true
	done
	perl -MJSON::PP -e '
		use strict; use warnings; use feature qw(unicode_strings);
		my ($label, $totals_only, $work, @txts) = @ARGV;
		my ($TR, $TQ, $TG, $TP, $TN) = (0, 0, 0, 0, 0);
		sub slurp { my $f = shift; open(my $h, "<:raw", $f) or return ""; local $/; my $s = <$h>; close $h; return defined $s ? $s : ""; }
		sub occ { my ($s, $k, $lim) = @_; my ($n, $p) = (0, 0);
			while (($p = index($s, $k, $p)) >= 0 && $p < $lim) { $n++; $p++; } return $n; }
		printf "%-28s %9s %13s %13s %4s\n", "$label", "", "recall", "precision", "neg";
		for my $txt (@txts) {
			(my $name = $txt) =~ s{.*/}{}; $name =~ s/\.txt$//;
			(my $gold = $txt) =~ s/\.txt$/.gold.tsv/;
			my $raw = slurp($txt);
			my $js = JSON::PP->new->utf8;
			my $att = eval { $js->decode(slurp("$work/$name.att.json")) } || { attributions => [] };
			my $ext = eval { $js->decode(slurp("$work/$name.ext.json")) } || { text => "" };
			my $text = $ext->{text}; utf8::encode($text);
			my @lines = split /\n/, $raw, -1;
			my @rows;
			for my $l (split /\n/, slurp($gold)) {
				next if $l =~ /^#/ || $l =~ /^id\t/ || $l !~ /\S/;
				my @f = split /\t/, $l;
				my @names = split /\|/, $f[3];
				utf8::decode($_) for @names;
				my %r = (id => $f[0], status => $f[1], names => [map { lc } @names],
					 line => $f[6], key => $f[7]);
				# the key on its line: the k-th occurrence in the raw text
				my $off = 0; $off += length($lines[$_]) + 1 for 0 .. $r{line} - 2;
				my $at = index($raw, $r{key}, $off);
				my $k = $at >= 0 ? occ($raw, $r{key}, $at) : 0;
				my $p = -1; for (0 .. $k) { $p = index($text, $r{key}, $p + 1); last if $p < 0; }
				if ($p >= 0) {
					# the sentence around it: from after the last
					# terminator before it to the next one after it
					my $s = $p; while ($s > 0 && substr($text, $s - 1, 1) ne "\n" &&
						!(substr($text, $s - 2 >= 0 ? $s - 2 : 0, 2) =~ /^[.!?]\s$/)) { $s--; }
					my $e = $p + length($r{key});
					while ($e < length($text) && substr($text, $e, 1) ne "\n" &&
						!(substr($text, $e - 1, 2) =~ /^[.!?]\s$/)) { $e++; }
					($r{ss}, $r{se}) = ($s, $e);
				}
				push @rows, \%r;
			}
			my %found; my ($pred, $good, $neg) = (0, 0, 0);
			for my $a (@{$att->{attributions}}) {
				$pred++;
				my $claim = $a->{claim} // ""; utf8::encode($claim);
				my %src = map { lc($_ // "") => 1 } ($a->{source}, $a->{surface});
				my $ok = 0;
				for my $r (@rows) {
					next unless grep { $src{$_} } @{$r->{names}};
					my $m = index($claim, $r->{key}) >= 0 ||
						(defined $r->{ss} && $a->{start} <= $r->{ss} && $a->{end} >= $r->{se});
					next unless $m;
					if ($r->{status} eq "negative") { $neg++; next; }
					$ok = 1; $found{$r->{id}} = 1;
				}
				$good += $ok;
			}
			my @req = grep { $_->{status} eq "required" } @rows;
			my $rec = grep { $found{$_->{id}} } @req;
			printf "%-28s %9s %5d/%-3d %4.2f %5d/%-3d %4.2f %4d\n", $name, "", $rec, scalar @req,
				@req ? $rec / @req : 1, $good, $pred, $pred ? $good / $pred : 1, $neg
				unless $totals_only;
			$TR += $rec; $TQ += @req; $TG += $good; $TP += $pred; $TN += $neg;
		}
		printf "%-28s %9s %5d/%-3d %4.2f %5d/%-3d %4.2f %4d\n\n", "TOTAL", "", $TR, $TQ,
			$TQ ? $TR / $TQ : 1, $TG, $TP, $TP ? $TG / $TP : 1, $TN;
	' "$label" "$totals_only" "$WORK" "$@"
}

score "articles (own fixtures)" "$TOP"/tests/fixtures/articles/*.txt
score "attrib-eval dev (01-12)" "$TOP"/tests/fixtures/attrib-eval/*.txt
if ls "$TOP"/tests/fixtures/attrib-eval2/*.txt >/dev/null 2>&1; then
	score "attrib-eval2 dev (01-12)" "$TOP"/tests/fixtures/attrib-eval2/*.txt
fi
if ls "$TOP"/tests/fixtures/attrib-eval3/*.txt >/dev/null 2>&1; then
	score "attrib-eval3 dev (01-10)" "$TOP"/tests/fixtures/attrib-eval3/*.txt
fi
if ls "$TOP"/tests/fixtures/attrib-eval4/*.txt >/dev/null 2>&1; then
	score "attrib-eval4 dev (01-08)" "$TOP"/tests/fixtures/attrib-eval4/*.txt
fi
if [ -z "${BENCH_NO_BLIND:-}" ] && ls "$TOP"/tests/fixtures/attrib-eval5/*.txt >/dev/null 2>&1; then
	score --totals "attrib-eval5 blind (totals)" "$TOP"/tests/fixtures/attrib-eval5/*.txt
fi
