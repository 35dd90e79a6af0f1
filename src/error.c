/*
 * error.c - result codes, exit codes and error printing.
 */
#include <stdarg.h>
#include <stdio.h>

#include "error.h"

int pt_quiet;

int pt_exit_code(enum pt_result r)
{
	switch (r) {
	case PT_OK:        return 0;
	case PT_NOT_FOUND: return 1;
	case PT_BLOCKED:   return 1;
	case PT_USAGE:     return 2;
	case PT_BAD_INPUT: return 3;
	case PT_TOO_BIG:   return 3;
	case PT_NETWORK:   return 4;
	case PT_STORE:     return 5;
	case PT_NOMEM:     return 5;
	case PT_INTERNAL:  return 5;
	}
	return 5;
}

const char *pt_strerror(enum pt_result r)
{
	switch (r) {
	case PT_OK:        return "success";
	case PT_NOT_FOUND: return "not found";
	case PT_USAGE:     return "usage error";
	case PT_BAD_INPUT: return "bad input";
	case PT_NETWORK:   return "network failure";
	case PT_STORE:     return "store failure";
	case PT_NOMEM:     return "out of memory";
	case PT_BLOCKED:   return "refused by a safety rule";
	case PT_TOO_BIG:   return "over a size limit";
	case PT_INTERNAL:  return "internal error";
	}
	return "unknown error";
}

static void vreport(const char *prefix, const char *cmd, const char *fmt,
		    va_list ap) __attribute__((format(printf, 3, 0)));

static void vreport(const char *prefix, const char *cmd, const char *fmt, va_list ap)
{
	fputs("provtrace: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void pt_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", cmd, fmt, ap);
	va_end(ap);
}

void pt_warn(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	if (pt_quiet)
		return;
	va_start(ap, fmt);
	vreport("warning: ", cmd, fmt, ap);
	va_end(ap);
}
