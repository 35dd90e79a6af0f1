/*
 * fixtured — the fixture web server of provtrace's end-to-end tests.
 *
 * Tests must never reach the real network, yet provtrace has to be driven
 * through real HTTP and HTTPS: redirects, cookies, rate limits, slow servers,
 * HEAD answered differently from GET.  fixtured serves declarative fixture
 * sites on random loopback ports, and the provtrace binary is pointed at it
 * with --connect-to, as curl's test suite does with its sws server.  Adding a
 * case is adding a file.  tests/lib.sh starts and stops it.
 *
 *   fixtured --root DIR --port-file FILE [--cert PEM --key PEM] [--log FILE]
 *            [--parent PID]
 *
 * It listens on 127.0.0.1, on a port the kernel picks, for HTTP, and for
 * HTTPS too when given a certificate and key; it writes "http=PORT\n" and
 * "https=PORT\n" to FILE (renamed into place whole, removed at exit), and
 * runs until SIGTERM or SIGINT.  --parent PID: stop when process PID, our
 * parent, exits.  --log FILE: append one line per request,
 *
 *   METHOD HOST PATH[?QUERY] ua=USER-AGENT|- cookie=COOKIE-HEADER|-
 *
 * written before the answer, so a client that has its answer can read it.
 *
 * Sites: DIR/HOST/ per host, HOST being the Host header lower-cased without
 * its port.  Path P (as sent, not percent-decoded) is answered from
 * DIR/HOST/P.http, a P ending in '/' from P + "index.http".  With a query
 * string Q, DIR/HOST/P?Q.http is tried first (Q as sent, each '/' written
 * "%2F").  A ".." segment, sent or percent-encoded, is answered 400; a
 * missing file 404 "not found\n"; a broken fixture 500 "fixture error: ..."
 * (also on stderr).
 *
 * A response file:
 *
 *   HTTP 301                       first line; "HTTP/1.1 301 Moved" also
 *   Location: https://example.test/   headers, sent in order, repeats kept
 *   X-Fixture-Delay: 2000          directives: X-Fixture-*, never sent
 *                                  an empty line (LF or CRLF lines)
 *   the body, byte for byte        Content-Length is the server's, and
 *                                  Date unless the file has one
 *
 * Directives, case-insensitive; a misspelt one is a fixture error:
 *
 *   X-Fixture-If-Cookie: NAME=VALUE FILE   when the request's cookies hold
 *       NAME=VALUE, FILE answers instead (relative to the host folder).
 *       Repeatable, first match wins.
 *   X-Fixture-After: N FILE   from the N-th request for this file on
 *       (1-based, counted per file across methods), FILE answers.
 *       Repeatable; the highest N reached wins.
 *   X-Fixture-Delay: MS       wait MS milliseconds before answering.
 *   X-Fixture-Head: STATUS    answer HEAD with STATUS and no headers.
 *   X-Fixture-Repeat-Body: N  send the body N times, streamed.
 *
 * If-Cookie is checked first, then After; the file that ends up answering
 * applies its own Delay, Head and Repeat-Body.  A request goes through at
 * most 5 such hand-overs.
 *
 * The whole server is this one file, linked only with libmicrohttpd, so the
 * build needs nothing else for it.
 */

#include <microhttpd.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* A fixture is read whole; anything bigger is a mistake, not a test case
 * (huge bodies are what X-Fixture-Repeat-Body is for). */
#define FIXTURE_MAX_BYTES ((size_t)64 << 20)
#define PEM_MAX_BYTES ((size_t)1 << 20)
#define MAX_HEADERS 64
#define MAX_RULES 8
#define MAX_INDIRECTIONS 5
#define MAX_DELAY_MS 600000UL
#define PATH_BUF 4096
#define HOST_BUF 256
#define COOKIE_BUF 8192
#define REPEAT_BLOCK_SIZE (64 * 1024)
/* The connection timeout only bounds idle keep-alive clients; handlers that
 * sleep for X-Fixture-Delay are not subject to it. */
#define IDLE_TIMEOUT_SEC 30U

/* ------------------------------------------------------------------ */
/* State shared by the connection threads                              */
/* ------------------------------------------------------------------ */

struct counter {
	struct counter *next;
	unsigned long count;
	char key[];
};

static const char *site_root;
static FILE *request_log;
/* One lock for the request log and the X-Fixture-After counters: both are
 * touched once per request, so contention does not matter. */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static struct counter *counters;
/* Set on SIGTERM/SIGINT so sleeping handlers and long bodies end promptly
 * and MHD_stop_daemon() does not wait out a 10-second X-Fixture-Delay. */
