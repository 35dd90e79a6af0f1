/*
 * cmd_resolve.c - `provtrace resolve URL...`: follow each link to its end,
 * hop by hop, print the chain and store it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "commands.h"
#include "../rules/rules.h"
#include "../store/store.h"
#include "../trace/trace.h"

#define CMD "resolve"

static const char usage_line[] = "[--no-store] URL...";

static const char help_text[] =
"Follow each URL to where it really goes, one hop at a time: HTTP\n"
"redirects (301/302/303/307/308), meta refresh and JavaScript redirects on\n"
"small interstitial pages, and link wrappers decoded without a request\n"
"(Google News, Google /url, AMP, Facebook l.php, Safe Links, Proofpoint,\n"
"...).  Shorteners are asked with HEAD first, GET when HEAD says nothing.\n"
"Consent and bot walls are passed when the page behind them is in their\n"
"URL, and otherwise end the chain (the wall is never the result).  A\n"
"chain's cookies are kept, so cookie-gated redirect loops end.\n"
"\n"
"For every hop: status, how it was reached (start, http, meta-refresh, js,\n"
"unwrap), time, address, and for HTTPS the certificate's subject, issuer\n"
"and SHA-256; then the final URL and its clean form (tracking parameters\n"
"removed).  --json prints one object per URL (JSON Lines):\n"
"  {\"input\", \"final\", \"clean\", \"hops\": [{\"url\", \"status\", \"via\",\n"
"   \"ms\", \"ip\", \"tls\": {\"subject\", \"issuer\", \"sha256\"} | null}],\n"
"   \"error\": null | {\"code\", \"message\"}}\n"
"\n"
"Each resolution is stored (one transaction each) unless --no-store; a URL\n"
"whose first request failed leaves the store unchanged.\n"
"\n"
"options that matter most here: --offline (unwrap only, no request),\n"
"--max-hops N (default 20), --timeout SEC (per request, default 30; the\n"
"whole chain may take 4 times that, Retry-After waits included),\n"
"--user-agent STR, --allow-private, --cacert FILE, --connect-to H:P:A:P.\n"
"\n"
"error codes: loop, too-many-hops, wall, blocked (a private address or a\n"
"scheme other than http/https), needs-network (--offline), bad-redirect,\n"
"timeout, tls, dns, refused, network, rate-limited (429), unavailable\n"
"(503), bad-url.\n"
"\n"
"exit codes (the highest over all URLs): 0 every URL resolved; 1 a loop,\n"
"too many hops, a wall, a blocked hop or a link that needs the network;\n"
"2 usage error; 3 bad input (not an http or https URL, bad rules);\n"
"4 network failure (DNS, connection, TLS, timeout, rate limit);\n"
"5 store failure.\n";

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *hop_json(const struct hop *h)
{
	json_t *o = json_object();

	json_object_set_new(o, "url", json_string(h->url));
	json_object_set_new(o, "status", h->status ? json_integer(h->status) :
			    json_null());
	json_object_set_new(o, "via", json_string(h->via));
	json_object_set_new(o, "ms", h->status || h->ms > 0 ?
			    json_real((double)(long long)(h->ms * 10 + 0.5) / 10) :
			    json_null());
	json_object_set_new(o, "ip", str_or_null(h->ip));
	if (h->tls_sha256) {
		json_t *t = json_object();

		json_object_set_new(t, "subject", str_or_null(h->tls_subject));
		json_object_set_new(t, "issuer", str_or_null(h->tls_issuer));
		json_object_set_new(t, "sha256", json_string(h->tls_sha256));
		json_object_set_new(o, "tls", t);
	} else {
		json_object_set_new(o, "tls", json_null());
	}
	if (h->method)
		json_object_set_new(o, "method", json_string(h->method));
	if (h->wrapper)
		json_object_set_new(o, "wrapper", json_string(h->wrapper));
	if (h->retries)
		json_object_set_new(o, "retries", json_integer(h->retries));
	return o;
}

static void print_json(const struct resolution *res)
{
	json_t *o = json_object(), *hops = json_array();

	json_object_set_new(o, "input", json_string(res->input));
	json_object_set_new(o, "final", str_or_null(res->final));
	json_object_set_new(o, "clean", str_or_null(res->clean));
	for (size_t i = 0; i < res->nhops; i++)
		json_array_append_new(hops, hop_json(&res->hops[i]));
	json_object_set_new(o, "hops", hops);
	if (res->error_code) {
		json_t *e = json_object();

		json_object_set_new(e, "code", json_string(res->error_code));
		json_object_set_new(e, "message", str_or_null(res->error_message));
		json_object_set_new(o, "error", e);
	} else {
		json_object_set_new(o, "error", json_null());
	}
	if (res->wall)
		json_object_set_new(o, "wall", json_string(res->wall));
	json_object_set_new(o, "ms", json_real((double)(long long)(res->ms * 10 + 0.5) / 10));
	cli_print_json(o);
	json_decref(o);
}

static void print_text(const struct resolution *res, int first)
{
	if (!first)
		putchar('\n');
	printf("%s\n", res->input);
	if (res->nhops)
		printf("  %3s  %6s  %-12s  %8s  %s\n", "#", "status", "via", "ms", "url");
	for (size_t i = 0; i < res->nhops; i++) {
		const struct hop *h = &res->hops[i];
		char status[16] = "-", ms[32] = "-";

		if (h->status)
			snprintf(status, sizeof(status), "%ld", h->status);
		if (h->status || h->ms > 0)
			snprintf(ms, sizeof(ms), "%.1f", h->ms);
		printf("  %3zu  %6s  %-12s  %8s  %s\n", i + 1, status, h->via, ms,
		       h->url);
		if (h->wrapper)
			printf("  %3s  %6s  %-12s  %8s    (%s)\n", "", "", "", "",
			       h->wrapper);
		if (h->retries)
			printf("  %3s  %6s  %-12s  %8s    (waited out %d rate-limit "
			       "answer%s)\n", "", "", "", "", h->retries,
			       h->retries > 1 ? "s" : "");
		if (h->tls_sha256)
			printf("  %3s  %6s  %-12s  %8s    tls: %s, issued by %s, "
			       "sha256 %s\n", "", "", "", "",
			       h->tls_subject ? h->tls_subject : "?",
			       h->tls_issuer ? h->tls_issuer : "?", h->tls_sha256);
	}
	if (res->final)
		printf("  final  %s\n", res->final);
	if (res->clean)
		printf("  clean  %s\n", res->clean);
	if (res->error_code)
		printf("  error  %s: %s\n", res->error_code,
		       res->error_message ? res->error_message : "");
}

/* ------------------------------------------------------------------ */
/* Store                                                               */
/* ------------------------------------------------------------------ */

