/* http_codec.c — gzip / deflate (zlib), zstd, br and lz4 (frame format)
 * streams for HTTP bodies; see http_codec.h. */
#include "http_codec.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4frame.h>
#include <zlib.h>
#include <zstd.h>

#include "../base/mem.h"
#include "../compress/codec.h"

#define IN_CHUNK (64 << 10)

int http_coding_of(const char *name)
{
    if (!name || !*name || !strcasecmp(name, "identity")) return CODING_NONE;
    if (!strcasecmp(name, "gzip") || !strcasecmp(name, "x-gzip")) return CODING_GZIP;
    if (!strcasecmp(name, "deflate")) return CODING_DEFLATE;
    if (!strcasecmp(name, "zstd")) return CODING_ZSTD;
    if (!strcasecmp(name, "br")) return CODING_BR;
    if (!strcasecmp(name, "lz4")) return CODING_LZ4;
    return -1;
}

const char *http_coding_name(int coding)
{
    switch (coding) {
    case CODING_GZIP: return "gzip";
    case CODING_DEFLATE: return "deflate";
    case CODING_ZSTD: return "zstd";
    case CODING_BR: return "br";
    case CODING_LZ4: return "lz4";
    case CODING_NATIVE: return "";
    default: return "";
    }
}

int http_coding_accept(const char *accept)
{
    if (!accept) return CODING_NONE;
    /* ClickHouse looks for each name as a substring, in its order of preference */
    if (strstr(accept, "zstd")) return CODING_ZSTD;
    if (strstr(accept, "br")) return CODING_BR;
    if (strstr(accept, "lz4")) return CODING_LZ4;
    if (strstr(accept, "gzip")) return CODING_GZIP;
    if (strstr(accept, "deflate")) return CODING_DEFLATE;
    return CODING_NONE;
}

/* ---- decoding ---- */

#define NATIVE_MAX_BLOCK (64u << 20)

/* decompress=1: whole frames are read, checked and decoded one at a time. */
static ssize_t native_read(HttpDecoder *d, HttpRawRead raw, void *ctx, char *dst, size_t cap)
{
    while (d->plain_pos == d->plain.len) {
        d->plain.len = d->plain_pos = 0;
        d->frame.len = 0;
        size_t need = CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE, frame_len = 0;
        uint32_t dsize = 0;
        while (d->frame.len < need) {
            buf_reserve(&d->frame, need - d->frame.len);
            ssize_t n = raw(ctx, d->frame.data + d->frame.len, need - d->frame.len);
            if (n < 0) return -1;
            if (n == 0) return d->frame.len ? -1 : 0;   /* the end, between frames only */
            d->frame.len += (size_t)n;
            if (!frame_len && d->frame.len >= CODEC_CHECKSUM_SIZE + CODEC_HEADER_SIZE) {
                Err e;
                if (codec_frame_sizes(d->frame.data, d->frame.len, &frame_len, &dsize, &e)) return -1;
                if (frame_len > CODEC_CHECKSUM_SIZE + NATIVE_MAX_BLOCK || dsize > NATIVE_MAX_BLOCK) return -1;
                need = frame_len;
            }
        }
        Err e;
        if (codec_frame_plausible(d->frame.data, frame_len, &e)) return -1;
        buf_reserve(&d->plain, dsize ? dsize : 1);
        const char *view;
        if (codec_decompress_view(d->frame.data, frame_len, d->plain.data, dsize, CODEC_WIRE_ONLY, &view, &e)) return -1;
        if (view != d->plain.data) memcpy(d->plain.data, view, dsize);
        d->plain.len = dsize;
    }
    size_t k = d->plain.len - d->plain_pos < cap ? d->plain.len - d->plain_pos : cap;
    memcpy(dst, d->plain.data + d->plain_pos, k);
    d->plain_pos += k;
    return (ssize_t)k;
}

int http_decoder_init(HttpDecoder *d, int coding)
{
    memset(d, 0, sizeof *d);
    d->coding = coding;
    if (coding == CODING_NATIVE) return 0;
    if (coding == CODING_BR) {
        d->state = BrotliDecoderCreateInstance(NULL, NULL, NULL);
        if (!d->state) return -1;
    } else if (coding == CODING_LZ4) {
        LZ4F_dctx *z;
        if (LZ4F_isError(LZ4F_createDecompressionContext(&z, LZ4F_VERSION))) return -1;
        d->state = z;
    } else if (coding == CODING_ZSTD) {
        ZSTD_DStream *z = ZSTD_createDStream();
        if (!z) return -1;
        ZSTD_initDStream(z);
        ZSTD_DCtx_setParameter(z, ZSTD_d_windowLogMax, 27);   /* at most 128 MiB of window from a client */
        d->state = z;
    } else {
        z_stream *z = xcalloc(1, sizeof *z);
        if (inflateInit2(z, 15 + 32) != Z_OK) {   /* gzip or zlib header, detected */
            free(z);
            return -1;
        }
        d->state = z;
    }
    d->cap = IN_CHUNK;
    d->in = xmalloc(d->cap);
    return 0;
}