static atomic_int stopping;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("fixtured: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void warn(const char *fmt, ...)
{
	va_list ap;

	fputs("fixtured: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("fixtured: mhd: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/*
 * Returns the number of requests so far (this one included) that reached
 * the fixture file KEY.  On allocation failure returns 0, which never
 * satisfies an X-Fixture-After rule: the request is answered as the first.
 */
static unsigned long counter_bump(const char *key)
{
	struct counter *c;
	unsigned long n = 0;
	size_t len;

	pthread_mutex_lock(&state_lock);
	for (c = counters; c; c = c->next)
		if (!strcmp(c->key, key))
			break;
	if (!c) {
		len = strlen(key);
		c = malloc(sizeof(*c) + len + 1);
		if (c) {
			memcpy(c->key, key, len + 1);
			c->count = 0;
			c->next = counters;
			counters = c;
		}
	}
	if (c)
		n = ++c->count;
	pthread_mutex_unlock(&state_lock);
	if (!c)
		warn("out of memory counting requests for '%s'", key);
	return n;
}

static void counters_free(void)
{
	struct counter *c, *next;

	for (c = counters; c; c = next) {
		next = c->next;
		free(c);
	}
	counters = NULL;
}

/* ------------------------------------------------------------------ */
/* Small bounded helpers                                               */
/* ------------------------------------------------------------------ */

/* A fixed-size path buffer that remembers it overflowed, so that building
 * a path is a series of appends with one check at the end. */
struct pathbuf {
	char buf[PATH_BUF];
	size_t len;
	int overflow;
};

static void pb_add(struct pathbuf *pb, const char *s, size_t n)
{
	if (pb->overflow || n >= sizeof(pb->buf) - pb->len) {
		pb->overflow = 1;
		return;
	}
	memcpy(pb->buf + pb->len, s, n);
	pb->len += n;
	pb->buf[pb->len] = '\0';
}

static void pb_adds(struct pathbuf *pb, const char *s)
{
	pb_add(pb, s, strlen(s));
}

/* Parses a decimal number in [min, max]; the whole string must be digits. */
static int parse_number(const char *s, unsigned long long min, unsigned long long max,
			unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (ULLONG_MAX - (unsigned long long)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/*
 * Splits "WORD REST" in place: *word ends at the first blank, *rest starts
 * after the blanks that follow.  Fails when either part is empty.
 */
static int split_word(char *s, char **word, char **rest)
{
	char *p = s;

	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (p == s || !*p)
		return -1;
	*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -1;
	*word = s;
	*rest = p;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int segments_have_dotdot(const char *s, size_t len)
{
	size_t start = 0, i;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '/') {
			if (i - start == 2 && s[start] == '.' && s[start + 1] == '.')
				return 1;
			start = i + 1;
		}
	}
	return 0;
}

/*
 * Whether PATH has a ".." segment, as sent or once percent-decoded: the raw
 * form is what reaches the file system, but a client or proxy that decodes
 * "%2e%2e" would see a parent directory, so both are refused.
 */
static int path_has_dotdot(const char *path, size_t len)
{
	char decoded[PATH_BUF];
	size_t i, n = 0;
	int hi, lo;

	if (segments_have_dotdot(path, len))
		return 1;
	for (i = 0; i < len && n < sizeof(decoded); i++) {
		if (path[i] == '%' && i + 2 < len &&
		    (hi = hexval((unsigned char)path[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)path[i + 2])) >= 0) {
			decoded[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			decoded[n++] = path[i];
		}
	}
	/* Callers refuse paths of PATH_BUF bytes or more, so all of it fits. */
	if (i < len)
		return 1;
	return segments_have_dotdot(decoded, n);
}

/*
 * A path relative to a host folder, as named by X-Fixture-If-Cookie and
 * X-Fixture-After: no parent segments, so a fixture cannot point outside
 * its site.
 */
static int relative_name_ok(const char *name)
{
	return *name && *name != '/' && !segments_have_dotdot(name, strlen(name));
}

/* ------------------------------------------------------------------ */
/* Fixture files                                                       */
/* ------------------------------------------------------------------ */

enum load_result { LOAD_OK, LOAD_MISSING, LOAD_ERROR };

struct header {
	const char *name;
	const char *value;
};

struct cookie_rule {
	const char *pair; /* NAME=VALUE */
	const char *file;
};

struct after_rule {
	unsigned long n;
	const char *file;
};

struct fixture {
	char path[PATH_BUF];    /* the file, also the X-Fixture-After counter key */
	char *data;             /* the whole file, owned; headers split in place */
	size_t size;
	int status;
	struct header headers[MAX_HEADERS];
	size_t nheaders;
	const char *body;       /* points into data */
	size_t body_len;
	unsigned long delay_ms;
	int head_status;        /* 0: HEAD is answered like GET */
	unsigned long long repeat;
	struct cookie_rule cookie_rules[MAX_RULES];
	size_t ncookie_rules;
	struct after_rule after_rules[MAX_RULES];
	size_t nafter_rules;
};

static void fixture_free(void *p)
{
	struct fixture *fx = p;

	if (!fx)
		return;
	free(fx->data);
	free(fx);
}

/*
 * Reads the regular file PATH whole, NUL-terminated, into *out (the caller
 * frees it with free()).  A missing file, a name too long for the file
 * system, or anything that is not a regular file is LOAD_MISSING; on
 * LOAD_ERROR a message is in ERR.  On failure *out is left untouched.
 */
static enum load_result read_whole_file(const char *path, size_t max, char **out, size_t *out_len,
					char *err, size_t errlen)
{
	struct stat st;
	char *data;
	size_t got = 0;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG)
			return LOAD_MISSING;
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return LOAD_ERROR;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return LOAD_MISSING;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		snprintf(err, errlen, "'%s' is larger than %zu bytes", path, max);
		return LOAD_ERROR;
	}
	data = malloc((size_t)st.st_size + 1);
	if (!data) {
		close(fd);
		snprintf(err, errlen, "out of memory reading '%s'", path);
		return LOAD_ERROR;
	}
	/* Read to end of file rather than trusting st_size: the file may be
	 * rewritten by a test while we read it. */
	while (got < (size_t)st.st_size) {
		r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
			free(data);
			close(fd);
			return LOAD_ERROR;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	data[got] = '\0';
	*out = data;
	*out_len = got;
	return LOAD_OK;
}

/* "HTTP 301", "HTTP/1.1 301 Moved Permanently" */
static int parse_status_line(const char *line, int *status)
{
	unsigned long long v;
	char digits[4];
	const char *p;

	if (strncmp(line, "HTTP", 4))
		return -1;
	p = line + 4;
	if (*p == '/')
		while (*p && *p != ' ' && *p != '\t')
			p++;
	if (*p != ' ' && *p != '\t')
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]) || (p[3] && p[3] != ' ' && p[3] != '\t'))
		return -1;
	memcpy(digits, p, 3);
	digits[3] = '\0';
	/* MHD refuses 1xx as a final answer and anything past 999. */
	if (parse_number(digits, 200, 999, &v))
		return -1;
	*status = (int)v;
	return 0;
}

static int is_token_char(int c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int parse_directive(struct fixture *fx, const char *name, char *value,
			   char *err, size_t errlen)
{
	unsigned long long v;
	char *word, *rest, shown[160];

	/* split_word() cuts VALUE in place; an error should show all of it. */
	snprintf(shown, sizeof(shown), "%s", value);
	if (!strcasecmp(name, "X-Fixture-Delay")) {
		if (parse_number(value, 0, MAX_DELAY_MS, &v))
			goto bad;
		fx->delay_ms = (unsigned long)v;
	} else if (!strcasecmp(name, "X-Fixture-Head")) {
		if (parse_number(value, 200, 999, &v))
			goto bad;
		fx->head_status = (int)v;
	} else if (!strcasecmp(name, "X-Fixture-If-Cookie")) {
		if (split_word(value, &word, &rest) || !strchr(word, '=') || *word == '=' ||
		    !relative_name_ok(rest))
			goto bad;
		if (fx->ncookie_rules == MAX_RULES) {
			snprintf(err, errlen, "more than %d %s directives", MAX_RULES, name);
			return -1;
		}
		fx->cookie_rules[fx->ncookie_rules].pair = word;
		fx->cookie_rules[fx->ncookie_rules].file = rest;
		fx->ncookie_rules++;
	} else if (!strcasecmp(name, "X-Fixture-After")) {
		if (split_word(value, &word, &rest) || parse_number(word, 1, ULONG_MAX, &v) ||
		    !relative_name_ok(rest))
			goto bad;
		if (fx->nafter_rules == MAX_RULES) {
			snprintf(err, errlen, "more than %d %s directives", MAX_RULES, name);
			return -1;
		}
		fx->after_rules[fx->nafter_rules].n = (unsigned long)v;
		fx->after_rules[fx->nafter_rules].file = rest;
		fx->nafter_rules++;
	} else if (!strcasecmp(name, "X-Fixture-Repeat-Body")) {
		if (parse_number(value, 0, ULLONG_MAX, &v))
			goto bad;
		fx->repeat = v;
	} else {
		/* A typo in a directive would otherwise be sent as a header and
		 * the test would pass or fail for the wrong reason. */
		snprintf(err, errlen, "unknown directive '%s'", name);
		return -1;
	}
	return 0;
bad:
	snprintf(err, errlen, "bad %s value '%s'", name, shown);
	return -1;
}

/*
 * Splits fx->data into status, headers, directives and body.  Header
 * lines are NUL-terminated in place; the body is left byte for byte.
 */
static int fixture_parse(struct fixture *fx, char *err, size_t errlen)
{
	char *p = fx->data, *end = fx->data + fx->size;
	char *line, *nl, *colon, *name_end, *value, *vend;
	size_t lineno = 0;
	int seen_blank = 0;

	fx->repeat = 1;
	while (p < end || (p == end && lineno == 0)) {
		line = p;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl) {
			p = nl + 1;
		} else {
			nl = end;
			p = end;
		}
		if (nl > line && nl[-1] == '\r')
			nl--;
		if (memchr(line, '\0', (size_t)(nl - line))) {
			snprintf(err, errlen, "line %zu: NUL byte in the header", lineno + 1);
			return -1;
		}
		*nl = '\0';
		lineno++;
		if (lineno == 1) {
			if (parse_status_line(line, &fx->status)) {
				snprintf(err, errlen, "line 1: expected 'HTTP <status>', got '%.60s'", line);
				return -1;
			}
			continue;
		}
		if (!*line) {
			seen_blank = 1;
			break;
		}
		colon = strchr(line, ':');
		if (!colon || colon == line) {
			snprintf(err, errlen, "line %zu: expected 'Name: value', got '%.60s'", lineno, line);
			return -1;
		}
		for (name_end = line; name_end < colon; name_end++)
			if (!is_token_char((unsigned char)*name_end)) {
				snprintf(err, errlen, "line %zu: bad header name '%.*s'", lineno,
					 (int)(colon - line), line);
				return -1;
			}
		*colon = '\0';
		value = colon + 1;
		while (*value == ' ' || *value == '\t')
			value++;
		vend = value + strlen(value);
		while (vend > value && (vend[-1] == ' ' || vend[-1] == '\t'))
			*--vend = '\0';

		if (!strncasecmp(line, "X-Fixture-", 10)) {
			char msg[256];

			if (parse_directive(fx, line, value, msg, sizeof(msg))) {
				snprintf(err, errlen, "line %zu: %s", lineno, msg);
				return -1;
			}
			continue;
		}
		/* The server frames the body; a header from the file would lie
		 * about it (and MHD refuses to send one anyway). */
		if (!strcasecmp(line, "Content-Length") || !strcasecmp(line, "Transfer-Encoding")) {
			snprintf(err, errlen, "line %zu: %s is computed by the server, remove it",
				 lineno, line);
			return -1;
		}
		if (fx->nheaders == MAX_HEADERS) {
			snprintf(err, errlen, "more than %d headers", MAX_HEADERS);
			return -1;
		}
		fx->headers[fx->nheaders].name = line;
		fx->headers[fx->nheaders].value = value;
		fx->nheaders++;
	}
	if (seen_blank) {
		fx->body = p;
		fx->body_len = (size_t)(end - p);
	} else {
		fx->body = end;
		fx->body_len = 0;
	}
	if (fx->body_len && fx->repeat > UINT64_MAX / fx->body_len) {
		snprintf(err, errlen, "X-Fixture-Repeat-Body makes the body larger than 2^64 bytes");
		return -1;
	}
	return 0;
}

/*
 * Loads and parses the fixture at PATH into a new *out (free it with
 * fixture_free()).  On LOAD_ERROR a message is in ERR.
 */
static enum load_result fixture_load(const char *path, struct fixture **out, char *err, size_t errlen)
{
	struct fixture *fx;
	enum load_result r;
	char msg[384];

	fx = calloc(1, sizeof(*fx));
	if (!fx) {
		snprintf(err, errlen, "out of memory");
		return LOAD_ERROR;
	}
	if ((size_t)snprintf(fx->path, sizeof(fx->path), "%s", path) >= sizeof(fx->path)) {
		free(fx);
		return LOAD_MISSING;
	}
	r = read_whole_file(path, FIXTURE_MAX_BYTES, &fx->data, &fx->size, err, errlen);
	if (r != LOAD_OK) {
		free(fx);
		return r;
	}
	if (fixture_parse(fx, msg, sizeof(msg))) {
		snprintf(err, errlen, "'%s': %s", path, msg);
		fixture_free(fx);
		return LOAD_ERROR;
	}
	*out = fx;
	return LOAD_OK;
}

/* Whether the Cookie header COOKIES carries the pair NAME=VALUE exactly. */
static int cookie_has(const char *cookies, const char *pair)
{
	size_t plen = strlen(pair), n;
	const char *p = cookies, *semi;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		semi = strchr(p, ';');
		n = semi ? (size_t)(semi - p) : strlen(p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == plen && !memcmp(p, pair, n))
			return 1;
		if (!semi)
			break;
		p = semi + 1;
	}
	return 0;
}

