/* buf.c — growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdio.h>

#include "mem.h"

void buf_grow(Buf *b, size_t extra)
{
    size_t need = b->len + extra + BUF_PAD;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap * 2 : 64;
    if (cap < need) cap = need;   /* one large reservation gets what it asked for */
    b->data = mem_realloc(b->data, b->cap, cap);
    b->cap = cap;
}

void buf_put_varint(Buf *b, uint64_t v)
{
    char tmp[10];
    int k = 0;
    while (v >= 0x80) {
        tmp[k++] = (char)(v | 0x80);
        v >>= 7;
    }
    tmp[k++] = (char)v;
    buf_put(b, tmp, (size_t)k);
}

void buf_free(Buf *b)
{
    mem_free(b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0) return;
    buf_reserve(b, (size_t)n + 1);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_put_u64(Buf *b, uint64_t v)
{
    char tmp[24];
    int i = 24;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_put(b, tmp + i, (size_t)(24 - i));
}

void buf_put_i64(Buf *b, int64_t v)
{
    if (v < 0) {
        buf_putc(b, '-');
        buf_put_u64(b, (uint64_t)0 - (uint64_t)v);
    } else {
        buf_put_u64(b, (uint64_t)v);
    }
}
