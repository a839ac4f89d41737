/* buf.h — growable byte buffer, the storage of every column and output stream.
 *
 * Memory comes from mem_realloc (charged to the current query). The buffer
 * always keeps BUF_PAD spare bytes past `len` so word-at-a-time loops may
 * over-read. A zeroed Buf is a valid empty buffer.
 */
#ifndef BASALT_BUF_H
#define BASALT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BUF_PAD 16

typedef struct Buf {
    char *data;
    size_t len;
    size_t cap;
} Buf;

void buf_grow(Buf *b, size_t extra);          /* ensure room for len + extra */
void buf_free(Buf *b);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);

static inline void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + BUF_PAD > b->cap) buf_grow(b, extra);
}

static inline void buf_put(Buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
}

static inline void buf_putc(Buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
}

static inline void buf_puts(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/* Reserves n bytes at the end and returns a pointer to them (len grows by n). */
static inline void *buf_extend(Buf *b, size_t n)
{
    buf_reserve(b, n);
    void *p = b->data + b->len;
    b->len += n;
    return p;
}

/* NUL-terminates without changing len (the pad guarantees room). */
static inline const char *buf_cstr(Buf *b)
{
    buf_reserve(b, 1);
    b->data[b->len] = 0;
    return b->data;
}

void buf_put_u64(Buf *b, uint64_t v);   /* decimal text */
void buf_put_varint(Buf *b, uint64_t v); /* LEB128: 7 bits a byte, low first */
void buf_put_i64(Buf *b, int64_t v);

#endif