/*
 * The file FX hands this request to, or NULL when FX answers itself.
 * Every request that reaches a file with X-Fixture-After counts, whatever
 * the method and whichever rule then decides.
 */
static const char *fixture_next(const struct fixture *fx, const char *cookies)
{
	const struct after_rule *best = NULL;
	unsigned long count = 0;
	size_t i;

	if (fx->nafter_rules)
		count = counter_bump(fx->path);
	for (i = 0; i < fx->ncookie_rules; i++)
		if (cookie_has(cookies, fx->cookie_rules[i].pair))
			return fx->cookie_rules[i].file;
	/* With several rules the highest threshold reached wins, so "After: 2 b"
	 * and "After: 3 c" mean first this file, then b once, then c. */
	for (i = 0; i < fx->nafter_rules; i++)
		if (count >= fx->after_rules[i].n && (!best || fx->after_rules[i].n >= best->n))
			best = &fx->after_rules[i];
	return best ? best->file : NULL;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */
/* ------------------------------------------------------------------ */

/*
 * The daemons run with MHD_USE_SUPPRESS_DATE_NO_CLOCK because libmicrohttpd
 * 0.9.75 adds its Date even when the response has one, and a fixture may
 * want a fixed Date.  Every other response gets the current one here.
 */
static void add_date(struct MHD_Response *resp)
{
	char date[64];
	struct tm tm;
	time_t now = time(NULL);

	/* The process never calls setlocale(), so the names are English. */
	if (gmtime_r(&now, &tm) && strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_DATE, date);
}

static enum MHD_Result send_text(struct MHD_Connection *conn, unsigned int status, const char *text)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	add_date(resp);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Answers 500 with the fixture author's mistake, and says it on stderr too:
 * a test that fails on a broken fixture should say which file is broken. */
static enum MHD_Result send_fixture_error(struct MHD_Connection *conn, const char *msg)
{
	char body[640];

	warn("fixture error: %s", msg);
	snprintf(body, sizeof(body), "fixture error: %.600s\n", msg);
	return send_text(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, body);
}

static long long monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Sleeps MS milliseconds, never less (tests time the delay), in short
 * slices so that a stopping server need not wait out a long delay.
 */
static void fixture_sleep(unsigned long ms)
{
	long long deadline = monotonic_ns() + (long long)ms * 1000000LL, left;
	struct timespec slice;

	while (!atomic_load(&stopping) && (left = deadline - monotonic_ns()) > 0) {
		if (left > 20000000LL)
			left = 20000000LL;
		slice.tv_sec = 0;
		slice.tv_nsec = (long)left;
		nanosleep(&slice, NULL);
	}
}

static ssize_t repeat_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	const struct fixture *fx = cls;
	uint64_t total = (uint64_t)fx->body_len * fx->repeat;
	size_t n = 0, off, chunk;

	if (atomic_load(&stopping))
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (pos >= total)
		return MHD_CONTENT_READER_END_OF_STREAM;
	while (n < max && pos + n < total) {
		off = (size_t)((pos + n) % fx->body_len);
		chunk = fx->body_len - off;
		if (chunk > max - n)
			chunk = max - n;
		if (chunk > total - (pos + n))
			chunk = (size_t)(total - (pos + n));
		memcpy(buf + n, fx->body + off, chunk);
		n += chunk;
	}
	return (ssize_t)n;
}

