/*
 * error.h - the one result type of provtrace.
 *
 * Every library function that can fail returns an enum pt_result.  The list
 * only grows: a value keeps its meaning once released.  pt_exit_code() maps a
 * result to the process exit code documented in provtrace(1), and
 * pt_strerror() gives a short lower-case description.
 */
#ifndef PT_ERROR_H
#define PT_ERROR_H

enum pt_result {
	PT_OK = 0,
	PT_NOT_FOUND,      /* processed, but the thing sought is not there (exit 1) */
	PT_USAGE,          /* bad command line (exit 2) */
	PT_BAD_INPUT,      /* unreadable file, malformed URL, invalid rules (exit 3) */
	PT_NETWORK,        /* DNS, connect, TLS, timeout, HTTP failure (exit 4) */
	PT_STORE,          /* SQLite failure (exit 5) */
	PT_NOMEM,          /* out of memory (exit 5: nothing was written) */
	PT_BLOCKED,        /* refused by a safety rule: private address, scheme (exit 1) */
	PT_TOO_BIG,        /* a cap was reached: body, nesting, hops (exit 3) */
	PT_INTERNAL        /* a bug: should never happen (exit 5) */
};

/* Exit code of the process for result r (0..5). */
int pt_exit_code(enum pt_result r);

/* Static description of r; never NULL. */
const char *pt_strerror(enum pt_result r);

/*
 * Print "provtrace: <cmd>: <message>\n" to stderr.  cmd may be NULL for
 * errors that belong to no subcommand.  Returns nothing; callers return the
 * result themselves.
 */
void pt_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Same, prefixed "warning: ", unless warnings are silenced by --quiet. */
void pt_warn(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set by --quiet: pt_warn() and progress output stay silent. */
extern int pt_quiet;

#endif
