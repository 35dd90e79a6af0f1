#!/bin/bash
# make-pages.sh DIR N - write N article pages into DIR for the extraction
# benchmark: the fixture pages, and variants of them padded with the
# boilerplate real pages carry (navigation, related links, comments,
# inline scripts), from about 20 KB to about 400 KB each.
set -eu
dir=$1 n=${2:-60}
pages=$(cd "$(dirname "$0")/../../tests/fixtures/pages" && pwd)
mkdir -p "$dir"
cp "$pages"/*.html "$dir/"
i=0
while [ "$i" -lt "$n" ]; do
	for src in origin-article sidebar-article amp-article autoblog-repost; do
		[ "$i" -lt "$n" ] || break
		reps=$(( (i % 8) * 6 + 1 ))
		{
			sed -n '1,/<body/p' "$pages/$src.html"
			for ((r = 0; r < reps; r++)); do
				printf '<nav class="menu"><ul>'
				for ((k = 0; k < 20; k++)); do printf '<li><a href="/section/%d/%d">Section %d</a></li>' "$r" "$k" "$k"; done
				printf '</ul></nav>\n<script>window.__STATE__ = {"page": %d, "items": [%s]};</script>\n' "$r" "$(printf '"item-%d",' $(seq 1 40))\"end\""
			done
			sed -n '/<body/,$p' "$pages/$src.html" | sed 1d
			for ((r = 0; r < reps; r++)); do
				printf '<div class="comments"><div class="comment"><p>Comment %d by a reader, who writes at some length about the story and its sources, and what it leaves out.</p></div></div>\n' "$r"
			done
		} >"$dir/gen-$i-$src.html"
		i=$((i + 1))
	done
done