/*
 * Queues the answer of FX.  Takes ownership of FX: a repeated body is
 * streamed from it after this returns, and MHD frees it then.
 */
static enum MHD_Result send_fixture(struct MHD_Connection *conn, const char *method,
				    struct fixture *fx)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char msg[512];
	size_t i;
	int status = fx->status;
	int streamed = fx->repeat != 1 && fx->body_len;

	if (fx->head_status && !strcmp(method, MHD_HTTP_METHOD_HEAD)) {
		status = fx->head_status;
		fixture_free(fx);
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return MHD_NO;
		add_date(resp);
		ret = MHD_queue_response(conn, (unsigned int)status, resp);
		MHD_destroy_response(resp);
		return ret;
	}

	if (streamed) {
		/* From here MHD owns FX and frees it with the response. */
		resp = MHD_create_response_from_callback((uint64_t)fx->body_len * fx->repeat,
							 REPEAT_BLOCK_SIZE, repeat_read, fx,
							 fixture_free);
	} else {
		resp = MHD_create_response_from_buffer(fx->repeat ? fx->body_len : 0,
						       (void *)fx->body, MHD_RESPMEM_MUST_COPY);
	}
	if (!resp) {
		fixture_free(fx);
		return MHD_NO;
	}
	for (i = 0; i < fx->nheaders; i++)
		if (!strcasecmp(fx->headers[i].name, MHD_HTTP_HEADER_DATE))
			break;
	if (i == fx->nheaders)
		add_date(resp);
	for (i = 0; i < fx->nheaders; i++) {
		if (MHD_add_response_header(resp, fx->headers[i].name, fx->headers[i].value) == MHD_NO) {
			snprintf(msg, sizeof(msg), "'%.300s': the server refused header '%.100s'",
				 fx->path, fx->headers[i].name);
			if (!streamed)
				fixture_free(fx);
			MHD_destroy_response(resp);
			return send_fixture_error(conn, msg);
		}
	}
	/* The headers were copied by MHD, the body too unless streamed. */
	if (!streamed)
		fixture_free(fx);
	ret = MHD_queue_response(conn, (unsigned int)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

struct request {
	int started;
	char uri[]; /* as sent, before MHD decodes it */
};

struct cookie_join {
	char buf[COOKIE_BUF];
	size_t len;
};

static void *request_begin(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct request *rq;
	size_t len = strlen(uri);

	(void)cls;
	(void)conn;
	rq = malloc(sizeof(*rq) + len + 1);
	if (!rq)
		return NULL;
	rq->started = 0;
	memcpy(rq->uri, uri, len + 1);
	return rq;
}

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	free(*con_cls);
	*con_cls = NULL;
}

