/* mt_serial.c — see mt_serial.h. */
#include "mt_serial.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUE_BYTES (1ull << 30)   /* one String value; larger is corrupt */
#define READ_CHUNK (1u << 20)          /* growth step while reading untrusted counts */

/* ---- the stream plan ---- */

int mt_stream_count(const DataType *t)
{
    switch (t->kind) {
    case TYPE_LOWCARDINALITY: return mt_stream_count(t->sub[0]);
    case TYPE_NULLABLE: return 1 + mt_stream_count(t->sub[0]);
    case TYPE_ARRAY: return 1 + mt_stream_count(t->sub[0]);
    case TYPE_MAP: return 1 + mt_stream_count(t->sub[0]) + mt_stream_count(t->sub[1]);
    case TYPE_TUPLE: {
        int n = 0;
        for (int i = 0; i < t->nsub; i++) n += mt_stream_count(t->sub[i]);
        return n;
    }
    default: return 1;
    }
}

static char *str_printf(const char *fmt, const char *a, int b)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, fmt, a, b);
    return strdup(tmp);
}

static int names_rec(const DataType *t, const char *base, int level, char **out)
{
    switch (t->kind) {
    case TYPE_LOWCARDINALITY: return names_rec(t->sub[0], base, level, out);
    case TYPE_NULLABLE:
        out[0] = str_printf("%s.null", base, 0);
        return 1 + names_rec(t->sub[0], base, level, out + 1);
    case TYPE_ARRAY:
        out[0] = str_printf("%s.size%d", base, level);
        return 1 + names_rec(t->sub[0], base, level + 1, out + 1);
    case TYPE_MAP: {
        out[0] = str_printf("%s.size%d", base, level);
        char *k = str_printf("%s.keys", base, 0), *v = str_printf("%s.values", base, 0);
        int n = 1 + names_rec(t->sub[0], k, level + 1, out + 1);
        n += names_rec(t->sub[1], v, level + 1, out + n);
        free(k);
        free(v);
        return n;
    }
    case TYPE_TUPLE: {
        int n = 0;
        for (int i = 0; i < t->nsub; i++) {
            char *e = str_printf("%s.%d", base, i + 1);
            n += names_rec(t->sub[i], e, level, out + n);
            free(e);
        }
        return n;
    }
    default: out[0] = strdup(base); return 1;
    }
}

void mt_stream_names(const DataType *t, const char *base, char **out) { names_rec(t, base, 0, out); }

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

void mt_escape_name(const char *name, Buf *out)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_') {
            buf_putc(out, (char)*p);
        } else {
            buf_putc(out, '%');
            buf_putc(out, HEX[*p >> 4]);
            buf_putc(out, HEX[*p & 15]);
        }
    }
}

void mt_unescape_name(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = s; *p && k + 1 < cap; p++) {
        int hi, lo;
        if (*p == '%' && p[1] && p[2] && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
            out[k++] = (char)(hi * 16 + lo);
            p += 2;
        } else {
            out[k++] = *p;
        }
    }
    out[k] = 0;
}

/* ---- writing ---- */

static void put_sizes(const Column *c, size_t from, size_t n, Buf *b)
{
    buf_reserve(b, n * 8);
    for (size_t i = from; i < from + n; i++) {
        uint64_t s = COL_OFFS(c)[i] - col_off_begin(c, i);
        memcpy(b->data + b->len, &s, 8);
        b->len += 8;
    }
}

