/* frame.c — the compressed-block frame (checksum, method, sizes) and the
 * generic codecs NONE, LZ4, LZ4HC, ZSTD and Multiple; see codec.h.
 */
#include <lz4.h>
#include <lz4hc.h>
#include <string.h>
#define ZSTD_STATIC_LINKING_ONLY   /* ZSTD_decompressBound */
#include <zstd.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "codec.h"

static uint32_t ld32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static void st32(char *p, uint32_t v) { memcpy(p, &v, 4); }

enum { CODEC_COPY = 1 << 8 };   /* codec_decompress: always into dst */

static bool is_generic(uint8_t m) { return m == CM_LZ4 || m == CM_ZSTD || m == CM_NONE; }

void codec_chain_default(CodecChain *out)
{
    memset(out, 0, sizeof *out);
    out->n = 1;
    out->steps[0].method = CM_LZ4;
}

/* ---- encoding ---- */

/* Compresses src with one generic codec, appending the payload to out. */
static int generic_encode(const CodecStep *s, const char *src, size_t n, Buf *out, Err *err)
{
    if (s->method == CM_NONE) {
        buf_put(out, src, n);
        return 0;
    }
    if (s->method == CM_LZ4) {
        int bound = LZ4_compressBound((int)n);
        buf_reserve(out, (size_t)bound);
        int k = s->hc ? LZ4_compress_HC(src, out->data + out->len, (int)n, bound, s->level ? s->level : LZ4HC_CLEVEL_DEFAULT)
                      : LZ4_compress_default(src, out->data + out->len, (int)n, bound);
        if (k <= 0 && n > 0) return err_set(err, ERR_CANNOT_COMPRESS, "Cannot compress block with LZ4");
        out->len += (size_t)k;
        return 0;
    }
    size_t bound = ZSTD_compressBound(n);
    buf_reserve(out, bound);
    size_t k = ZSTD_compress(out->data + out->len, bound, src, n, s->level);
    if (ZSTD_isError(k)) return err_set(err, ERR_CANNOT_COMPRESS, "Cannot compress block with ZSTD: %s", ZSTD_getErrorName(k));
    out->len += k;
    return 0;
}

/* One stage of a Multiple payload: [method][param][u32 input size][encoded]. */
static int stage_encode(const CodecStep *s, const char *src, size_t n, Buf *out, Err *err)
{
    char hdr[6];
    hdr[0] = (char)s->method;
    hdr[1] = (char)(is_generic(s->method) ? (s->hc ? 1 : 0) : s->width);
    st32(hdr + 2, (uint32_t)n);
    buf_put(out, hdr, 6);
    if (is_generic(s->method)) return generic_encode(s, src, n, out, err);
    xform_encode(s->method, s->width, src, n, out);
    return 0;
}

int codec_compress(const CodecChain *c, const char *src, size_t n, Buf *out, Err *err)
{
    if (n > CODEC_MAX_BLOCK) return err_set(err, ERR_TOO_LARGE_SIZE_COMPRESSED, "Block of %zu bytes is too large to compress", n);
    size_t start = out->len;
    char zero[CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE] = {0};
    buf_put(out, zero, sizeof zero);
    int rc;
    uint8_t method;
    if (c->n == 1 && is_generic(c->steps[0].method)) {
        method = c->steps[0].method;
        size_t at = out->len;
        rc = generic_encode(&c->steps[0], src, n, out, err);
        if (!rc && method == CM_LZ4 && out->len - at >= n) {   /* incompressible: stored as is, read without a copy */
            out->len = at;
            buf_put(out, src, n);
            method = CM_NONE;
        }
    } else {
        /* stages from the first codec of the chain outwards */
        method = CM_MULTIPLE;
        Buf cur = {0}, next = {0};
        buf_put(&cur, src, n);
        rc = 0;
        for (int i = 0; i < c->n && !rc; i++) {
            next.len = 0;
            rc = stage_encode(&c->steps[i], cur.data ? cur.data : "", cur.len, &next, err);
            Buf t = cur;
            cur = next;
            next = t;
        }
        if (!rc) {
            char cnt = (char)c->n;
            buf_put(out, &cnt, 1);
            buf_put(out, cur.data ? cur.data : "", cur.len);
        }
        buf_free(&cur);
        buf_free(&next);
    }
    if (rc) {
        out->len = start;
        return rc;
    }
    size_t csize = out->len - start - CODEC_CHECKSUM_SIZE;
    if (csize > CODEC_MAX_BLOCK) {
        out->len = start;
        return err_set(err, ERR_TOO_LARGE_SIZE_COMPRESSED, "Compressed block is too large");
    }
    char *h = out->data + start;
    h[16] = (char)method;
    st32(h + 17, (uint32_t)csize);
    st32(h + 21, (uint32_t)n);
    U128 sum = cityhash128(h + 16, csize);
    memcpy(h, &sum.lo, 8);
    memcpy(h + 8, &sum.hi, 8);
    return 0;
}