/* Joins every Cookie header with "; ", as one header would carry them. */
static enum MHD_Result join_cookies(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *value)
{
	struct cookie_join *cj = cls;
	size_t n = strlen(value);

	(void)kind;
	if (strcasecmp(key, MHD_HTTP_HEADER_COOKIE))
		return MHD_YES;
	if (cj->len && cj->len + 2 < sizeof(cj->buf)) {
		memcpy(cj->buf + cj->len, "; ", 2);
		cj->len += 2;
	}
	if (n >= sizeof(cj->buf) - cj->len)
		n = sizeof(cj->buf) - cj->len - 1;
	memcpy(cj->buf + cj->len, value, n);
	cj->len += n;
	cj->buf[cj->len] = '\0';
	return MHD_YES;
}

/*
 * The site folder name for a Host header: without the port, lower-cased.
 * Refuses anything that could name a folder outside the root.
 */
static int host_folder(const char *host, char *out, size_t outlen)
{
	size_t n, i;
	const char *end;

	if (!host || !*host)
		return -1;
	if (*host == '[') {
		end = strchr(host, ']');
		if (!end)
			return -1;
		n = (size_t)(end - host) + 1;
	} else {
		end = strchr(host, ':');
		n = end ? (size_t)(end - host) : strlen(host);
	}
	if (!n || n >= outlen || host[0] == '.')
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)host[i];

		if (!isalnum(c) && !strchr("-._[]:", c))
			return -1;
		out[i] = (char)tolower(c);
	}
	out[n] = '\0';
	return 0;
}