static int write_rec(const Column *c, size_t from, size_t n, Buf *bufs)
{
    switch (c->type->kind) {
    case TYPE_LOWCARDINALITY: return write_rec(c->sub[0], from, n, bufs);
    case TYPE_NULLABLE:
        buf_put(&bufs[0], COL_NULLS(c) + from, n);
        return 1 + write_rec(c->sub[0], from, n, bufs + 1);
    case TYPE_ARRAY: case TYPE_MAP: {
        put_sizes(c, from, n, &bufs[0]);
        uint64_t b = n ? col_off_begin(c, from) : 0, e = n ? COL_OFFS(c)[from + n - 1] : 0;
        int k = 1 + write_rec(c->sub[0], b, e - b, bufs + 1);
        if (c->type->kind == TYPE_MAP) k += write_rec(c->sub[1], b, e - b, bufs + k);
        return k;
    }
    case TYPE_TUPLE: {
        int k = 0;
        for (int i = 0; i < c->nsub; i++) k += write_rec(c->sub[i], from, n, bufs + k);
        return k;
    }
    case TYPE_STRING: case TYPE_AGGSTATE:
        for (size_t i = from; i < from + n; i++) {
            size_t len;
            const char *s = col_str(c, i, &len);
            buf_put_varint(&bufs[0], len);
            buf_put(&bufs[0], s, len);
        }
        return 1;
    case TYPE_FIXEDSTRING:
        if (n) buf_put(&bufs[0], c->data.data + from * (size_t)c->type->p1, n * (size_t)c->type->p1);   /* an empty column may have no buffer */
        return 1;
    default:
        if (n) buf_put(&bufs[0], c->data.data + from * (size_t)c->type->size, n * (size_t)c->type->size);
        return 1;
    }
}

void mt_write_rows(const Column *c, size_t from, size_t n, Buf *bufs)
{
    if (c->is_const) {
        Column *m = col_materialize((Column *)c);
        write_rec(m, from, n, bufs);
        col_unref(m);
        return;
    }
    write_rec(c, from, n, bufs);
}

bool mt_has_size_stream(const DataType *t) { return t->kind == TYPE_STRING; }

int mt_column_stream_count(const DataType *t) { return mt_stream_count(t) + (mt_has_size_stream(t) ? 1 : 0); }

void mt_column_stream_names(const DataType *t, const char *base, char **out)
{
    mt_stream_names(t, base, out);
    if (mt_has_size_stream(t)) out[mt_stream_count(t)] = str_printf("%s" MT_SIZE_SUFFIX, base, 0);
}

void mt_column_write_rows(const Column *c, size_t from, size_t n, Buf *bufs)
{
    mt_write_rows(c, from, n, bufs);
    if (!mt_has_size_stream(c->type)) return;
    Buf *b = &bufs[mt_stream_count(c->type)];
    uint64_t *out = buf_extend(b, n * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        col_str(c, c->is_const ? 0 : from + i, &len);
        memcpy(&out[i], &(uint64_t){len}, sizeof *out);
    }
}

/* ---- reading ---- */

int bs_read(ByteSrc *s, void *dst, size_t n, Err *err)
{
    char *d = dst;
    while (n) {
        if (s->p == s->end) {
            int rc = s->refill ? s->refill(s, err) : err_set(err, ERR_CORRUPTED_DATA, "Unexpected end of data");
            if (rc) return rc;
            continue;
        }
        size_t k = (size_t)(s->end - s->p);
        if (k > n) k = n;
        memcpy(d, s->p, k);
        s->p += k, d += k, n -= k;
    }
    return 0;
}

int bs_varint(ByteSrc *s, uint64_t *v, Err *err)
{
    uint64_t r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        uint8_t c;
        if (s->p < s->end) c = (uint8_t)*s->p++;
        else {
            int rc = bs_read(s, &c, 1, err);
            if (rc) return rc;
        }
        r |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: malformed variable-length integer");
}

