/*
 * fetch.c - single requests through libcurl with provtrace's safety rules.
 *
 * Every request goes through one easy handle per session, set up once:
 * http and https only, no automatic redirects (the resolver records every
 * hop itself from CURLINFO_REDIRECT_URL), a cookie jar, the address check
 * in the open-socket callback, capped bodies and waits, and the leaf
 * certificate of HTTPS connections for the hop table.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <xxhash.h>

#include "fetch.h"
#include "../src/url.h"

#define DEFAULT_USER_AGENT "provtrace/" PROVTRACE_VERSION
/* A stalled transfer (below 1 byte/s for this long) ends early. */
#define LOW_SPEED_SECONDS 15L

void fetch_config_init(struct fetch_config *fc)
{
	memset(fc, 0, sizeof(*fc));
	fc->connect_timeout = 10;
	fc->timeout = 30;
	fc->max_hops = 20;
	fc->max_body = 8u << 20;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */
/* ------------------------------------------------------------------ */

void fetch_response_init(struct fetch_response *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body);
	buf_init(&r->error);
	r->retry_after = -1;
}

void fetch_response_release(struct fetch_response *r)
{
	free(r->redirect_url);
	free(r->location);
	free(r->refresh);
	free(r->content_type);
	free(r->ip);
	free(r->tls_subject);
	free(r->tls_issuer);
	free(r->tls_sha256);
	buf_release(&r->body);
	buf_release(&r->error);
	fetch_response_init(r);
}

/* ------------------------------------------------------------------ */
/* Address policy                                                      */
/* ------------------------------------------------------------------ */

static int ipv4_is_private(uint32_t a, const char **what)
{
	static const struct {
		uint32_t net, mask;
		const char *what;
	} nets[] = {
		{ 0x00000000, 0xff000000, "an unspecified address" },
		{ 0x0a000000, 0xff000000, "a private address" },
		{ 0x64400000, 0xffc00000, "a shared (carrier-grade NAT) address" },
		{ 0x7f000000, 0xff000000, "a loopback address" },
		{ 0xa9fe0000, 0xffff0000, "a link-local address" },
		{ 0xac100000, 0xfff00000, "a private address" },
		{ 0xc0000000, 0xffffff00, "a reserved address" },
		{ 0xc0000200, 0xffffff00, "a reserved address" },
		{ 0xc0a80000, 0xffff0000, "a private address" },
		{ 0xc6120000, 0xfffe0000, "a reserved address" },
		{ 0xc6336400, 0xffffff00, "a reserved address" },
		{ 0xcb007100, 0xffffff00, "a reserved address" },
		{ 0xe0000000, 0xf0000000, "a multicast address" },
		{ 0xf0000000, 0xf0000000, "a reserved address" },
	};

	for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if ((a & nets[i].mask) == nets[i].net) {
			if (what)
				*what = nets[i].what;
			return 1;
		}
	return 0;
}

int fetch_address_is_private(const void *sa, const char **what)
{
	const struct sockaddr *s = sa;

	if (s->sa_family == AF_INET) {
		const struct sockaddr_in *in = sa;

		return ipv4_is_private(ntohl(in->sin_addr.s_addr), what);
	}
	if (s->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = sa;
		const unsigned char *b = in6->sin6_addr.s6_addr;
		static const unsigned char zero[10];
		static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };

		if (!memcmp(b, zero, 10) && b[10] == 0xff && b[11] == 0xff) {
			/* IPv4-mapped: the kernel would connect to the IPv4
			 * address, which a filter on IPv6 ranges never sees. */
			if (what)
				*what = "an IPv4-mapped address";
			return 1;
		}
		if (!memcmp(b, zero, 10) && !b[10] && !b[11]) {
			/* ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d */
			if (what)
				*what = b[15] == 1 && !b[12] && !b[13] && !b[14] ?
					"a loopback address" :
					"an unspecified or IPv4-compatible address";
			return 1;
		}
		if (!memcmp(b, nat64, 12)) {
			uint32_t v4 = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
				      (uint32_t)b[14] << 8 | b[15];
			return ipv4_is_private(v4, what);
		}
		if ((b[0] & 0xfe) == 0xfc) {
			if (what)
				*what = "a private (unique local) address";
			return 1;
		}
		if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) {
			if (what)
				*what = "a link-local address";
			return 1;
		}
		if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) {
			if (what)
				*what = "a site-local address";
			return 1;
		}
		if (b[0] == 0xff) {
			if (what)
				*what = "a multicast address";
			return 1;
		}
		return 0;
	}
	if (what)
		*what = "not an internet address";
	return 1;
}

