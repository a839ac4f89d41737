/* utf8.h — small UTF-8 helpers shared by string functions: decode one code
 * point, encode one, and change case for the alphabets ClickHouse's
 * lowerUTF8/upperUTF8 handle in practice (Latin, Greek, Cyrillic). Invalid
 * bytes pass through unchanged. */
#ifndef BASALT_UTF8_H
#define BASALT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Decodes the code point at s (n > 0 bytes); returns its length (1 for an invalid byte). */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
void utf8_put(Buf *b, uint32_t cp);
uint32_t utf8_case(uint32_t cp, bool up);
/* Appends the lower-case form of s[0..n). */
void utf8_lower(const char *s, size_t n, Buf *out);

#endif