static int refill(HttpDecoder *d, HttpRawRead raw, void *ctx)
{
    if (d->pos < d->len || d->raw_eof) return 0;
    ssize_t n = raw(ctx, d->in, d->cap);
    if (n < 0) return -1;
    if (n == 0) d->raw_eof = true;
    d->pos = 0;
    d->len = (size_t)n;
    return 0;
}

ssize_t http_decoder_read(HttpDecoder *d, HttpRawRead raw, void *ctx, char *dst, size_t cap)
{
    if (d->coding == CODING_NATIVE) return native_read(d, raw, ctx, dst, cap);
    while (!d->done && cap) {
        if (refill(d, raw, ctx)) return -1;
        size_t before = d->pos, produced;
        if (d->coding == CODING_BR) {
            size_t avail_in = d->len - d->pos, avail_out = cap;
            const uint8_t *next_in = (const uint8_t *)d->in + d->pos;
            uint8_t *next_out = (uint8_t *)dst;
            BrotliDecoderResult r = BrotliDecoderDecompressStream(d->state, &avail_in, &next_in, &avail_out, &next_out, NULL);
            if (r == BROTLI_DECODER_RESULT_ERROR) return -1;
            d->pos = d->len - avail_in;
            produced = cap - avail_out;
            d->frame_open = r != BROTLI_DECODER_RESULT_SUCCESS;
            if (r == BROTLI_DECODER_RESULT_SUCCESS && d->pos == d->len && d->raw_eof) d->done = true;
        } else if (d->coding == CODING_LZ4) {
            size_t src_n = d->len - d->pos, dst_n = cap;
            size_t r = LZ4F_decompress(d->state, dst, &dst_n, d->in + d->pos, &src_n, NULL);
            if (LZ4F_isError(r)) return -1;
            d->pos += src_n;
            produced = dst_n;
            if (src_n || dst_n) d->frame_open = r != 0;   /* 0: a frame just ended */
            if (r == 0 && d->raw_eof && d->pos == d->len) d->done = true;
        } else if (d->coding == CODING_ZSTD) {
            ZSTD_inBuffer in = {d->in, d->len, d->pos};
            ZSTD_outBuffer out = {dst, cap, 0};
            size_t r = ZSTD_decompressStream(d->state, &out, &in);
            if (ZSTD_isError(r)) return -1;
            d->pos = in.pos;
            produced = out.pos;
            if (in.pos > before || out.pos) d->frame_open = r != 0;   /* an idle call after a frame says nothing */
            if (r == 0 && d->raw_eof && d->pos == d->len) d->done = true;
        } else {
            z_stream *z = d->state;
            z->next_in = (Bytef *)d->in + d->pos;
            z->avail_in = (uInt)(d->len - d->pos);
            z->next_out = (Bytef *)dst;
            z->avail_out = (uInt)(cap > (1u << 30) ? (1u << 30) : cap);
            int r = inflate(z, Z_NO_FLUSH);
            d->pos = d->len - z->avail_in;
            produced = (size_t)((char *)z->next_out - dst);
            if (d->pos > before) d->frame_open = true;   /* inside a gzip member */
            if (r == Z_STREAM_END) {
                /* gzip members may follow one another */
                d->frame_open = false;
                if (inflateReset(z) != Z_OK) return -1;
            } else if (r != Z_OK && r != Z_BUF_ERROR) {
                return -1;
            }
        }
        if (produced) return (ssize_t)produced;
        if (d->raw_eof && d->pos == d->len) {
            if (d->frame_open) return -1;   /* cut off inside a member or frame */
            d->done = true;
        } else if (d->pos == before && d->pos < d->len) {
            return -1;   /* no progress on the input: corrupt */
        }
    }
    return 0;
}

void http_decoder_free(HttpDecoder *d)
{
    buf_free(&d->frame);
    buf_free(&d->plain);
    if (!d->state) {
        memset(d, 0, sizeof *d);
        return;
    }
    if (d->coding == CODING_BR) {
        BrotliDecoderDestroyInstance(d->state);
    } else if (d->coding == CODING_LZ4) {
        LZ4F_freeDecompressionContext(d->state);
    } else if (d->coding == CODING_ZSTD) {
        ZSTD_freeDStream(d->state);
    } else {
        inflateEnd(d->state);
        free(d->state);
    }
    free(d->in);
    memset(d, 0, sizeof *d);
}

/* ---- encoding ---- */