static int no_refill(ByteSrc *s, Err *err) { return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: unexpected end of a stream"); }

void bs_init_mem(ByteSrc *s, const char *p, size_t n)
{
    s->p = p;
    s->end = p + n;
    s->refill = no_refill;
    s->ctx = NULL;
}

/* Appends `bytes` bytes from `s` to `b`, growing it a bounded chunk at a
 * time: a corrupt count can claim gigabytes, but memory only follows the
 * bytes the source really delivers. */
static int read_into(Buf *b, ByteSrc *s, size_t bytes, Err *err)
{
    while (bytes) {
        size_t k = bytes < READ_CHUNK ? bytes : READ_CHUNK;
        buf_reserve(b, k);
        int rc = bs_read(s, b->data + b->len, k, err);
        if (rc) return rc;
        b->len += k;
        bytes -= k;
    }
    return 0;
}

/* Up to n strings whose one- or two-byte length and bytes lie wholly in
 * the current block, appended to c (offsets reserved by the caller); stops
 * at the first that does not. Short values are copied 16 bytes at a time
 * where the block and the column have room for the overshoot. */
static size_t read_strings_in_block(Column *c, size_t n, ByteSrc *src)
{
    const char *p = src->p, *end = src->end;
    buf_reserve(&c->data, (size_t)(end - p) + 16);   /* every byte left could be string bytes */
    char *d = c->data.data + c->data.len;
    uint64_t at = c->data.len;
    char *offs = c->offs.data + c->offs.len;
    size_t i = 0;
    for (; i < n && p < end; i++) {
        uint64_t len = (uint8_t)p[0];
        size_t vl = 1;
        if (len & 0x80) {
            if (end - p < 2 || ((uint8_t)p[1] & 0x80)) break;
            len = (len & 0x7f) | ((uint64_t)(uint8_t)p[1] << 7);
            vl = 2;
        }
        if (len > (uint64_t)(end - p) - vl) break;
        p += vl;
        if (len <= 16 && end - p >= 16) memcpy(d, p, 16);
        else memcpy(d, p, len);
        d += len, p += len, at += len;
        memcpy(offs, &at, 8);
        offs += 8;
    }
    src->p = p;
    c->data.len = (size_t)at;
    c->offs.len += 8 * i;
    return i;
}

static int read_fixed(Column *c, size_t n, size_t width, ByteSrc *s, Err *err)
{
    if (width && n > MAX_VALUE_BYTES / width) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: too many values");
    int rc = read_into(&c->data, s, n * width, err);
    if (rc) return rc;
    c->rows += n;
    return 0;
}

static int read_rec(Column *c, size_t n, ByteSrc **srcs, int *used, Err *err);

static int read_sizes(Column *c, size_t n, ByteSrc *s, uint64_t *total, Err *err)
{
    if (n > MAX_VALUE_BYTES / 8) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: too many arrays");
    uint64_t end = c->rows ? COL_OFFS(c)[c->rows - 1] : 0, start = end;
    for (size_t i = 0; i < n; i++) {
        uint64_t k;
        buf_reserve(&c->offs, 8);
        int rc = bs_read(s, &k, 8, err);
        if (rc) return rc;
        if (k > MAX_VALUE_BYTES || end + k > MAX_VALUE_BYTES * 4) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: array too large");
        end += k;
        memcpy(c->offs.data + c->offs.len, &end, 8);
        c->offs.len += 8;
    }
    c->rows += n;
    *total = end - start;
    return 0;
}

static int read_rec(Column *c, size_t n, ByteSrc **srcs, int *used, Err *err)
{
    int rc, k;
    switch (c->type->kind) {
    case TYPE_LOWCARDINALITY:
        if ((rc = read_rec(c->sub[0], n, srcs, used, err))) return rc;
        c->rows += n;
        return 0;
    case TYPE_NULLABLE: {
        size_t at = c->nulls.len;
        if ((rc = read_into(&c->nulls, srcs[0], n, err))) return rc;
        for (size_t i = at; i < c->nulls.len; i++)
            if ((uint8_t)c->nulls.data[i] > 1) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: bad null map");
        if ((rc = read_rec(c->sub[0], n, srcs + 1, &k, err))) return rc;
        c->rows += n;
        *used = 1 + k;
        return 0;
    }
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t total = 0;
        if ((rc = read_sizes(c, n, srcs[0], &total, err))) return rc;
        if ((rc = read_rec(c->sub[0], total, srcs + 1, &k, err))) return rc;
        *used = 1 + k;
        if (c->type->kind == TYPE_MAP) {
            int k2;
            if ((rc = read_rec(c->sub[1], total, srcs + *used, &k2, err))) return rc;
            *used += k2;
        }
        return 0;
    }
    case TYPE_TUPLE:
        *used = 0;
        for (int i = 0; i < c->nsub; i++) {
            if ((rc = read_rec(c->sub[i], n, srcs + *used, &k, err))) return rc;
            *used += k;
        }
        c->rows += n;
        return 0;
    case TYPE_STRING: case TYPE_AGGSTATE:
        *used = 1;
        if (n > MAX_VALUE_BYTES / 8) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: too many values");
        for (size_t i = 0; i < n;) {
            size_t want = n - i < 8192 ? n - i : 8192;   /* offsets grow with what is read, not with a claimed count */
            buf_reserve(&c->offs, 8 * want);
            size_t got = read_strings_in_block(c, want, srcs[0]);
            i += got;
            if (i == n) break;
            if (got == want) continue;
            /* a long length, or a value running into the next block */
            uint64_t len;
            if ((rc = bs_varint(srcs[0], &len, err))) return rc;
            if (len > MAX_VALUE_BYTES) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: string too long");
            if ((rc = read_into(&c->data, srcs[0], (size_t)len, err))) return rc;
            uint64_t end = c->data.len;
            memcpy(c->offs.data + c->offs.len, &end, 8);
            c->offs.len += 8;
            i++;
        }
        c->rows += n;
        return 0;
    case TYPE_FIXEDSTRING:
        *used = 1;
        return read_fixed(c, n, (size_t)c->type->p1, srcs[0], err);
    default:
        *used = 1;
        return read_fixed(c, n, (size_t)c->type->size, srcs[0], err);
    }
}

