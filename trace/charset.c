/*
 * charset.c - find the encoding of a page and turn it into valid UTF-8.
 *
 * The order is the HTML standard's: a byte order mark wins, then the
 * transport's charset, then a <meta> found by the 1024-byte prescan.
 * Undeclared pages are read as UTF-8 when they are valid UTF-8 and as
 * windows-1252 otherwise (the legacy default of Western browsers).  Labels
 * the standard maps to windows-1252 (latin1, iso-8859-1, us-ascii) are
 * mapped here too, since pages declaring them use the C1 range for curly
 * quotes.  Conversion is glibc's iconv; anything it cannot convert becomes
 * U+FFFD, never an error.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "extract_int.h"

static const char replacement[] = "\xEF\xBF\xBD";

/* ====================================================================
 * UTF-8 validation and repair
 * ==================================================================== */

int utf8_valid(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/*
 * Bytes of the invalid sequence at p that become one U+FFFD: the lead
 * byte and the continuation bytes that could still have completed it
 * (the "maximal subpart" of Unicode and the Encoding Standard), so
 * "\xE2\x80" cut short is one replacement, not two.
 */
static size_t maximal_subpart(const unsigned char *p, size_t len)
{
	size_t need, i;
	unsigned char lo = 0x80, hi = 0xBF;

	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		need = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		need = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		need = 4;
	else
		return 1;
	if (p[0] == 0xE0)
		lo = 0xA0;
	else if (p[0] == 0xED)
		hi = 0x9F;
	else if (p[0] == 0xF0)
		lo = 0x90;
	else if (p[0] == 0xF4)
		hi = 0x8F;
	for (i = 1; i < need && i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	return i;
}

void utf8_repair(const char *s, size_t len, struct buf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0, run = 0;

	buf_grow(out, len);
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (p[i] && p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] == 0) {
			buf_add(out, s + run, i - run);
			run = ++i;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		buf_add(out, s + run, i - run);
		buf_add(out, replacement, 3);
		i += maximal_subpart(p + i, len - i);
		run = i;
	}
	buf_add(out, s + run, len - run);
}

/* ====================================================================
 * Labels
 * ==================================================================== */

/* Canonical name of an encoding label, or NULL for a label we do not
 * trust (UTF-16 declared inside an 8-bit document, say). */
static const char *canonical_label(const char *label, size_t len)
{
	static const struct { const char *label, *name; } aliases[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
		{ "unicode-1-1-utf-8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
		{ "windows-1252", "windows-1252" }, { "cp1252", "windows-1252" },
		{ "x-cp1252", "windows-1252" }, { "iso-8859-1", "windows-1252" },
		{ "iso8859-1", "windows-1252" }, { "iso_8859-1", "windows-1252" },
		{ "latin1", "windows-1252" }, { "l1", "windows-1252" },
		{ "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
		{ "ansi_x3.4-1968", "windows-1252" }, { "cp819", "windows-1252" },
		{ "iso-ir-100", "windows-1252" },
		{ "iso-8859-9", "windows-1254" }, { "latin5", "windows-1254" },
		{ "tis-620", "windows-874" }, { "iso-8859-11", "windows-874" },
		{ "gb2312", "GBK" }, { "x-gbk", "GBK" }, { "gbk", "GBK" },
		{ "shift_jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
		{ "x-sjis", "SHIFT_JIS" }, { "ks_c_5601-1987", "EUC-KR" },
		{ "utf-16", NULL }, { "utf-16le", NULL }, { "utf-16be", NULL },
	};
	static char other[64];
	char low[64];
	size_t i;

	while (len && (*label == ' ' || *label == '\t' || *label == '"' ||
		       *label == '\''))
		label++, len--;
	while (len && (label[len - 1] == ' ' || label[len - 1] == '\t' ||
		       label[len - 1] == '"' || label[len - 1] == '\'' ||
		       label[len - 1] == ';'))
		len--;
	if (!len || len >= sizeof(low))
		return NULL;
	for (i = 0; i < len; i++) {
		char c = label[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		/* Only label characters reach iconv_open(). */
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.' || c == ':'))
			return NULL;
		low[i] = c;
	}
	low[len] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(low, aliases[i].label))
			return aliases[i].name;
	/* Anything else is passed to iconv as written; a name it does not
	 * know falls back to UTF-8 in charset_to_utf8(). */
	memcpy(other, low, len + 1);
	return other;
}

/* ====================================================================
 * The <meta> prescan (HTML standard 13.2.3.2, simplified: attributes of
 * <meta> tags within the first 1024 bytes, comments skipped)
 * ==================================================================== */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Find "charset=" in a content attribute's value; returns the label. */
static const char *content_charset(const char *v, size_t vlen, size_t *llen)
{
	for (size_t i = 0; i + 7 < vlen; i++) {
		if (strncasecmp(v + i, "charset", 7))
			continue;
		size_t j = i + 7;

		while (j < vlen && is_space(v[j]))
			j++;
		if (j >= vlen || v[j] != '=')
			continue;
		j++;
		while (j < vlen && is_space(v[j]))
			j++;
		if (j < vlen && (v[j] == '"' || v[j] == '\''))
			j++;
		size_t k = j;

		while (k < vlen && !is_space(v[k]) && v[k] != ';' &&
		       v[k] != '"' && v[k] != '\'')
			k++;
		*llen = k - j;
		return v + j;
	}
	return NULL;
}

static const char *prescan_meta(const char *d, size_t len, size_t *llen)
{
	size_t i = 0;

	if (len > 1024)
		len = 1024;
	while (i < len) {
		if (d[i] != '<') {
			i++;
			continue;
		}
		if (i + 4 <= len && !memcmp(d + i, "<!--", 4)) {
			const char *end = memmem(d + i + 4, len - i - 4, "-->", 3);

			if (!end)
				return NULL;
			i = (size_t)(end - d) + 3;
			continue;
		}
		if (i + 5 >= len || strncasecmp(d + i + 1, "meta", 4) ||
		    !(is_space(d[i + 5]) || d[i + 5] == '/')) {
			i++;
			continue;
		}
		/* Attributes of this <meta>. */
		const char *cs = NULL, *content_cs = NULL;
		size_t cslen = 0, content_len = 0;
		int http_equiv_ct = 0;

		i += 5;
		while (i < len && d[i] != '>') {
			size_t ns, ne, vs, ve;

			while (i < len && (is_space(d[i]) || d[i] == '/'))
				i++;
			ns = i;
			while (i < len && !is_space(d[i]) && d[i] != '=' &&
			       d[i] != '>' && d[i] != '/')
				i++;
			ne = i;
			if (ne == ns) {
				if (i < len && d[i] != '>')
					i++;
				continue;
			}
			while (i < len && is_space(d[i]))
				i++;
			vs = ve = i;
			if (i < len && d[i] == '=') {
				i++;
				while (i < len && is_space(d[i]))
					i++;
				if (i < len && (d[i] == '"' || d[i] == '\'')) {
					char q = d[i++];

					vs = i;
					while (i < len && d[i] != q)
						i++;
					ve = i;
					if (i < len)
						i++;
				} else {
					vs = i;
					while (i < len && !is_space(d[i]) &&
					       d[i] != '>')
						i++;
					ve = i;
				}
			}
			if (ne - ns == 7 && !strncasecmp(d + ns, "charset", 7)) {
				cs = d + vs;
				cslen = ve - vs;
			} else if (ne - ns == 10 &&
				   !strncasecmp(d + ns, "http-equiv", 10)) {
				http_equiv_ct = ve - vs == 12 &&
					!strncasecmp(d + vs, "content-type", 12);
			} else if (ne - ns == 7 &&
				   !strncasecmp(d + ns, "content", 7)) {
				content_cs = content_charset(d + vs, ve - vs,
							     &content_len);
			}
		}
		if (cs && cslen) {
			*llen = cslen;
			return cs;
		}
		if (http_equiv_ct && content_cs && content_len) {
			*llen = content_len;
			return content_cs;
		}
	}
	return NULL;
}

size_t charset_detect(const char *data, size_t len, const char *hint,
		      int is_html, char *label, size_t label_size)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *name = NULL;
	size_t bom = 0;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		name = "UTF-8";
		bom = 3;
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		name = "UTF-16LE";
		bom = 2;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		name = "UTF-16BE";
		bom = 2;
	}
	if (!name && hint && *hint)
		name = canonical_label(hint, strlen(hint));
	if (!name && is_html) {
		size_t llen = 0;
		const char *l = prescan_meta(data, len, &llen);

		if (l)
			name = canonical_label(l, llen);
	}
	/* A page that declares UTF-8 but is not, and has no other clue, is
	 * still read as UTF-8 (repaired): the declaration is the author's. */
	if (!name)
		name = utf8_valid(data, len) ? "UTF-8" : "windows-1252";
	snprintf(label, label_size, "%s", name);
	return bom;
}

void charset_to_utf8(const char *data, size_t len, const char *label,
		     struct buf *out)
{
	iconv_t cd;
	char chunk[16384];
	char *in = (char *)data;
	size_t inleft = len;
	struct buf tmp = BUF_INIT;
	size_t unit = 1;

	if (!strcmp(label, "UTF-8") ||
	    (cd = iconv_open("UTF-8", label)) == (iconv_t)-1) {
		utf8_repair(data, len, out);
		return;
	}
	if (!strncmp(label, "UTF-16", 6))
		unit = 2;
	while (inleft > 0) {
		char *o = chunk;
		size_t oleft = sizeof(chunk);
		size_t rc = iconv(cd, &in, &inleft, &o, &oleft);

		buf_add(&tmp, chunk, sizeof(chunk) - oleft);
		if (rc != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or a truncated sequence at the end: one unit
		 * becomes U+FFFD and the conversion goes on. */
		buf_add(&tmp, replacement, 3);
		if (inleft < unit) {
			inleft = 0;
			break;
		}
		in += unit;
		inleft -= unit;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	/* iconv's output is valid UTF-8 but may hold NUL bytes. */
	utf8_repair(tmp.s, tmp.len, out);
	buf_release(&tmp);
}
