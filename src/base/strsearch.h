/* strsearch.h — substring search for the string functions (LIKE '%x%',
 * position, ...): the first occurrence of needle in haystack.
 *
 * Needles of two bytes or more are found 16 candidate positions at a time
 * by comparing the needle's first and last bytes at once (SSE2, part of
 * every x86-64), and each candidate checked; one-byte needles are memchr,
 * and elsewhere it is the C library's memmem. */
#ifndef BASALT_STRSEARCH_H
#define BASALT_STRSEARCH_H

#include <stddef.h>

const char *str_find(const char *h, size_t hl, const char *nd, size_t nl);

#endif