int mt_read_rows(Column *c, size_t n, ByteSrc **srcs, Err *err)
{
    int used;
    return read_rec(c, n, srcs, &used, err);
}

/* ---- blobs ---- */

void mt_blob_put(const Column *c, Buf *out)
{
    int ns = mt_stream_count(c->type);
    Buf *bufs = calloc((size_t)ns, sizeof *bufs);
    mt_write_rows(c, 0, c->rows, bufs);
    uint64_t rows = c->rows;
    uint32_t n32 = (uint32_t)ns;
    buf_put(out, &rows, 8);
    buf_put(out, &n32, 4);
    for (int i = 0; i < ns; i++) {
        uint64_t len = bufs[i].len;
        buf_put(out, &len, 8);
        buf_put(out, bufs[i].data ? bufs[i].data : "", bufs[i].len);
        buf_free(&bufs[i]);
    }
    free(bufs);
}

int mt_blob_get(const DataType *t, ByteSrc *src, Column **out, Err *err)
{
    uint64_t rows;
    uint32_t ns;
    int rc = bs_read(src, &rows, 8, err);
    if (!rc) rc = bs_read(src, &ns, 4, err);
    if (rc) return rc;
    if ((int)ns != mt_stream_count(t) || rows > MAX_VALUE_BYTES)
        return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: column blob does not match type %s", t->name);
    ByteSrc *subs = calloc(ns, sizeof *subs);
    ByteSrc **ptrs = calloc(ns, sizeof *ptrs);
    for (uint32_t i = 0; i < ns && !rc; i++) {
        uint64_t len;
        rc = bs_read(src, &len, 8, err);
        if (rc) break;
        /* the blob's bytes must be in the window already (blobs come from memory) */
        if (len > (uint64_t)(src->end - src->p)) {
            rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: column blob truncated");
            break;
        }
        bs_init_mem(&subs[i], src->p, (size_t)len);
        src->p += len;
        ptrs[i] = &subs[i];
    }
    Column *c = NULL;
    if (!rc) {
        c = col_new(t);
        rc = mt_read_rows(c, (size_t)rows, ptrs, err);
        for (uint32_t i = 0; i < ns && !rc; i++)
            if (subs[i].p != subs[i].end) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: column blob has extra bytes");
    }
    free(subs);
    free(ptrs);
    if (rc) {
        col_unref(c);
        return rc;
    }
    *out = c;
    return 0;
}