/* ------------------------------------------------------------------ */
/* Sessions                                                            */
/* ------------------------------------------------------------------ */

/* The leaf certificate seen for one origin: libcurl reports certificates
 * when it connects, and a reused connection is the same server, so the
 * last one seen on a new connection is kept. */
struct cert_seen {
	char *origin;           /* "host:port" */
	char *subject, *issuer, *sha256;
};

struct fetch_session {
	const struct fetch_config *fc;
	CURL *curl;
	struct curl_slist *connect_to;
	char errbuf[CURL_ERROR_SIZE];
	/* state of the request under way */
	struct fetch_response *resp;
	size_t body_limit;
	int blocked;                    /* the address check refused */
	char blocked_addr[INET6_ADDRSTRLEN];
	const char *blocked_what;
	struct cert_seen *certs;
	size_t ncerts, certs_cap;
};

static curl_socket_t open_socket(void *clientp, curlsocktype purpose,
				 struct curl_sockaddr *a)
{
	struct fetch_session *s = clientp;
	const char *what = NULL;

	(void)purpose;
	if (!s->fc->allow_private && fetch_address_is_private(&a->addr, &what)) {
		const void *raw = a->family == AF_INET6 ?
			(const void *)&((struct sockaddr_in6 *)&a->addr)->sin6_addr :
			(const void *)&((struct sockaddr_in *)&a->addr)->sin_addr;

		s->blocked = 1;
		s->blocked_what = what;
		if (!inet_ntop(a->family, raw, s->blocked_addr,
			       sizeof(s->blocked_addr)))
			snprintf(s->blocked_addr, sizeof(s->blocked_addr), "?");
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

static size_t on_body(char *data, size_t size, size_t n, void *clientp)
{
	struct fetch_session *s = clientp;
	struct buf *b = &s->resp->body;
	size_t len = size * n;

	if (b->len + len > s->body_limit) {
		/* Keep what fits and end the transfer: the caller learns the
		 * body was longer from truncated, not from an error. */
		buf_add(b, data, s->body_limit - b->len);
		s->resp->truncated = 1;
		return 0;
	}
	buf_add(b, data, len);
	return len;
}

/* Header value of line when its name is name (case-insensitive), trimmed;
 * the caller frees it. */
static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || line[n] != ':' || strncasecmp(line, name, n))
		return NULL;
	v = line + n + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
			   end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return xstrndup(v, (size_t)(end - v));
}

static double parse_retry_after(const char *v)
{
	char *end;
	double secs = strtod(v, &end);
	time_t when;

	if (end != v && !*end)
		return secs < 0 ? 0 : secs;
	when = curl_getdate(v, NULL);
	if (when < 0)
		return -1;
	secs = difftime(when, time(NULL));
	return secs < 0 ? 0 : secs;
}

static size_t on_header(char *data, size_t size, size_t n, void *clientp)
{
	struct fetch_session *s = clientp;
	struct fetch_response *r = s->resp;
	size_t len = size * n;
	char *v;

	if (len >= 5 && !strncmp(data, "HTTP/", 5)) {
		/* A new response (after a 1xx): forget the interim headers. */
		free(r->content_type);
		free(r->refresh);
		free(r->location);
		r->content_type = r->refresh = r->location = NULL;
		r->retry_after = -1;
	} else if ((v = header_value(data, len, "content-type"))) {
		free(r->content_type);
		r->content_type = v;
	} else if ((v = header_value(data, len, "location"))) {
		free(r->location);
		r->location = v;
	} else if ((v = header_value(data, len, "refresh"))) {
		free(r->refresh);
		r->refresh = v;
	} else if ((v = header_value(data, len, "retry-after"))) {
		r->retry_after = parse_retry_after(v);
		free(v);
	}
	return len;
}

struct fetch_session *fetch_session_new(const struct fetch_config *fc)
{
	struct fetch_session *s = xcalloc(1, sizeof(*s));
	CURL *c = curl_easy_init();
	struct stat st;