static void log_request(const char *method, const char *host, const char *target,
			const char *ua, const char *cookies)
{
	if (!request_log)
		return;
	pthread_mutex_lock(&state_lock);
	fprintf(request_log, "%s %s %s ua=%s cookie=%s\n", method, host, target,
		ua ? ua : "-", *cookies ? cookies : "-");
	fflush(request_log);
	pthread_mutex_unlock(&state_lock);
}

/* Builds ROOT/HOST/PATH[index][?QUERY].http into PB. */
static void fixture_path(struct pathbuf *pb, const char *host, const char *path, size_t path_len,
			 const char *query)
{
	const char *slash;

	pb->len = 0;
	pb->overflow = 0;
	pb->buf[0] = '\0';
	pb_adds(pb, site_root);
	pb_adds(pb, "/");
	pb_adds(pb, host);
	pb_add(pb, path, path_len);
	if (path[path_len - 1] == '/')
		pb_adds(pb, "index");
	if (query) {
		pb_adds(pb, "?");
		/* A query may hold '/', which a file name cannot. */
		while ((slash = strchr(query, '/'))) {
			pb_add(pb, query, (size_t)(slash - query));
			pb_adds(pb, "%2F");
			query = slash + 1;
		}
		pb_adds(pb, query);
	}
	pb_adds(pb, ".http");
}

static enum MHD_Result answer(struct MHD_Connection *conn, const char *method, const char *uri)
{
	struct cookie_join cookies = { .len = 0 };
	char host[HOST_BUF], err[512], msg[640];
	const char *target = uri, *query, *next, *ua;
	struct pathbuf pb;
	struct fixture *fx = NULL, *next_fx = NULL;
	enum load_result r = LOAD_MISSING;
	size_t path_len;
	int hops;

