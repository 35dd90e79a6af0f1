#!/usr/bin/perl
# shingle-f1.pl CORPUS LABEL=DIR... - body-text quality of extractors
# against gold texts, the metric of the Zyte article-extraction benchmark
# (FACTS.md): the text is lower-cased and split into word tokens (\w+,
# Unicode), shingled into token 4-grams, and the bags of shingles of the
# extracted text and of the gold compared: precision = shared / extracted,
# recall = shared / gold, F1 their harmonic mean.  A text shorter than
# four tokens is one shingle.
#
# For every CORPUS/NAME.gold.txt, reads DIR/NAME.txt of each LABEL=DIR
# (missing = empty) and prints one row per page, then the mean of each
# column (macro average, every page weighs the same).
use strict;
use warnings;

my $n = 4;
my ($corpus, @cols) = @ARGV;
die "usage: shingle-f1.pl CORPUS LABEL=DIR...\n" unless defined $corpus && @cols;
my @labels = map { (split /=/, $_, 2)[0] } @cols;
my @dirs = map { (split /=/, $_, 2)[1] } @cols;

sub slurp {
	my ($path) = @_;
	open(my $fh, '<:encoding(UTF-8)', $path) or return '';
	local $/;
	my $s = <$fh>;
	return defined $s ? $s : '';
}

sub shingles {
	my @t = map { lc } (shift =~ /\w+/g);
	my %bag;
	if (@t && @t < $n) {
		$bag{join ' ', @t}++;
	} else {
		$bag{join ' ', @t[$_ .. $_ + $n - 1]}++ for 0 .. $#t - $n + 1;
	}
	return \%bag;
}

sub prf {
	my ($gold, $out) = @_;
	my ($shared, $ng, $no) = (0, 0, 0);
	$ng += $_ for values %$gold;
	for my $k (keys %$out) {
		$no += $out->{$k};
		my $g = $gold->{$k} // 0;
		$shared += $g < $out->{$k} ? $g : $out->{$k};
	}
	my $p = $no ? $shared / $no : ($ng ? 0 : 1);
	my $r = $ng ? $shared / $ng : 1;
	my $f = $p + $r > 0 ? 2 * $p * $r / ($p + $r) : 0;
	return ($p, $r, $f);
}

opendir(my $dh, $corpus) or die "shingle-f1.pl: cannot read '$corpus'\n";
my @pages = sort map { /^(.*)\.gold\.txt$/ ? $1 : () } readdir $dh;
closedir $dh;
die "shingle-f1.pl: no *.gold.txt in '$corpus'\n" unless @pages;

my $w = 6;
$w < length and $w = length for @pages;
printf "%-${w}s", 'page';
printf "  %-20s", "$_ P/R/F1" for @labels;
print "\n";
my @sum = map { [0, 0, 0] } @labels;
for my $page (@pages) {
	my $gold = shingles(slurp("$corpus/$page.gold.txt"));
	printf "%-${w}s", $page;
	for my $i (0 .. $#dirs) {
		my @m = prf($gold, shingles(slurp("$dirs[$i]/$page.txt")));
		$sum[$i][$_] += $m[$_] for 0 .. 2;
		printf "  %.3f %.3f %.3f      ", @m;
	}
	print "\n";
}
printf "%-${w}s", 'mean';
printf "  %.3f %.3f %.3f      ", map { $_ / @pages } @$_ for @sum;
print "\n";
