#!/bin/bash
#
# provtrace extract on URLs, through the fixture server: the page is
# fetched at the end of its redirects, its charset comes from the HTTP
# header, relative links resolve against the final URL.

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v jq >/dev/null || skip_all "jq is not installed"

PAGES=$FIXTURES/pages

# The site is built from the fixture pages, so the pages exist once.
mkdir -p sites/www.newsweek.com sites/abasalaka.blogspot.com/2020/10 sites/legacy.test
{ printf 'HTTP 200\nContent-Type: text/html; charset=utf-8\n\n'; cat "$PAGES/origin-article.html"; } \
	>sites/www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542356.http
printf 'HTTP 301\nLocation: /russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542356\n\n' \
	>sites/www.newsweek.com/short.http
{ printf 'HTTP 200\nContent-Type: text/html\n\n'; cat "$PAGES/autoblog-repost.html"; } \
	>sites/abasalaka.blogspot.com/2020/10/russia-vows-solidarity-with-syria.html.http
# Latin-1 declared only by the HTTP header: the page has no <meta>.
{ printf 'HTTP 200\nContent-Type: text/html; charset=ISO-8859-1\n\n'
  printf '<html><body><p>\x93Le caf\xe9 est servi\x94, dit le gar\xe7on, avec un sourire. <a href="/suite">Suite</a></p></body></html>'; } \
	>sites/legacy.test/index.http
printf 'HTTP 200\nContent-Type: text/plain; charset=utf-8\n\nFirst paragraph of a plain page.\n\nSecond one.\n' \
	>sites/legacy.test/plain.txt.http
printf 'HTTP 404\nContent-Type: text/html\n\n<p>not here</p>\n' >sites/legacy.test/gone.http

fixture_start "$WORK/sites"

pt --json extract "${NET[@]}" http://www.newsweek.com/short >nw.json
is "$?" 0 "newsweek through a redirect: exit 0"
is "$(jq -r .url nw.json)" "http://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542356" \
	"url is the final URL"
is "$(jq -r .text nw.json)" "$(pt --json extract "$PAGES/origin-article.html" | jq -r .text)" \
	"the fetched page gives the same text as the file"
is "$(jq -r '.links[] | select(.text == "Tom O'"'"'Connor") | .href' nw.json | head -1)" \
	"http://www.newsweek.com/authors/tom-oconnor" "relative links resolve against the final URL"

pt extract "${NET[@]}" https://abasalaka.blogspot.com/2020/10/russia-vows-solidarity-with-syria.html >repost.out
is_file "$PAGES/autoblog-repost.expected.txt" repost.out "the repost over HTTPS"

pt --json extract "${NET[@]}" http://legacy.test/ >legacy.json
is "$(jq -r .text legacy.json)" "“Le café est servi”, dit le garçon, avec un sourire. Suite" \
	"charset from the Content-Type header (ISO-8859-1 read as windows-1252)"
is "$(jq -r '.links[0].href' legacy.json)" "http://legacy.test/suite" "link against the final URL"

is "$(pt --json extract "${NET[@]}" http://legacy.test/plain.txt | jq -r .text)" \
	$'First paragraph of a plain page.\n\nSecond one.' "text/plain page"

pt extract "${NET[@]}" http://legacy.test/gone >gone.out 2>gone.err
is "$?" 4 "a 404 page fails with exit 4"
is "$(cat gone.err)" "provtrace: extract: 'http://legacy.test/gone' answered HTTP 404" "a 404 page: one error line"

# Without --allow-private the fixture server (on loopback) is refused.
pt extract --connect-to ":80:127.0.0.1:$HTTP_PORT" http://legacy.test/ >/dev/null 2>priv.err
isnt "$?" 0 "loopback refused without --allow-private"

done_testing