/* ---- decoding ---- */

int codec_frame_sizes(const char *p, size_t avail, size_t *frame_len, uint32_t *dsize, Err *err)
{
    if (avail < CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE)
        return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data: compressed block header is truncated");
    uint32_t csize = ld32(p + 17), d = ld32(p + 21);
    if (csize < CODEC_HEADER_SIZE || csize > CODEC_MAX_BLOCK)
        return err_set(err, ERR_TOO_LARGE_SIZE_COMPRESSED, "Too large size_compressed_without_checksum: %u. Most likely corrupted data.", csize);
    if (d > CODEC_MAX_BLOCK)
        return err_set(err, ERR_TOO_LARGE_SIZE_COMPRESSED, "Too large size_decompressed: %u. Most likely corrupted data.", d);
    *frame_len = (size_t)csize + CODEC_CHECKSUM_SIZE;
    *dsize = d;
    return 0;
}

static int generic_decode(uint8_t m, const char *src, size_t len, char *dst, size_t n, Err *err)
{
    if (m == CM_NONE) {
        if (len != n) return err_set(err, ERR_CANNOT_DECOMPRESS, "Cannot decompress: NONE block of %zu bytes announces %zu", len, n);
        memcpy(dst, src, n);
        return 0;
    }
    if (m == CM_LZ4) {
        if (len > (size_t)INT32_MAX || n > (size_t)INT32_MAX) return err_set(err, ERR_CANNOT_DECOMPRESS, "Cannot decompress LZ4: block too large");
        int k = LZ4_decompress_safe(src, dst, (int)len, (int)n);
        if (k < 0 || (size_t)k != n) return err_set(err, ERR_CANNOT_DECOMPRESS, "Cannot decompress LZ4-encoded data");
        return 0;
    }
    if (m == CM_ZSTD) {
        size_t k = ZSTD_decompress(dst, n, src, len);
        if (ZSTD_isError(k) || k != n)
            return err_set(err, ERR_CANNOT_DECOMPRESS, "Cannot decompress ZSTD-encoded data: %s",
                           ZSTD_isError(k) ? ZSTD_getErrorName(k) : "wrong size");
        return 0;
    }
    return err_set(err, ERR_UNKNOWN_COMPRESSION_METHOD, "Unknown compression method: 0x%02x", m);
}

static bool known_xform(uint8_t m) { return m == CM_DELTA || m == CM_DOUBLE_DELTA || m == CM_GORILLA || m == CM_T64; }

/* The most bytes a payload of len bytes encoded with method m can decode to:
 * LZ4 spends at least one byte per 255 output bytes; a ZSTD frame announces
 * its size, or its blocks bound it; DoubleDelta and Gorilla spend at least
 * a bit per value of at most 8 bytes, T64 9 bytes per 64 values. */
static uint64_t max_decoded(uint8_t m, const char *p, size_t len)
{
    if (m == CM_NONE || m == CM_DELTA) return len;
    if (m == CM_LZ4) return (uint64_t)len * 255 + 64;
    if (m == CM_ZSTD) {
        unsigned long long k = ZSTD_decompressBound(p, len);
        return k == ZSTD_CONTENTSIZE_ERROR ? 0 : k;
    }
    if (known_xform(m)) return (uint64_t)len * 64 + 512;
    return UINT64_MAX;   /* unknown: its decoder refuses it */
}

static int implausible(uint64_t n, uint8_t m, size_t len, Err *err)
{
    return err_set(err, ERR_CANNOT_DECOMPRESS,
                   "Cannot decompress: %zu bytes of method 0x%02x cannot hold %llu bytes. Most likely corrupted data.", len, m,
                   (unsigned long long)n);
}

int codec_frame_plausible(const char *frame, size_t frame_len, Err *err)
{
    size_t flen = 0;
    uint32_t dsize = 0;
    int rc = codec_frame_sizes(frame, frame_len, &flen, &dsize, err);
    if (rc) return rc;
    if (flen != frame_len) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: sizes do not match");
    uint8_t m = (uint8_t)frame[16];
    size_t hdr = CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE;
    if (m == CM_MULTIPLE) return 0;   /* bounded stage by stage as it decodes */
    return dsize > max_decoded(m, frame + hdr, frame_len - hdr) ? implausible(dsize, m, frame_len - hdr, err) : 0;
}

