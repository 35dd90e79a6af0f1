/*
 * util.h - small shared utilities: growable byte buffers, checked
 * allocation, string helpers and whole-file reading.
 *
 * struct buf is a length-carrying, always NUL-terminated byte buffer in the
 * manner of git's strbuf.  buf_init() leaves it empty without allocating;
 * buf_release() frees the contents and re-initialises it; buf_detach() hands
 * the contents to the caller, who frees them with free().
 *
 * Allocation failure is treated as fatal (xmalloc and friends print an error
 * and exit with code 5): provtrace has no useful way to continue without
 * memory, and every caller checking would hide the logic.
 */
#ifndef PT_UTIL_H
#define PT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct buf {
	char *s;        /* NUL-terminated; "" (static) when nothing allocated */
	size_t len;     /* bytes used, not counting the NUL */
	size_t cap;     /* bytes allocated; 0 when s is the static "" */
};

#define BUF_INIT { buf_empty, 0, 0 }
extern char buf_empty[];

void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
/* Inline: adding one byte is the inner loop of every text scanner. */
static inline void buf_addc(struct buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);              /* len = 0, keeps memory */
void buf_setlen(struct buf *b, size_t len);  /* len <= current len */
/* Returns the contents, which the caller frees with free(); b is reset. */
char *buf_detach(struct buf *b, size_t *len_out);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a string the caller frees with free(). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Grow *v (of *cap elements of size elem) to hold at least need elements. */
void xgrow(void **v, size_t *cap, size_t need, size_t elem);
#define ARRAY_GROW(v, cap, need) \
	xgrow((void **)&(v), &(cap), (need), sizeof(*(v)))

int str_starts_with(const char *s, const char *prefix);
int str_ends_with(const char *s, const char *suffix);
int str_case_starts_with(const char *s, const char *prefix);
/* ASCII-only case-insensitive equality (hostnames, header names). */
int str_case_eq(const char *a, const char *b);
/* Trim ASCII white space at both ends in place; returns s. */
char *str_trim(char *s);

/*
 * Read a whole file ("-" is standard input) into *out, at most max bytes.
 * Returns PT_OK, PT_BAD_INPUT (cannot open or read: message in err) or
 * PT_TOO_BIG (larger than max).  On failure *out is left untouched.
 */
enum pt_result read_file(const char *path, size_t max, struct buf *out,
			 struct buf *err);

/* Current time as ISO 8601 UTC with seconds: "2026-11-26T17:12:39Z". */
void now_iso8601(char out[32]);
/* Monotonic milliseconds, for durations. */
double now_ms(void);

#endif
