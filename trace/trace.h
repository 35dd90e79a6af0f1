/*
 * trace.h - the tracing library, the one header the front end includes.
 *
 * trace/ follows a link to its origin and reads what it finds there:
 *
 *   fetch.h        one HTTP(S) request at a time, with the safety rules
 *   resolve.h      hop-by-hop redirect resolution (HTTP, meta refresh, JS)
 *   unwrap.h       offline decoding of link wrappers, clean URLs
 *   extract.h      main text and metadata of a page or a text
 *   normalize.h    the canonical text fingerprints are computed on
 *   fingerprint.h  SHA-256, SimHash, MinHash, winnowing; stored documents
 *   compare.h      similarity, shared and unshared passages, verdicts
 *   sentence.h     sentence splitting of news prose
 *   attribute.h    who is said to be the source of what
 *
 * Files named *_int.h are internal to one module and are never included
 * from outside trace/.
 */
#ifndef PT_TRACE_H
#define PT_TRACE_H

#include "fetch.h"
#include "resolve.h"
#include "unwrap.h"
#include "extract.h"
#include "normalize.h"
#include "fingerprint.h"
#include "compare.h"
#include "sentence.h"
#include "attribute.h"

#endif
