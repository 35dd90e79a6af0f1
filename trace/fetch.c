/*
 * fetch.c - single requests through libcurl with provtrace's safety rules.
 */
#include <string.h>

#include "fetch.h"

void fetch_config_init(struct fetch_config *fc)
{
	memset(fc, 0, sizeof(*fc));
	fc->connect_timeout = 10;
	fc->timeout = 30;
	fc->max_hops = 20;
	fc->max_body = 8u << 20;
}