	/* A request in absolute form (as sent to a proxy) names the same path. */
	if (!strncasecmp(target, "http://", 7) || !strncasecmp(target, "https://", 8)) {
		target = strchr(target, ':') + 3;
		target = strchr(target, '/');
		if (!target)
			target = "/";
	}
	cookies.buf[0] = '\0';
	MHD_get_connection_values(conn, MHD_HEADER_KIND, join_cookies, &cookies);
	ua = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_USER_AGENT);
	if (host_folder(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
			host, sizeof(host))) {
		log_request(method, "-", target, ua, cookies.buf);
		return send_text(conn, MHD_HTTP_BAD_REQUEST, "bad host\n");
	}
	log_request(method, host, target, ua, cookies.buf);

	query = strchr(target, '?');
	path_len = query ? (size_t)(query - target) : strlen(target);
	if (query && !*++query)
		query = NULL;
	if (path_len >= PATH_BUF)
		return send_text(conn, MHD_HTTP_URI_TOO_LONG, "uri too long\n");
	if (target[0] != '/' || path_has_dotdot(target, path_len))
		return send_text(conn, MHD_HTTP_BAD_REQUEST, "bad path\n");

	if (query) {
		fixture_path(&pb, host, target, path_len, query);
		if (!pb.overflow)
			r = fixture_load(pb.buf, &fx, err, sizeof(err));
	}
	if (r == LOAD_MISSING) {
		fixture_path(&pb, host, target, path_len, NULL);
		if (pb.overflow)
			return send_text(conn, MHD_HTTP_URI_TOO_LONG, "uri too long\n");
		r = fixture_load(pb.buf, &fx, err, sizeof(err));
	}
	if (r == LOAD_MISSING)
		return send_text(conn, MHD_HTTP_NOT_FOUND, "not found\n");
	if (r == LOAD_ERROR)
		return send_fixture_error(conn, err);

	for (hops = 0; (next = fixture_next(fx, cookies.buf)); hops++) {
		if (hops == MAX_INDIRECTIONS) {
			snprintf(msg, sizeof(msg), "'%.400s': more than %d indirections", fx->path,
				 MAX_INDIRECTIONS);
			fixture_free(fx);
			return send_fixture_error(conn, msg);
		}
		pb.len = 0;
		pb.overflow = 0;
		pb_adds(&pb, site_root);
		pb_adds(&pb, "/");
		pb_adds(&pb, host);
		pb_adds(&pb, "/");
		pb_adds(&pb, next);
		r = pb.overflow ? LOAD_MISSING : fixture_load(pb.buf, &next_fx, err, sizeof(err));
		if (r != LOAD_OK) {
			/* A missing target is the fixture's mistake, not a 404. */
			if (r == LOAD_MISSING)
				snprintf(err, sizeof(err), "'%.240s' names '%.200s', which does not exist",
					 fx->path, next);
			fixture_free(fx);
			return send_fixture_error(conn, err);
		}
		fixture_free(fx);
		fx = next_fx;
	}

	if (fx->delay_ms)
		fixture_sleep(fx->delay_ms);
	return send_fixture(conn, method, fx);
}

static enum MHD_Result handle_request(void *cls, struct MHD_Connection *conn, const char *url,
				      const char *method, const char *version,
				      const char *upload_data, size_t *upload_data_size,
				      void **con_cls)
{
	struct request *rq = *con_cls;

	(void)cls;
	(void)url;
	(void)version;
	(void)upload_data;
	if (!rq)
		return send_text(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
	/* The first call only has the headers; a request body, if any, comes
	 * in further calls and is thrown away.  Answer once it is all read. */
	if (!rq->started) {
		rq->started = 1;
		return MHD_YES;
	}
	if (*upload_data_size) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	return answer(conn, method, rq->uri);
}

/* ------------------------------------------------------------------ */
/* Start-up                                                            */
/* ------------------------------------------------------------------ */

static struct MHD_Daemon *start_daemon(const char *key, const char *cert)
{
	struct sockaddr_in addr;
	unsigned int flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
			     MHD_USE_ERROR_LOG | MHD_USE_SUPPRESS_DATE_NO_CLOCK;

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(0);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	if (!key)
		return MHD_start_daemon(flags, 0, NULL, NULL, handle_request, NULL,
					MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
					MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
					MHD_OPTION_URI_LOG_CALLBACK, request_begin, NULL,
					MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
					MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT_SEC,
					MHD_OPTION_END);
	return MHD_start_daemon(flags | MHD_USE_TLS, 0, NULL, NULL, handle_request, NULL,
				MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				MHD_OPTION_URI_LOG_CALLBACK, request_begin, NULL,
				MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
				MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT_SEC,
				MHD_OPTION_HTTPS_MEM_KEY, key,
				MHD_OPTION_HTTPS_MEM_CERT, cert,
				MHD_OPTION_END);
}

static unsigned int daemon_port(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);

	if (!info || !info->port)
		die("cannot learn the port the server is bound to");
	return info->port;
}