int http_encoder_init(HttpEncoder *e, int coding, int level)
{
    memset(e, 0, sizeof *e);
    e->coding = coding;
    if (coding == CODING_NATIVE) return 0;
    if (coding == CODING_BR) {
        BrotliEncoderState *b = BrotliEncoderCreateInstance(NULL, NULL, NULL);
        if (!b) return -1;
        BrotliEncoderSetParameter(b, BROTLI_PARAM_QUALITY, (uint32_t)(level > 0 && level <= 11 ? level : 3));
        e->state = b;
        return 0;
    }
    if (coding == CODING_LZ4) {
        LZ4F_cctx *z;
        if (LZ4F_isError(LZ4F_createCompressionContext(&z, LZ4F_VERSION))) return -1;
        e->state = z;
        return 0;
    }
    if (coding == CODING_ZSTD) {
        ZSTD_CStream *z = ZSTD_createCStream();
        if (!z) return -1;
        ZSTD_initCStream(z, level > 0 ? level : 3);
        e->state = z;
        return 0;
    }
    z_stream *z = xcalloc(1, sizeof *z);
    int bits = coding == CODING_GZIP ? 15 + 16 : 15;
    if (level < 0 || level > 9) level = 3;
    if (deflateInit2(z, level, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(z);
        return -1;
    }
    e->state = z;
    return 0;
}

/* LZ4 frame: the header on the first write, then blocks, flushed each time
 * so the client can decode what it has; the end mark on finish. */
static int lz4_write(HttpEncoder *e, const void *p, size_t n, bool finish, Buf *out)
{
    size_t r;
    if (!e->started) {
        buf_reserve(out, LZ4F_HEADER_SIZE_MAX);
        r = LZ4F_compressBegin(e->state, out->data + out->len, LZ4F_HEADER_SIZE_MAX, NULL);
        if (LZ4F_isError(r)) return -1;
        out->len += r;
        e->started = true;
    }
    for (size_t at = 0; at < n; at += 1 << 20) {   /* bounded steps: compressBound grows with n */
        size_t k = n - at < (1 << 20) ? n - at : (1 << 20), room = LZ4F_compressBound(k, NULL);
        buf_reserve(out, room);
        r = LZ4F_compressUpdate(e->state, out->data + out->len, room, (const char *)p + at, k, NULL);
        if (LZ4F_isError(r)) return -1;
        out->len += r;
    }
    size_t room = LZ4F_compressBound(0, NULL);
    buf_reserve(out, room);
    r = finish ? LZ4F_compressEnd(e->state, out->data + out->len, room, NULL) : LZ4F_flush(e->state, out->data + out->len, room, NULL);
    if (LZ4F_isError(r)) return -1;
    out->len += r;
    return 0;
}

int http_encoder_write(HttpEncoder *e, const void *p, size_t n, bool finish, Buf *out)
{
    if (e->coding == CODING_NATIVE) {   /* compress=1: LZ4 frames of at most 1 MiB */
        CodecChain lz4;
        codec_chain_default(&lz4);
        Err err;
        for (size_t at = 0; at < n; at += 1 << 20) {
            size_t k = n - at < (1 << 20) ? n - at : (1 << 20);
            if (codec_compress(&lz4, (const char *)p + at, k, out, &err)) return -1;
        }
        return 0;
    }
    if (e->coding == CODING_BR) {
        size_t avail_in = n;
        const uint8_t *next_in = p;
        for (;;) {
            buf_reserve(out, 65536);
            size_t avail_out = 65536;
            uint8_t *next_out = (uint8_t *)out->data + out->len;
            if (!BrotliEncoderCompressStream(e->state, finish ? BROTLI_OPERATION_FINISH : BROTLI_OPERATION_FLUSH, &avail_in, &next_in,
                                             &avail_out, &next_out, NULL))
                return -1;
            out->len += 65536 - avail_out;
            if (!avail_in && !BrotliEncoderHasMoreOutput(e->state) && (!finish || BrotliEncoderIsFinished(e->state))) return 0;
        }
    }
    if (e->coding == CODING_LZ4) return lz4_write(e, p, n, finish, out);
    if (e->coding == CODING_ZSTD) {
        ZSTD_inBuffer in = {p, n, 0};
        for (;;) {
            buf_reserve(out, ZSTD_CStreamOutSize());
            ZSTD_outBuffer o = {out->data + out->len, ZSTD_CStreamOutSize(), 0};
            size_t r = ZSTD_compressStream2(e->state, &o, &in, finish ? ZSTD_e_end : ZSTD_e_flush);
            if (ZSTD_isError(r)) return -1;
            out->len += o.pos;
            if (r == 0 && in.pos == in.size) return 0;
        }
    }
    z_stream *z = e->state;
    z->next_in = (Bytef *)p;
    z->avail_in = (uInt)n;
    for (;;) {
        size_t room = deflateBound(z, z->avail_in) + 64;
        buf_reserve(out, room);
        z->next_out = (Bytef *)out->data + out->len;
        z->avail_out = (uInt)room;
        int r = deflate(z, finish ? Z_FINISH : Z_SYNC_FLUSH);
        out->len += room - z->avail_out;
        if (r != Z_OK && r != Z_BUF_ERROR && r != Z_STREAM_END) return -1;
        if (finish ? r == Z_STREAM_END : z->avail_out > 0) return 0;
    }
}

void http_encoder_free(HttpEncoder *e)
{
    if (!e->state) return;
    if (e->coding == CODING_BR) {
        BrotliEncoderDestroyInstance(e->state);
    } else if (e->coding == CODING_LZ4) {
        LZ4F_freeCompressionContext(e->state);
    } else if (e->coding == CODING_ZSTD) {
        ZSTD_freeCStream(e->state);
    } else {
        deflateEnd(e->state);
        free(e->state);
    }
    memset(e, 0, sizeof *e);
}