	if (!c) {
		free(s);
		return NULL;
	}
	s->fc = fc;
	s->curl = c;
	for (size_t i = 0; i < fc->nconnect_to; i++) {
		struct curl_slist *l = curl_slist_append(s->connect_to,
							 fc->connect_to[i]);
		if (!l) {
			fetch_session_free(s);
			return NULL;
		}
		s->connect_to = l;
	}
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT,
			 fc->user_agent ? fc->user_agent : DEFAULT_USER_AGENT);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(c, CURLOPT_CERTINFO, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, LOW_SPEED_SECONDS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(fc->connect_timeout * 1000));
	if (s->connect_to)
		curl_easy_setopt(c, CURLOPT_CONNECT_TO, s->connect_to);
	if (fc->cacert) {
		/* The extra bundle replaces the default CA file, so the
		 * system's hashed directory is named to keep its CAs too. */
		curl_easy_setopt(c, CURLOPT_CAINFO, fc->cacert);
		if (!stat("/etc/ssl/certs", &st) && S_ISDIR(st.st_mode))
			curl_easy_setopt(c, CURLOPT_CAPATH, "/etc/ssl/certs");
	}
	if (fc->insecure) {
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	return s;
}

void fetch_session_free(struct fetch_session *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	curl_slist_free_all(s->connect_to);
	for (size_t i = 0; i < s->ncerts; i++) {
		free(s->certs[i].origin);
		free(s->certs[i].subject);
		free(s->certs[i].issuer);
		free(s->certs[i].sha256);
	}
	free(s->certs);
	free(s);
}

unsigned long long fetch_session_cookie_state(struct fetch_session *s)
{
	struct curl_slist *list = NULL;
	unsigned long long h = 0;

	if (!s || curl_easy_getinfo(s->curl, CURLINFO_COOKIELIST, &list) != CURLE_OK)
		return 0;
	/* XOR of the lines: the jar's order is an implementation detail. */
	for (struct curl_slist *l = list; l; l = l->next)
		h ^= XXH64(l->data, strlen(l->data), 0x70726f76);
	curl_slist_free_all(list);
	return h;
}

/* ------------------------------------------------------------------ */
/* Certificates                                                        */
/* ------------------------------------------------------------------ */

static char *name_text(const X509_NAME *name)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data, *out = NULL;
	long n;

	if (!bio)
		return NULL;
	if (X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253) >= 0) {
		n = BIO_get_mem_data(bio, &data);
		if (n >= 0)
			out = xstrndup(data, (size_t)n);
	}
	BIO_free(bio);
	return out;
}

/* Decode the leaf certificate's PEM from libcurl's certinfo. */
static void leaf_from_pem(const char *pem, struct cert_seen *c)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	X509 *x = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (x) {
		c->subject = name_text(X509_get_subject_name(x));
		c->issuer = name_text(X509_get_issuer_name(x));
		if (X509_digest(x, EVP_sha256(), md, &mdlen)) {
			struct buf hex = BUF_INIT;

			/* As `openssl x509 -fingerprint -sha256` prints
			 * it, so a reader can compare the two. */
			for (unsigned int i = 0; i < mdlen; i++)
				buf_addf(&hex, "%s%02X", i ? ":" : "", md[i]);
			c->sha256 = buf_detach(&hex, NULL);
		}
		X509_free(x);
	}
	BIO_free(bio);
}

/* The certificate of origin: libcurl's certinfo when the request made a
 * new connection (fresh), else the one seen when it was made. */
static const struct cert_seen *cert_for(struct fetch_session *s,
					const char *origin, int fresh)
{
	struct curl_certinfo *ci = NULL;
	struct cert_seen c = { 0 };

	if (fresh &&
	    curl_easy_getinfo(s->curl, CURLINFO_CERTINFO, &ci) == CURLE_OK &&
	    ci && ci->num_of_certs > 0) {
		for (struct curl_slist *l = ci->certinfo[0]; l; l = l->next)
			if (str_starts_with(l->data, "Cert:")) {
				leaf_from_pem(l->data + 5, &c);
				break;
			}
	}
	for (size_t i = 0; i < s->ncerts; i++)
		if (!strcmp(s->certs[i].origin, origin)) {
			if (!c.sha256)
				return &s->certs[i];
			/* A new connection: what it showed is what counts. */
			free(s->certs[i].subject);
			free(s->certs[i].issuer);
			free(s->certs[i].sha256);
			c.origin = s->certs[i].origin;
			s->certs[i] = c;
			return &s->certs[i];
		}
	if (!c.sha256) {
		free(c.subject);
		free(c.issuer);
		return NULL;
	}
	c.origin = xstrdup(origin);
	ARRAY_GROW(s->certs, s->certs_cap, s->ncerts + 1);
	s->certs[s->ncerts] = c;
	return &s->certs[s->ncerts++];
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

static const char *error_code_for(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return "dns";
	case CURLE_COULDNT_CONNECT:
		return "refused";
	case CURLE_OPERATION_TIMEDOUT:
		return "timeout";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CLIENTCERT:
	case CURLE_USE_SSL_FAILED:
		return "tls";
	case CURLE_UNSUPPORTED_PROTOCOL:
		return "blocked";
	default:
		return "network";
	}
}