static enum pt_result store_resolution(struct store *s,
				       const struct resolution *res)
{
	struct store_hop *hops = xcalloc(res->nhops ? res->nhops : 1,
					 sizeof(*hops));
	struct store_resolution sr;
	int64_t run_id = 0;
	enum pt_result r;

	for (size_t i = 0; i < res->nhops; i++) {
		const struct hop *h = &res->hops[i];

		hops[i].url = h->url;
		hops[i].status = h->status;
		hops[i].via = h->via;
		hops[i].ms = h->ms;
		hops[i].ip = h->ip;
		hops[i].tls_subject = h->tls_subject;
		hops[i].tls_issuer = h->tls_issuer;
		hops[i].tls_sha256 = h->tls_sha256;
	}
	memset(&sr, 0, sizeof(sr));
	sr.input = res->input;
	sr.final = res->final;
	sr.clean = res->clean;
	sr.error_code = res->error_code;
	sr.error_message = res->error_message;
	sr.started = res->started;
	sr.ms = res->ms;
	sr.hops = hops;
	sr.nhops = res->nhops;

	/* One transaction: a failure leaves the store as it was. */
	r = store_begin(s);
	if (r == PT_OK)
		r = store_run_begin(s, CMD, res->input, &run_id);
	if (r == PT_OK)
		r = store_add_resolution(s, run_id, &sr, NULL);
	if (r == PT_OK)
		r = store_run_finish(s, run_id);
	if (r == PT_OK)
		r = store_commit(s);
	if (r != PT_OK)
		store_rollback(s);
	free(hops);
	return r;
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

int cmd_resolve(int argc, char **argv, struct pt_options *opt)
{
	struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct fetch_config fc;
	struct rules *rules = NULL;
	struct store *store = NULL;
	int store_failed = 0, exit_code = 0, npos = 0, rc;
	char **pos = NULL;

	rc = cli_parse(CMD, usage_line, argc, argv, opts, &pos, &npos);
	if (rc == 1) {
		cli_usage(stdout, CMD, usage_line);
		fputs("\n", stdout);
		fputs(help_text, stdout);
		fputs("\n", stdout);
		fputs(cli_global_help, stdout);
		return 0;
	}
	if (rc < 0)
		return 2;
	if (npos == 0) {
		pt_error(CMD, "no URL given");
		cli_usage(stderr, CMD, usage_line);
		free(pos);
		return 2;
	}
	if (cli_rules(CMD, opt, &rules) != PT_OK) {
		free(pos);
		return pt_exit_code(PT_BAD_INPUT);
	}
	cli_fetch_config(opt, &fc);

	for (int i = 0; i < npos; i++) {
		struct resolution res;
		enum pt_result r = resolve_url(&fc, rules, pos[i], &res);
		int code = pt_exit_code(r);

		if (opt->json)
			print_json(&res);
		else
			print_text(&res, i == 0);
		fflush(stdout);
		if (r != PT_OK)
			pt_error(CMD, "%s", res.error_message ? res.error_message :
				 pt_strerror(r));
		/* A chain that never got an answer (or a bad URL) is not a
		 * resolution worth keeping: the store stays as it was. */
		if (!opt->no_store && !store_failed &&
		    (r == PT_OK || res.requested)) {
			enum pt_result sr = store ? PT_OK : cli_store(CMD, opt, &store);

			if (sr == PT_OK) {
				sr = store_resolution(store, &res);
				if (sr != PT_OK)
					pt_error(CMD, "cannot store the resolution of "
						 "'%s': %s", res.input,
						 store_errmsg(store));
			}
			if (sr != PT_OK) {
				store_failed = 1;
				code = pt_exit_code(PT_STORE);
			}
		}
		if (code > exit_code)
			exit_code = code;
		resolution_release(&res);
	}
	store_close(store);
	rules_free(rules);
	free(pos);
	return exit_code;
}