/* Written to FILE.tmp and renamed, so a test polling for FILE never reads
 * half of it. */
static void write_port_file(const char *path, unsigned int http, unsigned int https)
{
	char tmp[PATH_BUF];
	FILE *f;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		die("port file name '%s' is too long", path);
	f = fopen(tmp, "w");
	if (!f)
		die("cannot write '%s': %s", tmp, strerror(errno));
	fprintf(f, "http=%u\n", http);
	if (https)
		fprintf(f, "https=%u\n", https);
	if (fflush(f) || ferror(f)) {
		fclose(f);
		die("cannot write '%s': %s", tmp, strerror(errno));
	}
	if (fclose(f))
		die("cannot write '%s': %s", tmp, strerror(errno));
	if (rename(tmp, path))
		die("cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
}

static char *read_pem(const char *path)
{
	char err[512], *data = NULL;
	size_t len;

	switch (read_whole_file(path, PEM_MAX_BYTES, &data, &len, err, sizeof(err))) {
	case LOAD_OK:
		return data;
	case LOAD_MISSING:
		die("'%s' does not exist or is not a regular file", path);
	case LOAD_ERROR:
	default:
		die("%s", err);
	}
}

static void usage(FILE *out)
{
	fputs("usage: fixtured --root DIR --port-file FILE [--cert PEM --key PEM] [--log FILE]\n"
	      "                [--parent PID]\n", out);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "cert", required_argument, NULL, 'c' },
		{ "key", required_argument, NULL, 'k' },
		{ "log", required_argument, NULL, 'l' },
		{ "parent", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *port_file = NULL, *cert_path = NULL, *key_path = NULL, *log_path = NULL;
	struct MHD_Daemon *http, *https = NULL;
	char *cert = NULL, *key = NULL;
	unsigned int https_port = 0;
	struct sigaction sa;
	struct stat st;
	sigset_t stop_signals;
	unsigned long long pid_arg;
	pid_t parent_pid = 0;
	int opt, sig;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'r': site_root = optarg; break;
		case 'p': port_file = optarg; break;
		case 'c': cert_path = optarg; break;
		case 'k': key_path = optarg; break;
		case 'l': log_path = optarg; break;
		case 'P':
			if (parse_number(optarg, 2, INT_MAX, &pid_arg))
				die("--parent wants a process id, not '%s'", optarg);
			parent_pid = (pid_t)pid_arg;
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 1;
		}
	}
	if (optind < argc)
		die("unexpected argument '%s'", argv[optind]);
	if (!site_root || !port_file) {
		usage(stderr);
		die("--root and --port-file are required");
	}
	if (!cert_path != !key_path)
		die("--cert and --key go together");
	if (stat(site_root, &st) || !S_ISDIR(st.st_mode))
		die("'%s' is not a directory", site_root);
	if (cert_path) {
		if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
			die("this libmicrohttpd has no TLS support");
		cert = read_pem(cert_path);
		key = read_pem(key_path);
	}
	if (log_path) {
		request_log = fopen(log_path, "a");
		if (!request_log)
			die("cannot open '%s': %s", log_path, strerror(errno));
	}

	/* A client that hangs up mid-body must not kill the server. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* Blocked before any thread exists, so every MHD thread inherits the
	 * mask and the signals reach only sigwait() below. */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	if (parent_pid) {
#ifdef __linux__
		/* A test script killed with SIGKILL cannot run its EXIT trap;
		 * without this its server would outlive it and hold its ports. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
		/* Checked after prctl(): a parent that died before it cannot send
		 * the signal any more, but it is no longer our parent either. */
		if (getppid() != parent_pid)
			die("process %ld is not the parent (or has exited)", (long)parent_pid);
	}

	http = start_daemon(NULL, NULL);
	if (!http)
		die("cannot start the http server on 127.0.0.1");
	if (cert) {
		https = start_daemon(key, cert);
		if (!https) {
			MHD_stop_daemon(http);
			die("cannot start the https server on 127.0.0.1 (check --cert and --key)");
		}
		https_port = daemon_port(https);
	}
	write_port_file(port_file, daemon_port(http), https_port);

	while (sigwait(&stop_signals, &sig))
		;

	atomic_store(&stopping, 1);
	if (https)
		MHD_stop_daemon(https);
	MHD_stop_daemon(http);
	unlink(port_file);
	counters_free();
	if (request_log)
		fclose(request_log);
	free(cert);
	free(key);
	return 0;
}