/* "host:port" of url, for the certificate cache. */
static char *origin_of(const char *url)
{
	char *host = url_host(url);
	char *o;

	if (!host)
		return NULL;
	o = xasprintf("%s:%d", host, url_port(url));
	free(host);
	return o;
}

enum pt_result fetch_request(struct fetch_session *s, const char *url,
			     enum fetch_method method, double timeout,
			     size_t max_body, struct fetch_response *out)
{
	CURL *c = s->curl;
	CURLcode rc;
	char *redirect = NULL, *ip = NULL;
	curl_off_t total = 0;
	double connect_timeout;

	fetch_response_release(out);
	if (timeout <= 0)
		timeout = s->fc->timeout;
	connect_timeout = s->fc->connect_timeout > 0 &&
		s->fc->connect_timeout < timeout ? s->fc->connect_timeout : timeout;
	s->resp = out;
	s->body_limit = max_body ? max_body : s->fc->max_body;
	s->blocked = 0;
	s->errbuf[0] = '\0';

	curl_easy_setopt(c, CURLOPT_URL, url);
	if (method == FETCH_HEAD)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(timeout * 1000));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(connect_timeout * 1000));
	rc = curl_easy_perform(c);
	s->resp = NULL;

	curl_easy_getinfo(c, CURLINFO_TOTAL_TIME_T, &total);
	out->ms = (double)total / 1000.0;
	curl_easy_getinfo(c, CURLINFO_PRIMARY_IP, &ip);
	if (ip && *ip)
		out->ip = xstrdup(ip);

	if (rc == CURLE_WRITE_ERROR && out->truncated)
		rc = CURLE_OK;
	if (rc != CURLE_OK) {
		out->status = 0;
		if (s->blocked && (rc == CURLE_COULDNT_CONNECT ||
				   rc == CURLE_OPERATION_TIMEDOUT)) {
			out->error_code = "blocked";
			buf_addf(&out->error,
				 "connection to %s for '%s' refused: %s "
				 "(--allow-private allows it)",
				 s->blocked_addr, url, s->blocked_what);
			return PT_BLOCKED;
		}
		out->error_code = error_code_for(rc);
		buf_addf(&out->error, "'%s': %s", url,
			 s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc));
		/* libcurl's messages may end with a newline. */
		while (out->error.len && (out->error.s[out->error.len - 1] == '\n' ||
					  out->error.s[out->error.len - 1] == '\r'))
			buf_setlen(&out->error, out->error.len - 1);
		return !strcmp(out->error_code, "blocked") ? PT_BLOCKED : PT_NETWORK;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	if (out->status >= 300 && out->status < 400 &&
	    curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK &&
	    redirect)
		out->redirect_url = xstrdup(redirect);
	else if (out->status >= 300 && out->status < 400 && out->location)
		/* libcurl gives no URL for a Location it would not follow
		 * (another scheme): resolve it here so the caller can say
		 * why the chain ends. */
		out->redirect_url = url_resolve(url, out->location);
	if (str_case_starts_with(url, "https:")) {
		char *origin = origin_of(url);
		long connects = 0;
		const struct cert_seen *cert;

		curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
		cert = origin ? cert_for(s, origin, connects > 0) : NULL;

		if (cert) {
			out->tls_subject = cert->subject ? xstrdup(cert->subject) : NULL;
			out->tls_issuer = cert->issuer ? xstrdup(cert->issuer) : NULL;
			out->tls_sha256 = xstrdup(cert->sha256);
		}
		free(origin);
	}
	return PT_OK;
}