static int stage_body_decode(uint8_t m, int param, const char *p, size_t len, char *dst, size_t n, Err *err)
{
    if (is_generic(m)) return generic_decode(m, p, len, dst, n, err);
    if (known_xform(m)) return xform_decode(m, param, p, len, dst, n, err);
    return err_set(err, ERR_UNKNOWN_COMPRESSION_METHOD, "Unknown compression method: 0x%02x", m);
}

/* Decodes a stage of a Multiple payload (depth stages left, this one the
 * outermost) into dst of n bytes: its body decodes to the stage inside it.
 * The stages between take at most *budget bytes together. */
static int stages_decode(const char *p, size_t len, int depth, char *dst, size_t n, size_t *budget, Err *err)
{
    if (len < 6) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: truncated codec stage");
    uint8_t m = (uint8_t)p[0];
    int param = (uint8_t)p[1];
    uint32_t in_size = ld32(p + 2);
    p += 6, len -= 6;
    if (depth == 1) {
        if (in_size != n) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: stage size %u, expected %zu", in_size, n);
        if (n > max_decoded(m, p, len)) return implausible(n, m, len, err);
        return stage_body_decode(m, param, p, len, dst, n, err);
    }
    if (in_size > *budget) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: stage too large");
    if (in_size > max_decoded(m, p, len)) return implausible(in_size, m, len, err);
    *budget -= in_size;
    char *tmp = mem_alloc(in_size ? in_size : 1);
    int rc = stage_body_decode(m, param, p, len, tmp, in_size, err);
    if (!rc) rc = stages_decode(tmp, in_size, depth - 1, dst, n, budget, err);
    mem_free(tmp, in_size ? in_size : 1);
    return rc;
}

int codec_decompress(const char *frame, size_t frame_len, char *dst, uint32_t dsize, unsigned flags, Err *err)
{
    const char *view;
    return codec_decompress_view(frame, frame_len, dst, dsize, flags | CODEC_COPY, &view, err);
}

int codec_decompress_view(const char *frame, size_t frame_len, char *dst, uint32_t dsize, unsigned flags, const char **out, Err *err)
{
    *out = dst;
    size_t want = 0;
    uint32_t d = 0;
    int rc = codec_frame_sizes(frame, frame_len, &want, &d, err);
    if (rc) return rc;
    if (want != frame_len || d != dsize) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: sizes do not match");
    size_t csize = frame_len - CODEC_CHECKSUM_SIZE;
    U128 sum = cityhash128(frame + 16, csize), got;
    memcpy(&got.lo, frame, 8);
    memcpy(&got.hi, frame + 8, 8);
    if (sum.lo != got.lo || sum.hi != got.hi)
        return err_set(err, ERR_CHECKSUM_DOESNT_MATCH,
                       "Checksum doesn't match: corrupted data. Reference: %016llx%016llx. Actual: %016llx%016llx. Size of compressed block: %zu",
                       (unsigned long long)got.lo, (unsigned long long)got.hi, (unsigned long long)sum.lo,
                       (unsigned long long)sum.hi, csize);
    uint8_t m = (uint8_t)frame[16];
    const char *payload = frame + CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE;
    size_t plen = csize - CODEC_HEADER_SIZE;
    if (m == CM_NONE && !(flags & CODEC_COPY)) {
        if (plen != dsize) return err_set(err, ERR_CANNOT_DECOMPRESS, "Cannot decompress: NONE block of %zu bytes announces %u", plen, dsize);
        *out = payload;
        return 0;
    }
    if (is_generic(m)) {
        if (dsize > max_decoded(m, payload, plen)) return implausible(dsize, m, plen, err);
        return generic_decode(m, payload, plen, dst, dsize, err);
    }
    if ((flags & CODEC_WIRE_ONLY) || m != CM_MULTIPLE)
        return err_set(err, ERR_UNKNOWN_COMPRESSION_METHOD, "Unknown compression method: 0x%02x", m);
    if (plen < 1) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: empty codec chain");
    int depth = (uint8_t)payload[0];
    if (depth < 1 || depth > CODEC_MAX_STEPS) return err_set(err, ERR_CORRUPTED_DATA, "Corrupted compressed block: %d codecs", depth);
    size_t budget = CODEC_MAX_BLOCK;
    return stages_decode(payload + 1, plen - 1, depth, dst, dsize, &budget, err);
}
